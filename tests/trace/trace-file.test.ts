import { describe, expect, it } from 'vitest';
import { parseTrace, TraceFormatError } from '../../framework/trace/trace-file.ts';

/** A run trace as --save-traces writes it, with `overrides` applied. */
function traceText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'tslabs-trace',
    version: 1,
    lab: '1',
    part: 2,
    test: 1,
    description: 'Basic key-value workload',
    kind: 'run',
    seed: 1,
    settings: {},
    events: [
      [
        {
          type: 'deliver',
          timeMicros: 1_000,
          from: 'client1',
          to: 'server',
          message: { kind: 'Request' },
        },
        { type: 'control', timeMicros: 2_000, action: 'partition' },
      ],
    ],
    outcome: { passed: false, failure: 'recorded' },
    ...overrides,
  });
}

function refusal(text: string): string {
  try {
    parseTrace(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the trace to be refused');
}

describe('trace validation', () => {
  it('reads a trace as tslabs writes it', () => {
    expect(parseTrace(traceText()).events[0]).toHaveLength(2);
  });

  it('refuses a seed that is not a non-negative safe integer', () => {
    for (const seed of [-1, 1.5, 2 ** 60])
      expect(refusal(traceText({ seed }))).toContain(
        `"seed" must be a whole number from 0 up, not ${seed}`,
      );
  });

  it('refuses an event of an unknown type, or without the fields of its type', () => {
    expect(refusal(traceText({ events: [[{ type: 'teleport', timeMicros: 0 }]] }))).toBe(
      'event 1 of simulation 1 has an unknown type "teleport" (expected send, deliver, drop, timer or control)',
    );
    expect(
      refusal(
        traceText({
          events: [[], [{ type: 'deliver', timeMicros: 0, to: 'server', message: {} }]],
        }),
      ),
    ).toContain('event 1 of simulation 2: a deliver event needs "from", "to" and "message"');
    expect(
      refusal(
        traceText({ events: [[{ type: 'timer', timeMicros: -5, to: 'server', timer: {} }]] }),
      ),
    ).toContain('has no valid "timeMicros"');
    expect(refusal(traceText({ events: [[42]] }))).toContain('is not an event object');
  });

  it('refuses "__proto__" anywhere, even spelt with escapes', () => {
    const inMessage = traceText().replace(
      '"message":{"kind":"Request"}',
      '"message":{"kind":"Request","__proto__":{"polluted":true}}',
    );
    expect(refusal(inMessage)).toContain('"__proto__" member');
    expect(
      refusal(inMessage.replace('"__proto__"', '"\\u005f\\u005fproto\\u005f\\u005f"')),
    ).toContain('"__proto__" member');
  });
});
