import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import {
  executeTest,
  expectOutcome,
  HandlerError,
  type LabTest,
  labTest,
  Simulation,
  SystemBuilder,
  SystemModel,
  type TestContext,
  type TestExecution,
} from '../../framework/testing.ts';
import { ProbeSender } from '../fixtures/probe-nodes.ts';
import { ThrowingEcho } from '../fixtures/throwing-echo.ts';

const ECHO = address('echo');
const SENDER = address('sender');
const FIXTURE = 'tests/fixtures/throwing-echo.ts';

/**
 * The line of the fixture that throws (marked in its source), and the line of its caller, 1-based.
 */
function fixtureLine(marker: string): number {
  return (
    readFileSync(new URL(`../../${FIXTURE}`, import.meta.url), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(marker)) + 1
  );
}

function executionOf(run: (context: TestContext) => void, kind: LabTest['kind']): TestExecution {
  const test: LabTest = labTest({
    part: 1,
    number: 1,
    points: 1,
    kind,
    description: 'a handler that throws',
    run,
  });
  const execution = executeTest(test, { seed: 1, now: () => performance.now() });
  expect(execution.passed).toBe(false);
  return execution;
}

function failureOf(run: (context: TestContext) => void, kind: LabTest['kind']): string[] {
  return (executionOf(run, kind).failure ?? '').split('\n');
}

/**
 * The frames a failure shows: the student's file and line, innermost first, and nothing of the
 * framework.
 */
function expectLabFrames(lines: readonly string[]): void {
  const frames = lines.filter((line) => line.startsWith('  at '));
  expect(frames[0]).toMatch(
    new RegExp(
      `^  at ThrowingEcho\\.replyTo \\(${FIXTURE}:${fixtureLine('// throws here')}:\\d+\\)$`,
    ),
  );
  expect(frames[1]).toMatch(
    new RegExp(
      `^  at ThrowingEcho\\.handleProbe \\(${FIXTURE}:${fixtureLine('const reply = this.replyTo')}:\\d+\\)$`,
    ),
  );
  // Only the handler's chain: the framework's dispatch below it, and the test's driving code below
  // that, are left out.
  expect(frames).toHaveLength(2);
}

describe("a handler exception names the lab's file and line", () => {
  it('in a run test', () => {
    const lines = failureOf((context) => {
      const simulation = context.simulation({ latencyMsMin: 1, latencyMsMax: 1 });
      simulation.addNode(ECHO, () => new ThrowingEcho(ECHO));
      simulation.addNode(SENDER, () => new ProbeSender(SENDER, [ECHO], 2));
      simulation.runFor(10);
    }, 'run');
    expect(lines[0]).toBe(
      'HandlerError: echo threw in handleProbe on sender -> echo {"kind":"Probe","id":2} at 1 ms: ' +
        "TypeError: Cannot read properties of undefined (reading 'reply')",
    );
    expectLabFrames(lines);
  });

  it('in a search test', () => {
    const lines = failureOf((context) => {
      const model = new SystemModel(
        new SystemBuilder()
          .addNode(new ThrowingEcho(ECHO))
          .addNode(new ProbeSender(SENDER, [ECHO], 2))
          .build(),
      );
      expectOutcome(
        context.search({
          description: 'every state',
          model,
          predicates: [],
          strategy: 'breadth-first',
        }),
        'space exhausted',
      );
    }, 'search');
    expect(lines[0]).toBe(
      'search "every state": expected space exhausted, got exception thrown after 2 states',
    );
    expect(lines[1]).toMatch(
      /^exception: HandlerError: echo threw in handleProbe on .*: TypeError: Cannot read properties of undefined \(reading 'reply'\)$/,
    );
    expectLabFrames(lines);
  });

  it('in the search report a saved trace keeps', () => {
    const execution = executionOf((context) => {
      const model = new SystemModel(
        new SystemBuilder()
          .addNode(new ThrowingEcho(ECHO))
          .addNode(new ProbeSender(SENDER, [ECHO], 2))
          .build(),
      );
      context.search({
        description: 'every state',
        model,
        predicates: [],
        strategy: 'breadth-first',
      });
      throw new Error('the search found an exception');
    }, 'search');
    const detail = execution.searches[0]?.detail ?? '';
    expect(execution.searches[0]?.outcome).toBe('exception thrown');
    expectLabFrames(detail.split('\n'));
  });
});

/** What `run` threw, which must be a HandlerError. */
function handlerErrorOf(run: () => void): HandlerError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HandlerError);
    return error as HandlerError;
  }
  throw new Error('the handler did not throw');
}

describe('a handler exception is one HandlerError, carrying its mode', () => {
  function expectProbeFailure(error: HandlerError): void {
    expect(error.node).toBe(ECHO);
    expect(error.handler).toBe('handleProbe');
    expect(error.event).toBe('sender -> echo {"kind":"Probe","id":2}');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.labFrames[0]).toMatch(/^at ThrowingEcho\.replyTo \(tests\/fixtures\//);
  }

  it('in a run', () => {
    const simulation = new Simulation({
      seed: 1,
      network: { latencyMsMin: 1, latencyMsMax: 1, deliveryRate: 1 },
    });
    simulation.addNode(ECHO, () => new ThrowingEcho(ECHO));
    simulation.addNode(SENDER, () => new ProbeSender(SENDER, [ECHO], 2));
    const error = handlerErrorOf(() => simulation.runFor(10));
    expect(error.mode).toBe('run');
    expect(error.timeMs).toBe(1);
    expectProbeFailure(error);
  });

  it('in a search', () => {
    const model = new SystemModel(
      new SystemBuilder()
        .addNode(new ThrowingEcho(ECHO))
        .addNode(new ProbeSender(SENDER, [ECHO], 2))
        .build(),
    );
    const [initial] = model.initialStates();
    if (initial === undefined) throw new Error('no initial state');
    const toProbe2 = model
      .events(initial)
      .find((event) => model.describeEvent(event).includes('"id":2'));
    if (toProbe2 === undefined) throw new Error('no delivery of probe 2');
    const error = handlerErrorOf(() => model.next(initial, toProbe2));
    expect(error.mode).toBe('search');
    expect(error.timeMs).toBeUndefined();
    expectProbeFailure(error);
  });

  it("in a node's init(), in either mode", () => {
    const inRun = handlerErrorOf(() =>
      new Simulation({ seed: 1 }).addNode(ECHO, () => new ThrowingInit(ECHO)),
    );
    const inSearch = handlerErrorOf(() =>
      new SystemBuilder().addNode(new ThrowingInit(ECHO)).build(),
    );
    for (const error of [inRun, inSearch]) {
      expect(error.handler).toBe('init');
      expect(error.event).toBeUndefined();
    }
    expect([inRun.mode, inSearch.mode]).toEqual(['run', 'search']);
    expect(inSearch.message).toBe('echo threw in init: RangeError: no start');
  });
});

class ThrowingInit extends ProbeSender {
  constructor(at: typeof ECHO) {
    super(at, [], 0);
  }

  override init(): void {
    throw new RangeError('no start');
  }
}
