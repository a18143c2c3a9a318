import { describe, expect, it } from 'vitest';
import * as testing from '../../framework/testing.ts';
import type { Predicate } from '../../framework/testing.ts';

/**
 * The naming convention of `tslabs/testing`'s checks (see its TSDoc): one stem per check, in up
 * to three forms — the predicate `RESULTS_OK` (or the factory `resultsLinearizable(spec)`),
 * the run check `checkResultsOk`, the problem text `resultsOkProblem` — and a prune of a
 * goal's condition named and displayed apart from the goal.
 */

const exports = testing as unknown as Record<string, unknown>;

function isPredicate(value: unknown): value is Predicate<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { test?: unknown }).test === 'function'
  );
}

/** `RESULTS_OK` → `ResultsOk`. */
function pascalOfConstant(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `resultsOk` → `RESULTS_OK`. */
function constantOfCamel(stem: string): string {
  return stem.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

const PRUNE_SUFFIX = '_PRUNE';
const predicateConstants = Object.entries(exports).filter(
  (entry): entry is [string, Predicate<unknown>] =>
    /^[A-Z][A-Z_]*$/.test(entry[0]) && isPredicate(entry[1]),
);
const problemTexts = Object.keys(exports).filter(
  (name) => name.endsWith('Problem') && typeof exports[name] === 'function',
);

describe("tslabs/testing names each check's forms by one stem", () => {
  it('exports the predicates this convention covers', () => {
    expect(predicateConstants.map(([name]) => name).sort()).toEqual([
      'APPENDS_LINEARIZABLE',
      'CLIENTS_DONE',
      'CLIENTS_DONE_PRUNE',
      'RESULTS_OK',
    ]);
    expect(problemTexts.sort()).toEqual([
      'appendsLinearizableProblem',
      'resultsLinearizableProblem',
      'resultsOkProblem',
      'transactionsConsistentProblem',
    ]);
  });

  it('displays each predicate constant by its stem in words, and runs it as check<Stem>', () => {
    for (const [name, predicate] of predicateConstants) {
      if (name.endsWith(PRUNE_SUFFIX)) continue;
      expect(predicate.name.toLowerCase(), name).toBe(name.toLowerCase().replaceAll('_', ' '));
      expect(typeof exports[`check${pascalOfConstant(name)}`], `check of ${name}`).toBe('function');
    }
  });

  it('names a prune STEM_PRUNE and displays it as "prune when <stem>", apart from its goal', () => {
    for (const [name, prune] of predicateConstants) {
      if (!name.endsWith(PRUNE_SUFFIX)) continue;
      const goal = exports[name.slice(0, -PRUNE_SUFFIX.length)];
      if (!isPredicate(goal)) throw new Error(`${name} prunes no exported goal`);
      expect(prune.kind).toBe('prune');
      expect(goal.kind).toBe('goal');
      expect(prune.name).toBe(`prune when ${goal.name}`);
    }
  });

  it('gives every predicate a display name of its own', () => {
    const names = predicateConstants.map(([, predicate]) => predicate.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('pairs each problem text with its run check and its predicate', () => {
    for (const name of problemTexts) {
      const stem = name.slice(0, -'Problem'.length);
      const pascal = stem.charAt(0).toUpperCase() + stem.slice(1);
      expect(typeof exports[`check${pascal}`], `check${pascal}`).toBe('function');
      const constant = exports[constantOfCamel(stem)];
      const factory = exports[stem];
      expect(isPredicate(constant) || typeof factory === 'function', `predicate ${stem}`).toBe(
        true,
      );
    }
  });
});
