import { describe, expect, it } from 'vitest';
import { address } from '../../framework/index.ts';
import {
  APPENDS_LINEARIZABLE,
  RESULTS_OK,
  SystemBuilder,
  SystemModel,
  VacuousPredicateError,
} from '../../framework/testing.ts';
import { runSearchPhase } from '../../framework/lab/run-search-phase.ts';
import { SimpleClient } from '../../labs/clientserver/simple-client.ts';
import { SimpleServer } from '../../labs/clientserver/simple-server.ts';
import { kvWorkload, sameKeyAppends } from '../../labs/kvstore/index.ts';

const server = address('server');

function model(withResults: boolean): SystemModel {
  const workload = withResults ? kvWorkload(['APPEND:a:x'], ['x']) : sameKeyAppends(1);
  return new SystemModel(
    new SystemBuilder()
      .addNode(new SimpleServer(server))
      .addClientWorker(new SimpleClient(address('client1'), server), workload)
      .build(),
  );
}

describe('a search that checks nothing', () => {
  it('is refused when it checks results that no workload expects', () => {
    const search = (): unknown =>
      runSearchPhase(
        {
          description: 'vacuous',
          model: model(false),
          predicates: [RESULTS_OK],
          strategy: 'breadth-first',
        },
        { now: undefined, seed: 1, checks: false, onProgress: undefined },
      );
    expect(search).toThrow(VacuousPredicateError);
    expect(search).toThrow(
      'invariant "results OK" checks nothing: no client workload has expected results',
    );
  });

  it('runs when some workload has expected results, or with a check that needs none', () => {
    const withResults = runSearchPhase(
      {
        description: 'results',
        model: model(true),
        predicates: [RESULTS_OK],
        strategy: 'breadth-first',
      },
      { now: undefined, seed: 1, checks: false, onProgress: undefined },
    );
    expect(withResults.outcome).toBe('space exhausted');
    const appends = runSearchPhase(
      {
        description: 'appends',
        model: model(false),
        predicates: [APPENDS_LINEARIZABLE],
        strategy: 'breadth-first',
      },
      { now: undefined, seed: 1, checks: false, onProgress: undefined },
    );
    expect(appends.outcome).toBe('space exhausted');
  });
});
