import { describe, expect, it } from 'vitest';
import { checkTransactions, type TxnEvent } from '../../../framework/check/index.ts';
import { history } from './txn-history-builder.ts';

/**
 * A ring of write skews: transaction i reads key i empty and appends to key i + 1, and a
 * later reader shows each append. Every transaction misses the next one's append: one
 * strongly connected component, a G2-item cycle through all of them.
 */
function skewRing(size: number): TxnEvent[] {
  return history((h) => {
    for (let index = 0; index < size; index++)
      h.invoke(index, [
        ['r', index, []],
        ['append', (index + 1) % size, index],
      ]);
    for (let index = 0; index < size; index++) h.complete(index, 'ok');
    for (let index = 0; index < size; index++)
      h.txn(size + index, [['r', index, [(index + size - 1) % size]]]);
  });
}

describe('the cycle search budget', () => {
  it('finds the ring with no budget, as one G2-item cycle through every transaction', () => {
    const result = checkTransactions(skewRing(50), { workload: 'list-append' });
    expect(result.verdict).toBe('invalid');
    expect(result.anomalies.map((anomaly) => [anomaly.type, anomaly.count])).toEqual([
      ['G2-item', 1],
    ]);
    expect(result.anomalies[0]?.examples[0]?.cycle).toHaveLength(50);
    expect(result.undecided).toEqual([]);
  });

  it('answers unknown when the steps run out, naming the undecided types', () => {
    const result = checkTransactions(skewRing(50), { workload: 'list-append', stepsMax: 100 });
    expect(result.verdict).toBe('unknown');
    expect(result.anomalies).toEqual([]);
    expect(result.undecided).toContain('G2-item');
    expect(result.undecided).toContain('G2-item-realtime');
  });

  it('is deterministic: the same budget gives the same steps and verdict', () => {
    const first = checkTransactions(skewRing(40), { workload: 'list-append', stepsMax: 5000 });
    const second = checkTransactions(skewRing(40), { workload: 'list-append', stepsMax: 5000 });
    expect(second).toEqual(first);
  });

  it('needs no search at all for an acyclic history', () => {
    const result = checkTransactions(
      history((h) => h.txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', [1]]])),
      { workload: 'list-append', stepsMax: 1 },
    );
    expect(result.verdict).toBe('valid');
    expect(result.steps).toBe(0);
  });
});
