import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, loadHistory } from '../../framework/check/index.ts';

const PORCUPINE_KV = join(
  fileURLToPath(new URL('../..', import.meta.url)),
  'tests/fixtures/porcupine/kv',
);
const load = (name: string) =>
  loadHistory(readFileSync(join(PORCUPINE_KV, `${name}.txt`), 'utf8'), 'edn', 'kv');

describe('the check budget', () => {
  const { history, spec } = load('c50-ok');

  it('turns a search cut short by the step budget into "unknown", after exactly that many steps', () => {
    const result = checkLinearizability(history, spec, { stepsMax: 5000 });
    expect(result.verdict).toBe('unknown');
    expect(result.steps).toBe(5000);
    expect(result.explanation).toBeUndefined();
    expect(
      result.partitions.filter((partition) => partition.verdict === 'unknown').length,
    ).toBeGreaterThan(0);
  });

  it('turns a search cut short by the time budget into "unknown", reading the injected clock', () => {
    let nowMs = 0;
    const result = checkLinearizability(history, spec, { timeMs: 3, now: () => nowMs++ });
    expect(result.verdict).toBe('unknown');
    expect(result.steps).toBeLessThan(341812);
  });

  it('does not change the verdict when it suffices', () => {
    expect(checkLinearizability(history, spec, { stepsMax: 341812 + 1 }).verdict).toBe(
      'linearizable',
    );
  });

  it('still reports a violation found within it, even if other partitions are undecided', () => {
    const bad = load('c50-bad');
    const result = checkLinearizability(bad.history, bad.spec, {
      stepsMax: 100_000,
      checkAllPartitions: true,
    });
    expect(result.verdict).toBe('not linearizable');
    expect(result.partitions.some((partition) => partition.verdict === 'unknown')).toBe(true);
  });
});
