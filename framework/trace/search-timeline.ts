import type { LabSearchResult } from '../lab/search-phase.ts';
import type { Model } from '../search/model.ts';
import type { Predicate, PredicateVerdict } from '../search/predicate.ts';
import { replayPath } from '../search/replay-path.ts';
import { isFinding } from '../search/search-result.ts';
import { NODE_SYSTEM, type SystemModel } from '../system/system-model.ts';
import type { SystemState } from '../system/system-state.ts';
import { stateJson } from './state-json.ts';
import { SystemStepper } from './system-stepper.ts';
import { explanationIn, type StepTimeline, type TimelineStep } from './trace-steps.ts';

/**
 * The timeline of one search phase: its finding's path replayed from the initial state,
 * step by step, with every predicate's verdict after each step. A phase without a finding
 * (a goal that was not reached) gives the steps to its start state, so that the visualizer
 * can explore from there.
 */
export function searchTimeline<State, Event>(
  result: LabSearchResult<State, Event>,
  phase: number,
): StepTimeline {
  const { request } = result;
  const finding = isFinding(result) ? result : undefined;
  const initial = finding?.initial ?? request.start?.initial ?? request.model.initialStates()[0];
  if (initial === undefined)
    throw new Error(`search "${request.description}" has no initial state`);
  const path = finding?.path ?? request.start?.path ?? [];
  const common = {
    title: `${request.description}: ${result.outcome}`,
    kind: 'search' as const,
    predicates: request.predicates.map((predicate) => ({
      name: predicate.name,
      kind: predicate.kind,
    })),
    messagesStay: true,
    outcome: outcomeOf(result),
    phase,
  };
  const explanation = explanationIn(common.outcome.text);
  const nodeSystem = request.model.asKind?.(NODE_SYSTEM);
  const replayed =
    nodeSystem === undefined
      ? replayModel(request.model, request.predicates, initial, path)
      : replaySystem(
          nodeSystem.model,
          nodeSystem.predicates(request.predicates),
          nodeSystem.state(initial),
          path.map((event) => nodeSystem.event(event)),
        );
  return { ...common, ...replayed, ...(explanation === undefined ? {} : { explanation }) };
}

function replaySystem(
  model: SystemModel,
  predicates: readonly Predicate<SystemState>[],
  initial: SystemState,
  path: readonly number[],
): Pick<StepTimeline, 'lanes' | 'start' | 'steps'> {
  const stepper = new SystemStepper(model, predicates);
  const { frame: startFrame, start } = stepper.startFrame(initial);
  let frame = startFrame;
  const steps: TimelineStep[] = [];
  replayPath(model, initial, path, [], {
    resolve: asRecorded,
    onStep: (taken) => {
      const outcome = 'error' in taken ? { error: taken.error } : { next: taken.after };
      const next = stepper.taken(frame, taken.event, outcome);
      steps.push(next.step);
      frame = next.frame;
    },
  });
  return { lanes: stepper.lanes, start, steps };
}

/** Any other model (a plain state machine): one lane, the whole state as its node. */
function replayModel<State, Event>(
  model: Model<State, Event>,
  predicates: readonly Predicate<State>[],
  initial: State,
  path: readonly Event[],
): Pick<StepTimeline, 'lanes' | 'start' | 'steps'> {
  const lane = 'state';
  const verdicts = (state: State): PredicateVerdict[] =>
    predicates.map((predicate) => predicate.test(state));
  const steps: TimelineStep[] = [];
  replayPath(model, initial, path, [], {
    resolve: asRecorded,
    onStep: (taken) => {
      const label = model.describeEvent(taken.event);
      const event = { type: 'control' as const, action: 'other' as const, nodes: [lane], label };
      if ('error' in taken) {
        const error = taken.error;
        steps.push({
          event,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      } else {
        steps.push({
          event,
          states: { [lane]: stateJson(taken.after) },
          verdicts: verdicts(taken.after),
        });
      }
    },
  });
  return {
    lanes: [lane],
    start: { states: { [lane]: stateJson(initial) }, added: [], verdicts: verdicts(initial) },
    steps,
  };
}

/**
 * A finding's path is the model's own events, taken as they are: its start may come from an
 * earlier phase whose restrictions allowed events this phase's do not.
 */
function asRecorded<Event>(event: Event): Event {
  return event;
}

function outcomeOf<State, Event>(
  result: LabSearchResult<State, Event>,
): { text: string; failed: boolean } {
  switch (result.outcome) {
    case 'exception thrown': {
      const error = result.error;
      const thrower =
        result.predicate === undefined
          ? ''
          : `${result.predicate.kind} "${result.predicate.name}" threw: `;
      return {
        text: `exception thrown: ${thrower}${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        failed: true,
      };
    }
    case 'invariant violated':
    case 'goal found': {
      const detail = result.detail === undefined ? '' : `: ${result.detail}`;
      return {
        text: `${result.predicate.kind} "${result.predicate.name}" ${result.outcome === 'goal found' ? 'reached' : 'violated'}${detail}`,
        failed: result.outcome === 'invariant violated',
      };
    }
    case 'space exhausted':
    case 'time exhausted':
    case 'memory exhausted':
      return {
        text: `${result.outcome} after ${result.uniqueStates.toLocaleString('en-US')} states without a finding`,
        failed: result.request.predicates.some((predicate) => predicate.kind === 'goal'),
      };
  }
}
