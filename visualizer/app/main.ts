/// <reference lib="dom" />
import { findLab, type Lab } from '../../framework/testing.ts';
import type { StepTimeline, TraceWithSteps } from '../../framework/trace/index.ts';
import { element } from './dom.ts';
import { eventsOnlyTimelines } from './events-timeline.ts';
import { legend } from './legend.ts';
import { TimelineIndex } from './timeline-index.ts';
import { newViewMemory, TimelineView } from './timeline-view.ts';
import type { ExploreRequest } from './explore-request.ts';

/** What the server asks the page to show. */
interface Session {
  readonly mode: 'trace' | 'explore';
  readonly traceUrl?: string;
  readonly file?: string;
  readonly explore?: ExploreRequest;
  /** Trace mode: the timeline to open, and whether to open it in explore mode at its start. */
  readonly timeline?: number;
  readonly exploreTimeline?: boolean;
}

declare global {
  interface Window {
    /**
     * Time from navigation to the first drawn diagram, in ms (read by the browser tests and the
     * benchmark).
     */
    tslabsFirstRenderMs?: number;
  }
}

const app = document.getElementById('app') as HTMLElement;
let keyHandler: ((key: string) => boolean) | undefined;

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (
    target.tagName === 'INPUT' ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey
  )
    return;
  if (keyHandler?.(event.key) === true) event.preventDefault();
});

/**
 * Starts the page over the labs its entry module hands it (the registry `tslabs viz` bundles):
 * explore mode runs them in the page.
 */
export function showVisualizer(labs: readonly Lab[]): void {
  start(labs).catch((error: unknown) => {
    app.replaceChildren(
      element(
        'div',
        { class: 'fatal', role: 'alert' },
        element('h1', {}, 'The visualizer could not start'),
        element('pre', {}, error instanceof Error ? error.message : String(error)),
      ),
    );
  });
}

async function start(labs: readonly Lab[]): Promise<void> {
  const session = (await (await fetch('/api/session')).json()) as Session;
  if (session.mode === 'explore' && session.explore !== undefined) {
    const { showExplore } = await import('./explore-view.ts');
    await showExplore(app, labs, session.explore, (handler) => (keyHandler = handler));
    return;
  }
  const response = await fetch(session.traceUrl ?? '/api/trace');
  if (!response.ok)
    throw new Error(`the trace could not be loaded: ${response.status} ${await response.text()}`);
  const trace = (await response.json()) as TraceWithSteps;
  showTrace(labs, trace, session);
}

function showTrace(labs: readonly Lab[], trace: TraceWithSteps, session: Session): void {
  const timelines: readonly StepTimeline[] = trace.steps?.timelines ?? eventsOnlyTimelines(trace);
  const header = element(
    'header',
    { class: 'top' },
    element('h1', {}, 'tslabs visualizer'),
    element(
      'span',
      { class: 'subtitle' },
      `Lab ${trace.lab}${trace.variant === undefined ? '' : ` (${trace.variant})`} · test ${trace.part}.${trace.test} · ${trace.description} · seed ${trace.seed}`,
    ),
    element(
      'span',
      { class: `badge ${trace.outcome.passed ? 'pass' : 'fail'}`, id: 'test-outcome' },
      trace.outcome.passed ? 'PASS' : 'FAIL',
    ),
    session.file === undefined ? undefined : element('span', { class: 'muted file' }, session.file),
  );
  const picker = element('select', {
    id: 'timeline-picker',
    'aria-label': 'Which simulation or search phase to show',
  });
  timelines.forEach((timeline, index) =>
    picker.append(
      element(
        'option',
        { value: String(index) },
        `${timeline.kind === 'run' ? 'Run' : 'Search'}: ${timeline.title} (${timeline.steps.length} steps)`,
      ),
    ),
  );
  const exploreButton = element(
    'button',
    {
      type: 'button',
      id: 'explore-here',
      title: 'Explore from the current step: deliver messages and fire timers yourself',
    },
    'Explore from this step',
  );
  const bar = element(
    'div',
    { class: 'timeline-bar' },
    element('label', { for: 'timeline-picker' }, 'Showing '),
    picker,
    exploreButton,
    element('span', { class: 'muted', id: 'explore-note' }),
  );
  const holder = element('div', { class: 'timeline-holder' });
  const notes =
    trace.steps === undefined
      ? element(
          'p',
          { class: 'warning' },
          'This trace has no per-step snapshots: only its events are shown. Save it again with a current tslabs to see node states.',
        )
      : undefined;
  app.replaceChildren(
    header,
    bar,
    element(
      'div',
      { class: 'legend-bar' },
      element('span', { class: 'legend-title' }, 'Legend:'),
      legend(),
    ),
    ...(notes === undefined ? [] : [notes]),
    holder,
  );
  const memory = newViewMemory();
  let view: TimelineView | undefined;
  const open = (index: number): void => {
    const timeline = timelines[index];
    if (timeline === undefined) return;
    const index_ = new TimelineIndex(timeline);
    view = new TimelineView(
      index_,
      memory,
      undefined,
      undefined,
      findLab(labs, trace.lab)?.summary,
    );
    holder.replaceChildren(view.root);
    keyHandler = (key) => view?.handleKey(key) ?? false;
    const violation = index_.violationPosition();
    view.setPosition(violation ?? 0);
    const explorable = exploreRequestFor(trace, timelines, index, 0) !== undefined;
    exploreButton.disabled = !explorable;
    (document.getElementById('explore-note') as HTMLElement).textContent = explorable
      ? ''
      : 'This search is not over a node system: it cannot be explored.';
  };
  picker.addEventListener('change', () => open(Number(picker.value)));
  exploreButton.addEventListener('click', () => {
    const request =
      view === undefined
        ? undefined
        : exploreRequestFor(trace, timelines, Number(picker.value), view.currentPosition);
    if (request !== undefined)
      void import('./explore-view.ts').then(({ showExplore }) =>
        showExplore(app, labs, request, (handler) => (keyHandler = handler)),
      );
  });
  const first =
    session.timeline ??
    Math.max(
      0,
      timelines.findIndex((timeline) => timeline.outcome?.failed === true),
    );
  picker.value = String(first);
  open(first);
  markFirstRender();
  if (session.exploreTimeline === true) exploreButton.click();
}

/**
 * Explore mode re-runs the test in the page up to the step: a run test's simulation, or a
 * search phase of a node system (whose path is then taken again, event by event).
 */
function exploreRequestFor(
  trace: TraceWithSteps,
  timelines: readonly StepTimeline[],
  index: number,
  position: number,
): ExploreRequest | undefined {
  const timeline = timelines[index];
  if (timeline === undefined) return undefined;
  const test = {
    lab: trace.lab,
    ...(trace.variant === undefined ? {} : { variant: trace.variant }),
    part: trace.part,
    test: trace.test,
    seed: trace.seed,
  };
  if (timeline.kind === 'run') {
    const simulation = timelines.slice(0, index).filter((earlier) => earlier.kind === 'run').length;
    return { kind: 'run', ...test, simulation, position };
  }
  if (timeline.phase === undefined || timeline.lanes[0] === 'state') return undefined;
  const path = timeline.steps.slice(0, position).map((step) => step.event.label);
  return { kind: 'test', ...test, phase: timeline.phase, path };
}

function markFirstRender(): void {
  requestAnimationFrame(() => {
    window.tslabsFirstRenderMs = performance.now();
    const footer = document.getElementById('render-time');
    if (footer !== null)
      footer.textContent = `first render ${window.tslabsFirstRenderMs.toFixed(0)} ms after page load`;
  });
}
