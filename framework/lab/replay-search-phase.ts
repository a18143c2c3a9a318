import type { Model } from '../search/model.ts';
import { replayPath } from '../search/replay-path.ts';
import type { SearchResult } from '../search/search-result.ts';
import { checkRecordedNodes } from './recorded-path-error.ts';
import type { SearchReport } from './search-report.ts';
import { eventKey } from './run-search-phase.ts';
import type { LabSearchResult, SearchRequest } from './search-phase.ts';

/**
 * Replays a recorded search finding instead of searching again: the recorded path is a list
 * of described events, matched step by step against the events enabled now, and every state
 * along it is checked by the phase's predicates, in one pass ({@link replayPath}). If the code
 * no longer allows a recorded event, the replay says where it diverged and returns undefined:
 * the caller then searches again, so the test reports what the code does now. A path that
 * names nodes the model does not have throws {@link RecordedPathError} before any step.
 */
export function replaySearchPhase<State, Event>(
  request: SearchRequest<State, Event>,
  recorded: SearchReport,
  phase: number,
  write: (line: string) => void,
): LabSearchResult<State, Event> | undefined {
  const { model } = request;
  checkRecordedNodes(model, recorded, phase);
  const initial = request.start?.state ?? firstInitialState(model);
  // A phase that starts where an earlier one ended reports paths that begin with that
  // phase's path: the replay starts at its end, so it skips those events.
  const prefix = request.start?.path ?? [];
  const recordedKeys = (recorded.pathKeys ?? recorded.path).slice(prefix.length);
  const recordedDescriptions = recorded.path.slice(prefix.length);
  const keyOf = (event: Event): string =>
    recorded.pathKeys === undefined ? model.describeEvent(event) : eventKey(model, event);
  const events: Event[] = [];
  const replay = replayPath(model, initial, recordedKeys, request.predicates, {
    resolve: (key, state) => model.events(state).find((enabled) => keyOf(enabled) === key),
    onStep: ({ step, event }) => {
      events.push(event);
      write(
        `  ${String(step + 1).padStart(3)}. ${recordedDescriptions[step] ?? recordedKeys[step] ?? ''}`,
      );
    },
  });
  // The same finding as recorded is reported with the recorded search's figures, so that the
  // replay's failure reads as the test's did ("after 7 states", not the path's length).
  const same = replay.outcome === recorded.outcome;
  const statistics = {
    uniqueStates: same ? recorded.states : replay.step + 1,
    transitions: replay.step,
    depthReached: same ? recorded.depth : replay.step,
    elapsedMs: undefined,
  };
  // A throwing event ends the path it threw on; a throwing predicate's state is where the path
  // leads.
  const path = [
    ...prefix,
    ...events.slice(
      0,
      replay.outcome === 'exception thrown' && replay.predicate === undefined
        ? replay.step + 1
        : replay.step,
    ),
  ];
  let result: SearchResult<State, Event>;
  switch (replay.outcome) {
    case 'invariant violated':
    case 'goal found':
      result = {
        outcome: replay.outcome,
        initial: request.start?.initial ?? initial,
        path,
        state: replay.state,
        predicate: replay.predicate,
        detail: replay.detail,
        ...statistics,
      };
      break;
    case 'exception thrown':
      result = {
        outcome: 'exception thrown',
        initial: request.start?.initial ?? initial,
        path,
        state: replay.state,
        event: replay.event,
        error: replay.error,
        ...(replay.predicate === undefined ? {} : { predicate: replay.predicate }),
        ...statistics,
      };
      break;
    case 'completed':
      write('  the recorded path no longer ends in a finding; searching again');
      return undefined;
    case 'diverged':
      write(
        `  the code now diverges from the trace at event ${prefix.length + replay.step + 1}: ${recordedDescriptions[replay.step] ?? ''} is not enabled; searching again`,
      );
      return undefined;
  }
  return { ...result, request, describedPath: path.map((event) => model.describeEvent(event)) };
}

function firstInitialState<State, Event>(model: Model<State, Event>): State {
  const [initial] = model.initialStates();
  if (initial === undefined) throw new Error('the model has no initial state');
  return initial;
}
