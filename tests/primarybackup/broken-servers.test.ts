import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  CheckFailure,
  isFinding,
  type LabSearchResult,
  type Predicate,
  type SearchRequest,
  SystemModel,
  type SystemState,
} from '../../framework/testing.ts';
import { runSearchPhase } from '../../framework/lab/run-search-phase.ts';
import { replayPath } from '../../framework/search/index.ts';
import { primaryBackupTests } from '../../labs/primarybackup/tests/index.ts';
import { searchTestContext } from '../fixtures/search-test-context.ts';
import { PRIMARY_BACKUP_MUTANTS } from './mutants.ts';

// The mutants that only search tests catch: each counterexample, replayed from the initial state
// with every event enabled, reaches the same violation at its last event.

/** For each mutant only a search test catches: the invariant it breaks, the path's length, how. */
const COUNTEREXAMPLES: Record<string, readonly [string, number, string]> = {
  'a backup that accepts client requests': [
    'appends linearizable',
    26,
    'append results are not a chain of prefixes: client1 command 1 got "x", client2 command 1 got "y"',
  ],
  'a backup that executes forwards from a server that is not its primary': [
    'appends linearizable',
    27,
    'append results are not a chain of prefixes: client1 command 1 got "x", client2 command 1 got "y"',
  ],
  'a primary that acknowledges a view before its backup has the state': [
    'results OK',
    30,
    'client2 command 1 {"kind":"Append","key":"foo","value":"y"}: expected {"kind":"AppendResult","value":"xy"}, got {"kind":"AppendResult","value":"y"}',
  ],
  'a backup that reinstalls a repeated state transfer': [
    'appends linearizable',
    27,
    'append results are not a chain of prefixes: client1 command 1 got "client1.1;", client2 command 1 got "client2.1;"',
  ],
};

describe.each(
  PRIMARY_BACKUP_MUTANTS.filter((mutant) => mutant.caughtBy[1] >= 16).map((mutant) => ({
    ...mutant,
    test: mutant.caughtBy.join('.'),
  })),
)('$name', ({ name, implementation, caughtBy: [part, number], test: numbered }) => {
  it(`is caught by lab 2 test ${numbered} with a counterexample that replays`, () => {
    const test = primaryBackupTests(implementation).find(
      (candidate) => candidate.part === part && candidate.number === number,
    );
    if (test === undefined) throw new Error(`lab 2 has no test ${numbered}`);
    const searches: LabSearchResult<unknown, unknown>[] = [];
    const context = searchTestContext(
      1,
      '',
      <State, Event>(request: SearchRequest<State, Event>): LabSearchResult<State, Event> => {
        const result = runSearchPhase(request, {
          now: () => performance.now(),
          onProgress: undefined,
          seed: 1,
          checks: false,
        });
        searches.push(result);
        return result;
      },
    );
    expect(() => test.run(context)).toThrow(CheckFailure);
    const finding = searches[searches.length - 1];
    if (finding === undefined || !isFinding(finding) || finding.outcome !== 'invariant violated')
      throw new Error('the last search found no violation');
    const [invariantName, pathLength, detail] = COUNTEREXAMPLES[name] ?? ['', 0, ''];
    expect(finding.predicate.name).toBe(invariantName);
    expect(finding.path).toHaveLength(pathLength);
    expect(finding.detail).toBe(detail);
    const model = finding.request.model;
    if (!(model instanceof SystemModel)) throw new Error('lab 2 searches node systems');
    // The phases searched under different restrictions: replay with every event enabled.
    const replayed = replayPath(
      model.withSettings({}),
      finding.initial as SystemState,
      finding.path as readonly number[],
      finding.request.predicates as readonly Predicate<SystemState>[],
    );
    expect(replayed.outcome).toBe('invariant violated');
    expect(replayed.step).toBe(finding.path.length);
    if (replayed.outcome !== 'invariant violated') throw new Error('unreachable');
    expect(replayed.predicate.name).toBe(finding.predicate.name);
    expect(replayed.detail).toBe(finding.detail);
  });
});
