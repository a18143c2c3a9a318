import { describe, expect, it } from 'vitest';
import { parseTrace, TRACE_VERSION, TraceFormatError } from '../../framework/trace/trace-file.ts';

/** A run trace as --save-traces writes it, with `overrides` applied. */
function traceText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'tslabs-trace',
    version: TRACE_VERSION,
    lab: '1',
    part: 2,
    test: 1,
    description: 'Basic key-value workload',
    kind: 'run',
    seed: 1,
    settings: {},
    setup: {
      nodes: [['a', 'b', 'client1', 'client2', 'server']],
      fingerprint: '0123456789abcdef',
    },
    events: [
      [
        {
          type: 'deliver',
          timeMicros: 1_000,
          from: 'client1',
          to: 'server',
          message: { kind: 'Request' },
        },
        {
          type: 'control',
          timeMicros: 2_000,
          action: 'partition',
          groups: [['server', 'client1'], ['client2']],
        },
        { type: 'control', timeMicros: 3_000, action: 'link', from: 'a', to: 'b', active: false },
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
    expect(parseTrace(traceText()).events[0]).toHaveLength(3);
  });

  it('refuses a version-1 trace, whose control events were text, in one line', () => {
    const message = refusal(traceText({ version: 1 }));
    expect(message).toBe(
      `the trace has format version 1 (whose control events were text, before traces stored a setup fingerprint and long messages as digests); this tslabs reads version ${TRACE_VERSION}: save the trace again`,
    );
  });

  it('refuses a version-2 trace, whose digests replay would not match, in one line', () => {
    expect(refusal(traceText({ version: 2 }))).toBe(
      `the trace has format version 2 (whose long messages were digested another way, which replay would read as a divergence); this tslabs reads version ${TRACE_VERSION}: save the trace again`,
    );
  });

  it('refuses a control event of an unknown action, or without the fields of its action', () => {
    const withControl = (control: Record<string, unknown>): string =>
      traceText({ events: [[{ type: 'control', timeMicros: 0, ...control }]] });
    expect(refusal(withControl({ action: 'partition {a} {b}' }))).toContain(
      `event 1 of simulation 1: a control event's "action" must be one of partition, heal, link`,
    );
    expect(refusal(withControl({ action: 'partition', groups: 'a,b' }))).toContain(
      'a partition needs "groups", a list of lists of addresses',
    );
    expect(refusal(withControl({ action: 'link', from: 'a', to: 'b' }))).toContain(
      'a link event needs "from", "to" and a boolean "active"',
    );
    expect(refusal(withControl({ action: 'stop' }))).toContain('a stop event needs a "node"');
    expect(refusal(withControl({ action: 'network', network: { speed: 1 } }))).toContain(
      `a network event's "speed" is not a network setting`,
    );
    expect(
      parseTrace(withControl({ action: 'network', network: { deliveryRate: 0.5 } })).kind,
    ).toBe('run');
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
          setup: { nodes: [[], ['server']], fingerprint: '0123456789abcdef' },
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

  it('refuses events naming nodes the setup does not have', () => {
    const events = [
      [{ type: 'deliver', timeMicros: 5, from: 'client1', to: 'server9/paxos', message: {} }],
    ];
    expect(refusal(traceText({ events }))).toBe(
      'event 1 of simulation 1 names node "server9/paxos", which the trace\'s setup does not have',
    );
    expect(refusal(traceText({ setup: { nodes: [], fingerprint: '0123456789abcdef' } }))).toBe(
      'the trace\'s setup "nodes" must be a list of node names for each of its 1 simulations',
    );
    expect(refusal(traceText({ setup: undefined }))).toBe('the trace has no "setup" object');
  });

  it('refuses a digested message without the fields of one', () => {
    const events = [
      [
        {
          type: 'deliver',
          timeMicros: 5,
          from: 'client1',
          to: 'server',
          message: { $digest: 'not hex', $size: 100, $head: '' },
        },
      ],
    ];
    expect(refusal(traceText({ events }))).toContain('a digested value needs "$digest"');
  });
});
