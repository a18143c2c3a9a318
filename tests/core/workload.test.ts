import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address, type Command, type Result } from '../../framework/index.ts';
import {
  ClientWorker,
  infiniteWorkload,
  InvalidWorkloadError,
  scriptedWorkload,
  substitute,
  type Workload,
  workloadSize,
} from '../../framework/testing.ts';
import { RetryClient } from '../fixtures/request-reply.ts';
import { thrownBy } from '../fixtures/thrown-by.ts';

const CLIENT = address('client3');
const SERVER = address('server');

interface Say extends Command {
  readonly kind: 'Say';
  readonly text: string;
  readonly parts?: readonly string[];
}
const say = (text: string): Say => ({ kind: 'Say', text });

function worker(workload: Workload, seed: number, at = CLIENT): ClientWorker {
  return new ClientWorker(new RetryClient(at, SERVER), workload, seed);
}

describe('workload substitutions', () => {
  it('replace %a with the client, %n with the command number, %r with 8 random letters', () => {
    const command = substitute(
      { kind: 'Say', text: '%a/%n/%r', nested: { list: ['%n', 7, '%a'] } },
      { client: CLIENT, index: 4, random: () => 0.5 },
    );
    expect(command).toEqual({
      kind: 'Say',
      text: 'client3/5/nnnnnnnn',
      nested: { list: ['5', 7, 'client3'] },
    });
  });

  it('replace tokens left to right like /%[anr]/g, wherever they are in the text', () => {
    const text = fc.string({ unit: fc.constantFrom('%', 'a', 'n', 'r', 'x', '%%'), maxLength: 30 });
    fc.assert(
      fc.property(text, fc.nat({ max: 99 }), (template, index) => {
        const expected = template.replace(/%[anr]/g, (token) =>
          token === '%a' ? CLIENT : token === '%n' ? String(index + 1) : 'zzzzzzzz',
        );
        expect(
          substitute(
            { kind: 'Say', text: template },
            { client: CLIENT, index, random: () => 0.99 },
          ),
        ).toEqual({ kind: 'Say', text: expected });
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it('leave other text and non-strings alone', () => {
    const template = { kind: 'Say', text: '100% %x %', count: 3, flag: true, none: null };
    expect(substitute(template, { client: CLIENT, index: 0, random: () => 0 })).toEqual(template);
  });

  it('use one %r for the whole command, and the same one in its expected result', () => {
    const client = worker(
      scriptedWorkload(
        [{ kind: 'Say', text: '%r-%r', parts: ['%r'] } as Say],
        [{ kind: 'Said', text: '%r' } as Result],
      ),
      1,
    );
    const command = client.commandAt(0) as Say;
    const [first, second] = command.text.split('-');
    expect(first).toMatch(/^[a-z]{8}$/);
    expect(second).toBe(first);
    expect(command.parts).toEqual([first]);
    expect(client.expectedResult(0)).toEqual({ kind: 'Said', text: first });
  });

  it('draw %r from the seed, the client and the index: same inputs, same string', () => {
    const workload = infiniteWorkload([say('%r')]);
    const text = (seed: number, index: number, at = CLIENT): string =>
      (worker(workload, seed, at).commandAt(index) as Say).text;
    expect(text(1, 0)).toBe(text(1, 0));
    expect(text(2, 0)).not.toBe(text(1, 0));
    expect(text(1, 1)).not.toBe(text(1, 0));
    expect(text(1, 0, address('client4'))).not.toBe(text(1, 0));
    // Pinned: the seeded generator must not change under existing seeds (these are the
    // strings since streams were keyed by seed and purpose, issue 11).
    expect([text(1, 0), text(1, 1), text(2, 0)]).toEqual(['pavhbcrl', 'cdjhgydq', 'mcborgxs']);
  });
});

describe('workloads', () => {
  it('a scripted workload is frozen and has as many commands as given', () => {
    const workload = scriptedWorkload([say('a'), say('b')], [{ kind: 'Said' }, { kind: 'Said' }]);
    expect(workloadSize(workload)).toBe(2);
    expect(Object.isFrozen(workload)).toBe(true);
    expect(Object.isFrozen(workload.commands[0])).toBe(true);
    expect(worker(workload, 1).expectedResult(1)).toEqual({ kind: 'Said' });
  });

  it('a workload without expected results expects nothing', () => {
    expect(worker(scriptedWorkload([say('a')]), 1).expectedResult(0)).toBeUndefined();
  });

  it('an infinite workload cycles through its commands, numbering on', () => {
    const workload = infiniteWorkload([say('even %n'), say('odd %n')]);
    const client = worker(workload, 1);
    expect(workloadSize(workload)).toBe(Infinity);
    expect([0, 1, 2, 3, 1000].map((index) => (client.commandAt(index) as Say).text)).toEqual([
      'even 1',
      'odd 2',
      'even 3',
      'odd 4',
      'even 1001',
    ]);
    expect(client.isDone()).toBe(false);
  });

  it('refuses expected results that do not match the commands one to one', () => {
    expect(
      thrownBy(
        () => scriptedWorkload([say('a'), say('b')], [{ kind: 'Said' }]),
        InvalidWorkloadError,
      ).message,
    ).toBe('2 commands but 1 expected results');
  });

  it('refuses an infinite workload without commands, and a scripted one beyond its limit', () => {
    expect(thrownBy(() => infiniteWorkload([]), InvalidWorkloadError).message).toBe(
      'an infinite workload needs at least one command',
    );
    const tooMany = new Array<Say>(1_000_001).fill(say('a'));
    expect(thrownBy(() => scriptedWorkload(tooMany), InvalidWorkloadError).message).toBe(
      'a workload may have at most 1000000 commands',
    );
  });

  it('an empty scripted workload is done at once', () => {
    expect(worker(scriptedWorkload([]), 1).isDone()).toBe(true);
  });

  it('a finite workload gives one frozen command per client, seed and index, shared by its workers', () => {
    const workload = scriptedWorkload([say('%a/%n/%r')]);
    const first = worker(workload, 1).commandAt(0);
    expect(worker(workload, 1).commandAt(0)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Workers that share the workload but not the seed or the client get their own commands.
    expect(worker(workload, 2).commandAt(0)).not.toEqual(first);
    expect(worker(workload, 1, address('client4')).commandAt(0)).not.toEqual(first);
    expect(worker(workload, 1).commandAt(0)).toEqual(first);
  });
});
