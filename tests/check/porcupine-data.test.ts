import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, loadHistory } from '../../framework/check/index.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Porcupine's key-value test histories, shared with the project (see their README). */
const PORCUPINE_KV = join(REPOSITORY_ROOT, 'tests/fixtures/porcupine/kv');

function load(name: string) {
  return loadHistory(readFileSync(join(PORCUPINE_KV, `${name}.txt`), 'utf8'), 'edn', 'kv');
}

describe("Porcupine's key-value histories", () => {
  // Operations and verdicts from the data's README; steps pinned, as they are deterministic:
  // a change means the search changed, and someone should say why.
  const cases = [
    { name: 'c01-ok', operations: 58, verdict: 'linearizable', steps: 58 },
    { name: 'c01-bad', operations: 38, verdict: 'not linearizable', steps: 13 },
    { name: 'c10-ok', operations: 337, verdict: 'linearizable', steps: 893 },
    { name: 'c10-bad', operations: 405, verdict: 'not linearizable', steps: 61 },
    { name: 'c50-ok', operations: 1712, verdict: 'linearizable', steps: 341812 },
    { name: 'c50-bad', operations: 2024, verdict: 'not linearizable', steps: 71798 },
  ] as const;

  for (const { name, operations, verdict, steps } of cases) {
    it(`${name}: ${verdict}`, () => {
      const { history, spec } = load(name);
      const result = checkLinearizability(history, spec);
      expect(result.operations).toBe(operations);
      expect(result.verdict).toBe(verdict);
      expect(result.steps).toBe(steps);
      expect(result.partitions).toHaveLength(10 - (name === 'c01-bad' ? 2 : 0));
      expect(result.explanation !== undefined).toBe(verdict === 'not linearizable');
    });
  }

  it('c01-bad: the violation is on key "7", a read that misses an append it must follow', () => {
    const { history, spec } = load('c01-bad');
    const explanation = checkLinearizability(history, spec).explanation?.partitions[0];
    expect(explanation?.partition).toBe('key "7"');
    expect(explanation?.prefix.map((step) => step.operation.input)).toEqual([
      'Get("7")',
      'Append("7", "x 0 0 y")',
      'Append("7", "x 0 3 y")',
    ]);
    expect(explanation?.stuck).toEqual([
      {
        operation: {
          id: 29,
          process: '0',
          callTime: 59,
          returnTime: 60,
          input: 'Get("7")',
          output: 'GetResult("x 0 0 y")',
          line: 59,
        },
        reason: 'output mismatch',
        expected: 'GetResult("x 0 0 yx 0 3 y")',
      },
    ]);
  });

  it('c10-bad: deciding every partition finds eight failing keys', () => {
    const { history, spec } = load('c10-bad');
    const result = checkLinearizability(history, spec, { checkAllPartitions: true });
    expect(result.verdict).toBe('not linearizable');
    expect(
      result.partitions
        .filter((partition) => partition.verdict === 'not linearizable')
        .map((partition) => partition.label),
    ).toEqual([
      'key "0"',
      'key "1"',
      'key "9"',
      'key "6"',
      'key "3"',
      'key "5"',
      'key "2"',
      'key "7"',
    ]);
    expect(result.explanation?.partitions).toHaveLength(8);
  });
});
