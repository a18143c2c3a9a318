import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  kvSpec,
  registerSpec,
  txnKVSpec,
  type History,
  type KVCommand,
  type KVResult,
  type Operation,
  type SequentialSpec,
} from '../../framework/check/index.ts';
import { bruteForceLinearizable, isLinearization, isValidPrefix } from './brute-force-checker.ts';
import {
  corruptedHistories,
  kvDomain,
  linearizableHistories,
  randomHistories,
  registerDomain,
  txnDomain,
  type OperationDomain,
} from './history-generators.ts';

/**
 * The operations of the partition labelled `label`, as a history of its own, and their ids in
 * `history`.
 */
function partitionNamed<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  label: string,
): { ids: readonly number[]; local: History<Input, Output> } {
  const partitions = spec.partition?.(history) ?? [
    { label: 'all operations', operations: history.map((_, id) => id) },
  ];
  const ids = partitions.find((partition) => partition.label === label)?.operations ?? [];
  return { ids, local: ids.map((id) => history[id] as Operation<Input, Output>) };
}

/** Checks one history and holds the checker to the oracle, its witness and its explanation. */
function agreesWithBruteForce<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
): void {
  const expected = bruteForceLinearizable(history, spec);
  for (const checkAllPartitions of [false, true]) {
    const result = checkLinearizability(history, spec, { checkAllPartitions });
    expect(result.verdict).toBe(expected ? 'linearizable' : 'not linearizable');
    expect(result.operations).toBe(history.length);
    if (expected) {
      // Each partition's witness is a linearization of that partition alone.
      for (const partition of result.partitions) {
        const { ids, local } = partitionNamed(history, spec, partition.label);
        expect(
          isLinearization(
            local,
            spec,
            (partition.linearization ?? []).map((id) => ids.indexOf(id)),
          ),
        ).toBe(true);
      }
      continue;
    }
    const explanations = result.explanation?.partitions ?? [];
    expect(explanations.length).toBeGreaterThan(0);
    for (const explanation of explanations) {
      const { ids, local } = partitionNamed(history, spec, explanation.partition);
      expect(
        isValidPrefix(
          local,
          spec,
          explanation.prefix.map((step) => ids.indexOf(step.operation.id)),
        ),
      ).toBe(true);
      expect(explanation.stuck.length + (explanation.deadline === null ? 0 : 1)).toBeGreaterThan(0);
    }
  }
}

function propertiesFor<State, Input, Output>(
  name: string,
  spec: SequentialSpec<State, Input, Output>,
  domain: OperationDomain<Input, Output>,
): void {
  describe(`${name}: the checker agrees with brute force`, () => {
    const histories = linearizableHistories(spec, domain);

    it('passes histories generated from a sequential execution with overlapping intervals', () => {
      fc.assert(
        fc.property(histories, (history) => {
          expect(checkLinearizability(history, spec).verdict).toBe('linearizable');
          agreesWithBruteForce(history, spec);
        }),
        { numRuns: 300 },
      );
    });

    it('decides corrupted histories (a wrong answer, a moved interval) as brute force does', () => {
      fc.assert(
        fc.property(corruptedHistories(histories, domain), (history) => {
          agreesWithBruteForce(history, spec);
        }),
        { numRuns: 400 },
      );
    });

    it('decides random histories as brute force does', () => {
      fc.assert(
        fc.property(randomHistories(domain), (history) => {
          agreesWithBruteForce(history, spec);
        }),
        { numRuns: 400 },
      );
    });
  });
}

propertiesFor('kv', kvSpec(), kvDomain);
propertiesFor('register', registerSpec(), registerDomain);
propertiesFor('txn-kv', txnKVSpec(), txnDomain);

describe("kv in Porcupine's model (missing keys read as empty, put and append answers unobserved)", () => {
  const spec = kvSpec({ missingKey: 'empty' });
  const unobserved = (history: History<KVCommand, KVResult>): History<KVCommand, KVResult> =>
    history.map((operation) =>
      operation.input.kind === 'Get' ? operation : { ...operation, output: undefined },
    );

  it('passes generated histories and agrees with brute force on corrupted ones', () => {
    const histories = linearizableHistories(spec, kvDomain).map(unobserved);
    fc.assert(
      fc.property(histories, (history) => {
        expect(checkLinearizability(history, spec).verdict).toBe('linearizable');
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(corruptedHistories(histories, kvDomain).map(unobserved), (history) => {
        agreesWithBruteForce(history, spec);
      }),
      { numRuns: 300 },
    );
  });
});
