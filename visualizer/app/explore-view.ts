/// <reference lib="dom" />
import { ExploreOptionError, exploreOptions, type Lab } from '../../framework/testing.ts';
import { element } from './dom.ts';
import type { ExploreRequest } from './explore-request.ts';
import type { ExploreSession, HistoryNode } from './explore-session.ts';
import { startExplore, type ExploreStart } from './explore-source.ts';
import { legend } from './legend.ts';
import { TimelineIndex } from './timeline-index.ts';
import { newViewMemory, TimelineView, type ExploreActions } from './timeline-view.ts';

/**
 * Explore mode: the lab's code runs in the page. Every pending message and timer has a
 * button; what is taken grows a history tree, any point of which can be revisited to try
 * another order.
 */
export async function showExplore(
  app: HTMLElement,
  labs: readonly Lab[],
  request: ExploreRequest,
  setKeys: (handler: (key: string) => boolean) => void,
): Promise<void> {
  app.replaceChildren(
    element(
      'p',
      { class: 'loading' },
      request.kind === 'lab'
        ? 'Building the system…'
        : 'Preparing: running the test up to the chosen step in the page…',
    ),
  );
  await new Promise((resolve) => requestAnimationFrame(resolve));
  let started: ExploreStart;
  try {
    started = startExplore(labs, request, () => performance.now());
  } catch (error) {
    app.replaceChildren(
      element(
        'div',
        { class: 'fatal', role: 'alert' },
        element('h1', {}, 'Explore mode could not start'),
        element('p', {}, error instanceof Error ? error.message : String(error)),
      ),
    );
    return;
  }
  new ExploreScreen(app, labs, started, request, setKeys).show();
}

class ExploreScreen {
  private readonly memory = newViewMemory();
  private readonly holder = element('div', { class: 'timeline-holder' });
  private view: TimelineView | undefined;
  private readonly session: ExploreSession;

  constructor(
    private readonly app: HTMLElement,
    private readonly labs: readonly Lab[],
    private readonly started: ExploreStart,
    private readonly request: ExploreRequest,
    private readonly setKeys: (handler: (key: string) => boolean) => void,
  ) {
    this.session = started.session;
  }

  show(): void {
    const header = element(
      'header',
      { class: 'top' },
      element('h1', {}, 'tslabs visualizer'),
      element('span', { class: 'badge reached' }, 'EXPLORE'),
      element('span', { class: 'subtitle', id: 'explore-title' }, this.started.title),
    );
    const help = element(
      'p',
      { class: 'timeline-bar muted' },
      'Click Deliver or Fire next to a pending message or timer (under “Events you can take” on the right) to take that event. Go back a step (p, or click a row) and take another to branch; the History panel lists every branch.',
    );
    this.app.replaceChildren(
      header,
      help,
      element(
        'div',
        { class: 'legend-bar' },
        element('span', { class: 'legend-title' }, 'Legend:'),
        legend(),
      ),
      this.holder,
    );
    this.setKeys((key) => this.view?.handleKey(key) ?? false);
    this.refresh();
    window.tslabsFirstRenderMs ??= performance.now();
  }

  /** Rebuilds the view for the current branch (after an event was taken or a branch chosen). */
  private refresh(): void {
    const index = new TimelineIndex(this.session.timeline());
    const actions: ExploreActions = {
      availability: (pending) => this.session.availability(pending.item.id),
      take: (itemId) => {
        this.session.take(itemId);
        this.refresh();
      },
      settingsPanel: () => this.settingsPanel(),
      historyPanel: () => this.historyPanel(),
    };
    const view = new TimelineView(
      index,
      this.memory,
      actions,
      (position) => this.session.moveTo(position),
      this.started.lab.summary,
    );
    this.view = view;
    this.holder.replaceChildren(view.root);
    view.setPosition(this.session.position);
  }

  private settingsPanel(): HTMLElement {
    const panel = element(
      'section',
      { class: 'panel explore-settings' },
      element('h2', {}, 'Explore'),
    );
    if (this.request.kind === 'lab') panel.append(this.labForm(this.request));
    if (this.session.restricted) {
      const box = element('input', { type: 'checkbox', id: 'override-restrictions' });
      box.checked = this.session.override;
      box.addEventListener('change', () => {
        this.session.override = box.checked;
        this.view?.setPosition(this.session.position);
      });
      panel.append(
        element(
          'label',
          { class: 'override', for: 'override-restrictions' },
          box,
          " Ignore the test's delivery restrictions (partitions, inactive nodes, timers off)",
        ),
      );
    } else {
      panel.append(
        element(
          'p',
          { class: 'muted' },
          'Every message and timer may be taken: this system has no delivery restrictions.',
        ),
      );
    }
    return panel;
  }

  private labForm(request: Extract<ExploreRequest, { kind: 'lab' }>): HTMLElement {
    const setup = this.started.lab.explore;
    const form = element('form', { class: 'lab-form' });
    if (setup === undefined) return form;
    const number = (
      name: 'servers' | 'clients',
      range: { min: number; max: number; default: number },
    ): HTMLInputElement => {
      const input = element('input', {
        type: 'number',
        name,
        id: `explore-${name}`,
        min: String(range.min),
        max: String(range.max),
        value: String(request[name] ?? range.default),
      });
      input.disabled = range.min === range.max;
      form.append(
        element(
          'label',
          { for: `explore-${name}` },
          `${name === 'servers' ? 'Servers' : 'Clients'} `,
          input,
        ),
      );
      return input;
    };
    const lab = this.started.lab;
    const variant = element('select', { id: 'explore-variant', name: 'variant' });
    for (const name of lab.variants ?? []) variant.append(element('option', { value: name }, name));
    if (lab.variants !== undefined) {
      variant.value = request.variant ?? lab.defaultVariant ?? lab.variants[0] ?? '';
      form.append(element('label', { for: 'explore-variant' }, 'Variant ', variant));
    }
    const servers = number('servers', setup.servers);
    const clients = number('clients', setup.clients);
    const workload = element('select', { id: 'explore-workload', name: 'workload' });
    for (const option of setup.workloads)
      workload.append(
        element(
          'option',
          { value: option.name, title: option.description },
          `${option.name}: ${option.description}`,
        ),
      );
    workload.value = request.workload ?? setup.workloads[0]?.name ?? '';
    form.append(element('label', { for: 'explore-workload' }, 'Workload ', workload));
    const own = (setup.options ?? []).map((spec) => {
      const id = `explore-option-${spec.name}`;
      const input =
        spec.kind === 'count'
          ? element('input', {
              type: 'number',
              id,
              name: spec.name,
              min: String(spec.range.min),
              max: String(spec.range.max),
              value: String(request.counts?.[spec.name] ?? spec.range.default),
            })
          : element('input', {
              type: 'text',
              id,
              name: spec.name,
              value: request.texts?.[spec.name] ?? spec.default,
              spellcheck: 'false',
            });
      form.append(
        element('label', { for: id, title: `--${spec.name}` }, `${spec.description} `, input),
      );
      return { spec, input };
    });
    const problem = element('p', {
      class: 'error-text',
      id: 'explore-form-problem',
      role: 'alert',
    });
    form.append(element('button', { type: 'submit' }, 'Start over with these'), problem);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const counts: Record<string, number> = {};
      const texts: Record<string, string> = {};
      for (const { spec, input } of own)
        if (spec.kind === 'count') counts[spec.name] = Number(input.value);
        else texts[spec.name] = input.value;
      const next: ExploreRequest = {
        kind: 'lab',
        lab: request.lab,
        ...(lab.variants === undefined ? {} : { variant: variant.value }),
        servers: Number(servers.value),
        clients: Number(clients.value),
        workload: workload.value,
        counts,
        texts,
      };
      // A bad value (a config script naming a group that does not exist) is said here, and
      // the system explored so far stays.
      try {
        exploreOptions(setup, next, lab);
      } catch (error) {
        if (!(error instanceof ExploreOptionError)) throw error;
        problem.textContent = error.message;
        return;
      }
      void showExplore(this.app, this.labs, next, this.setKeys);
    });
    return form;
  }

  private historyPanel(): HTMLElement {
    const branch = new Set(this.session.branch());
    const current = this.session.current;
    const render = (node: HistoryNode): HTMLElement => {
      const label =
        node.step === undefined
          ? 'start'
          : `${node.step.error === undefined ? '' : '⚠ '}${this.session.describe(node)}`;
      const button = element(
        'button',
        {
          type: 'button',
          class: `${node === current ? 'current' : ''}${branch.has(node) ? ' on-branch' : ''}`,
          title: label,
          'data-history': String(node.id),
        },
        label.length > 70 ? `${label.slice(0, 69)}…` : label,
      );
      button.addEventListener('click', () => {
        this.session.select(node);
        this.refresh();
      });
      const item = element('li', {}, button);
      if (node.children.length > 0) item.append(element('ul', {}, ...node.children.map(render)));
      return item;
    };
    const count = this.session.nodes().length - 1;
    return element(
      'section',
      { class: 'panel' },
      element('h2', {}, `History (${count} step${count === 1 ? '' : 's'} explored)`),
      element('ul', { class: 'history', id: 'history' }, render(this.session.root)),
    );
  }
}
