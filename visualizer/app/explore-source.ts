import { NODE_SYSTEM } from '../../framework/engine.ts';
import {
  executeTest,
  exploreOptions,
  type ExploreSystem,
  findLab,
  type Lab,
  type SearchRequest,
} from '../../framework/testing.ts';
import { runStepSystem } from '../../framework/trace/index.ts';
import type { ExploreRequest } from './explore-request.ts';
import { ExploreSession } from './explore-session.ts';

/** A system ready to explore, with what the page says about it. */
export interface ExploreStart {
  readonly session: ExploreSession;
  readonly title: string;
  readonly lab: Lab;
}

/** Explore cannot start: the lab, test or phase is not in this build, or not a node system. */
export class ExploreUnavailableError extends Error {
  override readonly name = 'ExploreUnavailableError';
}

/** Builds the explore session a request asks for, from the labs bundled into the page. */
export function startExplore(
  labs: readonly Lab[],
  request: ExploreRequest,
  now: () => number,
): ExploreStart {
  const lab = findLab(labs, request.lab);
  if (lab === undefined)
    throw new ExploreUnavailableError(
      `lab ${JSON.stringify(request.lab)} is not in this build of tslabs`,
    );
  if (request.kind === 'lab') {
    if (lab.explore === undefined)
      throw new ExploreUnavailableError(`lab ${lab.id} has no explore setup`);
    const options = exploreOptions(lab.explore, request, lab);
    const system: ExploreSystem = lab.explore.build(options);
    return {
      session: new ExploreSession(system.model, system.predicates),
      title: `Lab ${lab.id} (${lab.title}): ${system.description}`,
      lab,
    };
  }
  if (request.kind === 'run') {
    const test = lab.tests.find(
      (candidate) => candidate.part === request.part && candidate.number === request.test,
    );
    if (test === undefined)
      throw new ExploreUnavailableError(
        `lab ${lab.id} has no test ${request.part}.${request.test} in this build`,
      );
    const system = runStepSystem(
      test,
      request.seed,
      request.variant,
      request.simulation,
      request.position,
    );
    return {
      session: new ExploreSession(system.model, system.predicates),
      title: `Lab ${lab.id} test ${request.part}.${request.test}, simulation ${request.simulation + 1} from step ${request.position}`,
      lab,
    };
  }
  const request_ = capturePhase(lab, request, now);
  const nodeSystem = request_.model.asKind?.(NODE_SYSTEM);
  if (nodeSystem === undefined)
    throw new ExploreUnavailableError('this search phase is not over a node system');
  const model = nodeSystem.model;
  const start = request_.start;
  const startPath = start?.path.map((event) => nodeSystem.event(event)) ?? [];
  const session = new ExploreSession(
    model,
    nodeSystem.predicates(request_.predicates),
    start === undefined ? model.initial : nodeSystem.state(start.initial),
  );
  // A phase that starts where an earlier one ended begins with that path: take it.
  session.follow([...startPath, ...(request.path?.slice(startPath.length) ?? [])]);
  return {
    session,
    title: `Lab ${lab.id} test ${request.part}.${request.test}: ${request_.description}`,
    lab,
  };
}

class PhaseCaptured extends Error {
  constructor(readonly request: SearchRequest<unknown, unknown>) {
    super('phase captured');
  }
}

/**
 * Runs the test in the page up to its search phase `phase`, running the earlier phases for
 * real (a later phase may start from an earlier one's goal), and returns that phase's request.
 */
function capturePhase(
  lab: Lab,
  request: Extract<ExploreRequest, { kind: 'test' }>,
  now: () => number,
): SearchRequest<unknown, unknown> {
  const test = lab.tests.find(
    (candidate) => candidate.part === request.part && candidate.number === request.test,
  );
  if (test === undefined)
    throw new ExploreUnavailableError(
      `lab ${lab.id} has no test ${request.part}.${request.test} in this build`,
    );
  let phase = 0;
  let captured: SearchRequest<unknown, unknown> | undefined;
  executeTest(
    {
      ...test,
      run: (context) =>
        test.run({
          ...context,
          search: (searchRequest) => {
            if (phase++ === request.phase) {
              captured = searchRequest;
              throw new PhaseCaptured(captured);
            }
            return context.search(searchRequest);
          },
        }),
    },
    {
      seed: request.seed,
      ...(request.variant === undefined ? {} : { variant: request.variant }),
      now,
    },
  );
  if (captured === undefined)
    throw new ExploreUnavailableError(
      `test ${request.part}.${request.test} did not reach search phase ${request.phase + 1}`,
    );
  return captured;
}
