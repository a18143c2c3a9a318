import { describe, expect, it } from 'vitest';
import { executeTest, type LabTest } from '../../framework/lab/lab-test.ts';
import type { SimulationEvent } from '../../framework/sim/simulation-event.ts';
import {
  STORED_VALUE_MAX_CHARS,
  storedEvent,
  storedEventText,
} from '../../framework/trace/stored-event.ts';
import { testTrace } from '../../framework/trace/test-trace.ts';
import { parseTrace, serializeTrace } from '../../framework/trace/trace-file.ts';
import { setupMismatch } from '../../framework/trace/trace-setup.ts';
import { findLab } from '../../framework/lab/lab-registry.ts';
import { labs } from '../../labs/index.ts';
import { brokenRunTests } from '../visualizer/broken-lab.ts';

const lab1 = findLab(labs, '1')!;
// Lab 1 test 3.2 on a server that applies a retried append twice: a failing run whose results
// grow past what a trace stores whole.
const failing = brokenRunTests.find((test) => test.part === 3 && test.number === 2) as LabTest;

function savedTrace(seed: number): ReturnType<typeof parseTrace> {
  const execution = executeTest(failing, { seed, recordEvents: true });
  expect(execution.passed).toBe(false);
  const trace = testTrace({ lab: lab1, test: failing, variant: undefined }, seed, execution);
  return parseTrace(serializeTrace(trace));
}

describe('a saved run trace', () => {
  it('matches a re-execution event for event, long messages by their digests', () => {
    const trace = savedTrace(1);
    const again = executeTest(failing, { seed: 1, recordEvents: true });
    const recorded = trace.events.flat().map(storedEventText);
    expect(again.events.flat().map((event) => storedEventText(storedEvent(event)))).toEqual(
      recorded,
    );
    const digested = trace.events.flat().filter(isDigested);
    expect(digested.length).toBeGreaterThan(0);
  });

  it('tells events with different long messages apart, and stores no per-step snapshots', () => {
    const trace = savedTrace(1);
    expect('steps' in trace).toBe(false);
    const event = trace.events.flat().find(isDigested) as { message: unknown };
    const message = { kind: 'Reply', value: 'x'.repeat(STORED_VALUE_MAX_CHARS) };
    const other = {
      ...message,
      value: `${'x'.repeat(50)}y${'x'.repeat(STORED_VALUE_MAX_CHARS - 51)}`,
    };
    const deliver = (value: unknown): SimulationEvent =>
      ({ ...(event as object), message: value }) as SimulationEvent;
    const digest = (value: unknown): unknown =>
      (storedEvent(deliver(value)) as unknown as { message: { $digest: string } }).message.$digest;
    expect(digest(message)).not.toBe(digest(other));
    expect(digest(message)).toBe(digest({ ...message }));
    const short = { kind: 'Ping', value: 'x' };
    expect((storedEvent(deliver(short)) as unknown as { message: unknown }).message).toBe(short);
  });

  it("records each simulation's nodes, and a fingerprint only its own test matches", () => {
    const trace = savedTrace(1);
    const execution = executeTest(failing, { seed: 1 });
    expect(trace.setup.nodes).toEqual(execution.nodes.map((nodes) => [...nodes].sort()));
    expect(trace.setup.nodes[0]).toContain('server');
    expect(setupMismatch(trace.setup, { lab: lab1, test: failing, variant: undefined })).toBe(
      undefined,
    );
    const other = lab1.tests.find((test) => test.part === 3 && test.number === 3) as LabTest;
    expect(setupMismatch(trace.setup, { lab: lab1, test: other, variant: undefined })).toMatch(
      /^the trace's setup fingerprint is not that of lab 1 test 3\.3/,
    );
  });
});

function isDigested(event: unknown): boolean {
  const value =
    (event as { message?: unknown; timer?: unknown }).message ??
    (event as { timer?: unknown }).timer;
  return typeof value === 'object' && value !== null && '$digest' in value;
}
