// Counterexamples of random search, before and after shortening: for each mutant of lab 3's
// catalogue that the random probes of tests 3.7 and 3.8 catch (seed 1), the length of the
// finding's path as found, after one-minimal event dropping, and after the breadth-first
// shortening from the path's states (what the runner reports), with the time each took.
// Run: node bin/run-ts.js bench/counterexample-length.ts
import { performance } from 'node:perf_hooks';
import type { LabSearchResult, SearchRequest } from '../framework/testing.ts';
import {
  isFinding,
  minimizePath,
  randomProbeSearch,
  sameFailure,
  shortenPath,
} from '../framework/engine.ts';
import { paxosTests } from '../labs/paxos/tests/index.ts';
import { searchTestContext } from '../tests/fixtures/search-test-context.ts';
import { PAXOS_MUTANTS } from '../tests/paxos/mutants.ts';

const now = (): number => performance.now();

console.log(
  '| mutant | variant | test | found | one-minimal | shortened | minimize (s) | minimize and shorten (s) |',
);
console.log('|---|---|---|---:|---:|---:|---:|---:|');
for (const mutant of PAXOS_MUTANTS) {
  for (const variant of Object.keys(mutant.caughtBy)) {
    for (const number of [7, 8]) {
      const test = paxosTests(mutant.implementation).find(
        (candidate) => candidate.part === 3 && candidate.number === number,
      );
      if (test === undefined) throw new Error(`lab 3 has no test 3.${number}`);
      const context = searchTestContext(
        1,
        variant,
        <State, Event>(request: SearchRequest<State, Event>): LabSearchResult<State, Event> => {
          const found = randomProbeSearch(request.model, request.predicates, {
            seed: 1,
            depthLimit: request.depthLimit,
            timeLimitMs: request.timeLimitMs,
            now,
          });
          if (isFinding(found) && found.outcome !== 'goal found') {
            const options = {
              model: request.model,
              initial: found.initial,
              path: found.path,
              predicates: request.predicates,
              reproduces: sameFailure(found),
            };
            const start = now();
            const minimal = minimizePath(options);
            const minimized = now();
            const target =
              'predicate' in found && found.predicate !== undefined ? [found.predicate] : [];
            const shortened = shortenPath({ ...options, target });
            const end = now();
            console.log(
              `| ${mutant.name} | ${variant} | 3.${number} | ${found.path.length} | ${minimal.length} | ${shortened.length} | ${((minimized - start) / 1000).toFixed(1)} | ${((end - minimized) / 1000).toFixed(1)} |`,
            );
          }
          return { ...found, request, describedPath: [] };
        },
      );
      try {
        test.run(context);
      } catch {
        // The mutant fails the test: its finding was printed above.
      }
    }
  }
}
