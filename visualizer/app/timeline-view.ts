/// <reference lib="dom" />
import type { PredicateKind, PredicateVerdict, StateSummary } from '../../framework/testing.ts';
import { Diagram, eventText, itemText } from './diagram.ts';
import { element } from './dom.ts';
import { changedPaths } from './state-diff.ts';
import { StateTree } from './state-tree.ts';
import { summaryPanel } from './summary-panel.ts';
import type { PendingView, TimelineIndex } from './timeline-index.ts';

/** What explore mode adds to the view: pending items become buttons. */
export interface ExploreActions {
  /** Whether the item can be delivered (or fired) now, and why not. */
  availability(pending: PendingView): { enabled: boolean; reason?: string };
  take(itemId: string): void;
  /** The settings panel, placed first in the side panel. */
  settingsPanel(): HTMLElement;
  /** The history panel, placed after the events that can be taken. */
  historyPanel(): HTMLElement;
}

/** What outlives one view: the state trees (with what the user expanded) and open node cards. */
export interface ViewMemory {
  readonly trees: Map<string, StateTree>;
  readonly closedNodes: Set<string>;
}

export function newViewMemory(): ViewMemory {
  return { trees: new Map(), closedNodes: new Set() };
}

/**
 * One timeline on screen: the step controls, the diagram and the side panel with the step's
 * event, predicates, explanation, and each node's state and pending messages and timers.
 */
export class TimelineView {
  readonly root: HTMLElement;
  private readonly diagram: Diagram;
  private readonly side = element('aside', { class: 'side', 'aria-label': 'State at this step' });
  private readonly stepInput: HTMLInputElement;
  private readonly controls: Record<'start' | 'previous' | 'next' | 'end', HTMLButtonElement>;
  private readonly stepSummary = element('span', { class: 'step-summary', 'aria-live': 'polite' });
  private position = 0;

  constructor(
    readonly index: TimelineIndex,
    private readonly memory: ViewMemory,
    private readonly explore: ExploreActions | undefined,
    private readonly onPosition: (position: number) => void = () => {},
    /** The lab's summary of the whole system, shown at every step (lab 4: shard ownership). */
    private readonly summary?: StateSummary,
  ) {
    this.diagram = new Diagram(index, (row) => this.setPosition(row));
    this.stepInput = element('input', {
      type: 'number',
      min: '0',
      max: String(index.rows - 1),
      value: '0',
      id: 'step-input',
      'aria-label': 'Step number',
    });
    this.stepInput.addEventListener('change', () => this.setPosition(Number(this.stepInput.value)));
    const button = (
      label: string,
      title: string,
      action: () => void,
      id: string,
    ): HTMLButtonElement => {
      const created = element('button', { type: 'button', title, id }, label);
      created.addEventListener('click', action);
      return created;
    };
    this.controls = {
      start: button('|◀ Start', 'Go to the start (Home)', () => this.setPosition(0), 'step-start'),
      previous: button(
        '◀ Previous',
        'Previous step (p)',
        () => this.setPosition(this.position - 1),
        'step-previous',
      ),
      next: button(
        'Next ▶',
        'Next step (n)',
        () => this.setPosition(this.position + 1),
        'step-next',
      ),
      end: button(
        'End ▶|',
        'Go to the last step (End)',
        () => this.setPosition(index.rows - 1),
        'step-end',
      ),
    };
    const violation = index.violationPosition();
    const toolbar = element(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Step controls' },
      this.controls.start,
      this.controls.previous,
      this.controls.next,
      this.controls.end,
      element('label', { class: 'step-jump', for: 'step-input' }, 'Step '),
      this.stepInput,
      element('span', { class: 'step-total' }, ` of ${index.rows - 1}`),
      violation === undefined
        ? undefined
        : button(
            '⚑ Go to violation',
            'Jump to the first step where something went wrong',
            () => this.setPosition(violation),
            'step-violation',
          ),
      this.stepSummary,
      element('span', { class: 'keys muted' }, 'Keys: n next · p previous · Home · End'),
    );
    this.root = element(
      'div',
      { class: 'timeline-view' },
      toolbar,
      element(
        'main',
        { class: 'layout' },
        element(
          'section',
          { class: 'diagram-pane', 'aria-label': 'Space-time diagram' },
          this.diagram.root,
        ),
        this.side,
      ),
    );
  }

  get currentPosition(): number {
    return this.position;
  }

  setPosition(requested: number): void {
    const position = Math.max(
      0,
      Math.min(this.index.rows - 1, Math.round(Number.isFinite(requested) ? requested : 0)),
    );
    this.position = position;
    this.stepInput.value = String(position);
    this.controls.start.disabled = this.controls.previous.disabled = position === 0;
    this.controls.end.disabled = this.controls.next.disabled = position === this.index.rows - 1;
    this.stepSummary.textContent =
      position === 0 ? 'Start: every node after init()' : eventText(this.index, position);
    this.onPosition(position);
    this.diagram.setPosition(position);
    this.renderSide();
  }

  /** Handles n / p / Home / End; returns whether the key was used. */
  handleKey(key: string): boolean {
    const moves: Record<string, number> = {
      n: this.position + 1,
      p: this.position - 1,
      Home: 0,
      End: this.index.rows - 1,
    };
    const target = moves[key];
    if (target === undefined) return false;
    this.setPosition(target);
    return true;
  }

  private renderSide(): void {
    const explore = this.explore;
    const sections =
      explore === undefined
        ? [
            this.stepSection(),
            this.summarySection(),
            this.outcomeSection(),
            this.predicateSection(),
            this.explanationSection(),
            this.nodesSection(),
          ]
        : [
            explore.settingsPanel(),
            this.stepSection(),
            this.summarySection(),
            this.outcomeSection(),
            this.predicateSection(),
            this.takePanel(),
            explore.historyPanel(),
            this.nodesSection(),
          ];
    this.side.replaceChildren(
      ...sections.filter((section): section is HTMLElement => section !== undefined),
    );
  }

  private stepSection(): HTMLElement {
    const event = this.index.eventAt(this.position);
    const error = this.index.errorAt(this.position);
    const time =
      event?.timeMs === undefined
        ? undefined
        : element('p', { class: 'muted' }, `simulated time ${event.timeMs} ms`);
    return section(
      this.position === 0 ? 'Start' : `Step ${this.position}`,
      element(
        'p',
        { class: 'event-text', id: 'event-text' },
        this.position === 0
          ? 'Every node has run init(); nothing has been delivered yet.'
          : eventText(this.index, this.position),
      ),
      time,
      error === undefined
        ? undefined
        : element('p', { class: 'error-text' }, `The handler threw: ${error}`),
    );
  }

  private summarySection(): HTMLElement | undefined {
    return this.summary === undefined
      ? undefined
      : summaryPanel(this.summary, this.index, this.position);
  }

  private outcomeSection(): HTMLElement | undefined {
    const outcome = this.index.timeline.outcome;
    const violation = this.index.violationPosition();
    const atEnd = this.position === this.index.rows - 1;
    if (outcome === undefined || (!atEnd && this.position !== violation)) return undefined;
    // The explanation has its own panel: the outcome keeps only what comes before it.
    const explanation = this.index.timeline.explanation;
    const cut =
      explanation === undefined ? -1 : outcome.text.indexOf(explanation.split('\n')[0] ?? '');
    const text = element(
      'p',
      { class: outcome.failed ? 'violation-text' : 'success-text', id: 'violation-text' },
      cut > 0 ? `${outcome.text.slice(0, cut).trim()} (see the explanation below)` : outcome.text,
    );
    return section(outcome.failed ? 'What went wrong' : 'Outcome', text);
  }

  private predicateSection(): HTMLElement {
    const predicates = this.index.timeline.predicates;
    if (predicates.length === 0) {
      const note =
        this.index.timeline.kind === 'run'
          ? 'A run test checks its results at the end of the run: see the outcome at the last step.'
          : 'This search has no predicates.';
      return section('Invariants, goals and prunes', element('p', { class: 'muted' }, note));
    }
    const verdicts = this.index.verdictsAt(this.position);
    const list = element('ul', { class: 'predicates', id: 'predicates' });
    predicates.forEach((predicate, index) =>
      list.append(predicateRow(predicate.name, predicate.kind, verdicts?.[index])),
    );
    return section('Invariants, goals and prunes at this step', list);
  }

  private explanationSection(): HTMLElement | undefined {
    const explanation = this.index.timeline.explanation;
    if (explanation === undefined) return undefined;
    return section(
      "History checker's explanation",
      element('pre', { class: 'explanation', id: 'explanation' }, explanation),
    );
  }

  /** Explore mode: every pending message and timer, with its button, in one place. */
  private takePanel(): HTMLElement {
    const pending = this.index.pendingAt(this.position);
    const messages = pending.filter((view) => view.item.kind === 'message');
    const timers = pending.filter((view) => view.item.kind === 'timer');
    return section(
      'Events you can take',
      element('h4', {}, `Messages in the network (${messages.length})`),
      this.itemList(messages, 'message', true),
      element('h4', {}, `Pending timers (${timers.length})`),
      this.itemList(timers, 'timer', true),
    );
  }

  private nodesSection(): HTMLElement {
    const changed = new Set(this.index.changedAt(this.position));
    const pending = this.index.pendingAt(this.position);
    const cards = this.index.lanes.map((lane) => this.nodeCard(lane, changed.has(lane), pending));
    return section('Nodes', ...cards);
  }

  private nodeCard(
    lane: string,
    changedHere: boolean,
    pending: readonly PendingView[],
  ): HTMLElement {
    const state = this.index.stateAt(lane, this.position);
    const before = this.position === 0 ? state : this.index.stateAt(lane, this.position - 1);
    let tree = this.memory.trees.get(lane);
    if (tree === undefined) this.memory.trees.set(lane, (tree = new StateTree()));
    tree.render(state, changedHere ? changedPaths(before, state) : new Set());
    const className =
      state !== null &&
      typeof state === 'object' &&
      !Array.isArray(state) &&
      typeof state.$class === 'string'
        ? state.$class
        : undefined;
    const summary = element(
      'summary',
      {},
      element('span', { class: 'node-name' }, lane),
      className === undefined ? undefined : element('span', { class: 'muted' }, ` ${className}`),
      changedHere ? element('span', { class: 'badge changed-badge' }, 'changed') : undefined,
    );
    const card = element(
      'details',
      { class: `node-card${changedHere ? ' changed' : ''}`, 'data-node': lane },
      summary,
      tree.root,
      this.pendingList(lane, pending),
    );
    card.open = !this.memory.closedNodes.has(lane);
    card.addEventListener('toggle', () => {
      if (card.open) this.memory.closedNodes.delete(lane);
      else this.memory.closedNodes.add(lane);
    });
    return card;
  }

  private pendingList(lane: string, pending: readonly PendingView[]): HTMLElement {
    const mine = pending.filter(
      (view) => this.index.laneOf(view.item.to) === this.index.lanes.indexOf(lane),
    );
    const messages = mine.filter((view) => view.item.kind === 'message');
    const timers = mine.filter((view) => view.item.kind === 'timer');
    const stay = this.index.timeline.messagesStay;
    return element(
      'div',
      { class: 'pending' },
      element(
        'h4',
        {},
        stay
          ? `Messages for ${lane} in the network (${messages.length})`
          : `Messages in flight to ${lane} (${messages.length})`,
      ),
      this.itemList(messages, 'message'),
      element('h4', {}, `Pending timers (${timers.length})`),
      this.itemList(timers, 'timer'),
    );
  }

  private itemList(
    views: readonly PendingView[],
    kind: 'message' | 'timer',
    withReceiver = false,
  ): HTMLElement {
    const list = element('ul', { class: `pending-list${withReceiver ? ' take-list' : ''}` });
    if (views.length === 0) list.append(element('li', { class: 'muted' }, 'none'));
    for (const view of views) {
      const item = view.item;
      const origin =
        kind === 'message'
          ? `from ${item.from ?? '?'}${withReceiver ? ` to ${item.to}` : ''}, `
          : withReceiver
            ? `of ${item.to}, `
            : '';
      const when =
        item.dueMs !== undefined
          ? `due ${item.dueMs} ms`
          : item.durationMs !== undefined
            ? `after ${item.durationMs[0]}–${item.durationMs[1]} ms`
            : '';
      const delivered = view.deliveries > 0 ? ` · delivered ${view.deliveries}×` : '';
      const details = element(
        'span',
        { class: 'muted' },
        ` ${origin}set at step ${view.addedAt}${when === '' ? '' : ` · ${when}`}${delivered}${item.duplicate === true ? ' · duplicate copy' : ''}`,
      );
      const row = element(
        'li',
        { class: `pending-item pending-${kind}`, 'data-item': item.id },
        element('code', {}, itemText(this.index, item.id, item.label ?? '', 240)),
        details,
      );
      if (this.explore !== undefined) row.prepend(this.takeButton(view, kind));
      list.append(row);
    }
    return list;
  }

  private takeButton(view: PendingView, kind: 'message' | 'timer'): HTMLButtonElement {
    const availability = (this.explore as ExploreActions).availability(view);
    const label = kind === 'timer' ? 'Fire' : view.deliveries > 0 ? 'Deliver again' : 'Deliver';
    const button = element(
      'button',
      {
        type: 'button',
        class: 'take',
        'data-take': view.item.id,
        title: availability.reason ?? `${label} this ${kind} now`,
      },
      label,
    );
    button.disabled = !availability.enabled;
    button.addEventListener('click', () => (this.explore as ExploreActions).take(view.item.id));
    return button;
  }
}

function section(title: string, ...children: (HTMLElement | undefined)[]): HTMLElement {
  return element('section', { class: 'panel' }, element('h2', {}, title), ...children);
}

function predicateRow(
  name: string,
  kind: PredicateKind,
  verdict: PredicateVerdict | undefined,
): HTMLElement {
  const fired = kind === 'invariant' ? verdict !== true : verdict !== false;
  const words: Record<PredicateKind, [string, string]> = {
    invariant: ['holds', 'VIOLATED'],
    goal: ['not reached', 'reached'],
    prune: ['not pruned', 'pruned'],
  };
  const status = verdict === undefined ? 'not checked' : words[kind][fired ? 1 : 0];
  const tone =
    verdict === undefined
      ? 'unknown'
      : kind === 'invariant'
        ? fired
          ? 'fail'
          : 'pass'
        : fired
          ? 'reached'
          : 'idle';
  const reason =
    typeof verdict === 'string'
      ? element('div', { class: 'predicate-reason' }, verdict)
      : undefined;
  return element(
    'li',
    { class: `predicate predicate-${tone}` },
    element('span', { class: `badge ${tone}` }, status),
    element('span', { class: 'predicate-kind' }, kind),
    element('span', { class: 'predicate-name' }, name),
    reason,
  );
}
