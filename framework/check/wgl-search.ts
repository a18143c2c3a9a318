import type { BudgetTracker } from './check-budget.ts';
import type { EntryList } from './entry-list.ts';
import { ILLEGAL_TRANSITION, type TransitionCache } from './transition-cache.ts';
import { VisitedSet } from './visited-set.ts';

/** What the search of one partition found. */
export interface SearchOutcome {
  readonly verdict: 'linearizable' | 'not linearizable' | 'unknown';
  /** Search steps spent (attempts to place an operation). */
  readonly steps: number;
  /** Configurations memoized. */
  readonly configurations: number;
  /**
   * Operations (partition-local indices) of the longest order found that respects real
   * time and the specification. On `linearizable` it is a full linearization: every
   * completed operation, and the unknown outcomes that took effect.
   */
  readonly longestPrefix: readonly number[];
}

/**
 * Wing & Gong's search with Lowe's memoization, as in Porcupine: walk the entry list; a
 * call entry before the first remaining return entry is an operation that may take effect
 * now — try it, unlink it and restart from the head; reaching a return entry means the
 * operation it closes cannot be placed in time, so undo the last choice and try the next
 * candidate. Configurations already explored are skipped.
 *
 * The search ends successfully once every completed operation is placed: operations with
 * unknown outcomes may be placed (they took effect) or left out (they never did).
 */
export function searchLinearization(list: EntryList, transitions: TransitionCache<unknown, unknown, unknown>, budget: BudgetTracker): SearchOutcome {
  const { operationCount, operationOfEntry, returnOfEntry, completed } = list;
  const entryCount = operationCount * 2;
  const head = entryCount;
  // Links of the doubly linked list; -1 ends it. The head sentinel sits at index entryCount.
  const next = new Int32Array(entryCount + 1);
  const previous = new Int32Array(entryCount + 1);
  for (let entry = 0; entry < entryCount; entry++) {
    next[entry] = entry + 1 < entryCount ? entry + 1 : -1;
    previous[entry] = entry === 0 ? head : entry - 1;
  }
  next[head] = entryCount > 0 ? 0 : -1;

  const wordCount = Math.max(1, Math.ceil(operationCount / 32));
  const bits = new Uint32Array(wordCount);
  const [hashWords, checkWords] = operationHashes(operationCount);
  const visited = new VisitedSet(wordCount);
  // The stack of choices: the call entry placed and the state before it.
  const stackEntries = new Int32Array(operationCount);
  const stackStates = new Int32Array(operationCount);
  const stackForced = new Uint8Array(operationCount);
  let depth = 0;
  // The longest prefix so far; entries below `stableDepth` still agree with the stack.
  const best = new Int32Array(operationCount);
  let bestDepth = 0;
  let stableDepth = 0;

  let hash = 0;
  let check = 0;
  let state = transitions.initialStateId;
  let remaining = list.completedCount;
  let steps = 0;
  let stepsTotal = 0;
  let allowance = budget.allowance();
  // NEW_NODE: a configuration was just entered; scan it for a forced move first.
  let entry = NEW_NODE;
  while (remaining > 0) {
    if (allowance-- === 0) {
      const more = budget.spend(steps);
      stepsTotal += steps;
      steps = 0;
      if (!more) return finish('unknown');
      allowance = budget.allowance() - 1;
    }
    steps++;
    let forced = 0;
    if (entry === NEW_NODE) {
      entry = next[head] as number;
      // A candidate that is legal and leaves the state unchanged (a read that matches) can
      // be placed first without loss: any linearization placing it later stays valid with
      // it moved here, because nothing unplaced precedes it in real time and the states in
      // between do not change. So it is the only move worth trying in this configuration.
      for (let candidate = entry; candidate >= 0 && (returnOfEntry[candidate] as number) >= 0; candidate = next[candidate] as number) {
        if (transitions.next(state, operationOfEntry[candidate] as number) === state) {
          entry = candidate;
          forced = 1;
          break;
        }
      }
    }
    const returnEntry = entry < 0 ? -1 : (returnOfEntry[entry] as number);
    if (returnEntry >= 0) {
      const operation = operationOfEntry[entry] as number;
      const target = forced === 1 ? state : transitions.next(state, operation);
      if (target !== ILLEGAL_TRANSITION) {
        const word = operation >>> 5;
        const mask = 1 << (operation & 31);
        bits[word] = (bits[word] as number) ^ mask;
        hash ^= hashWords[operation] as number;
        check ^= checkWords[operation] as number;
        if (visited.addIfAbsent(bits, hash, check, target)) {
          stackEntries[depth] = entry;
          stackStates[depth] = state;
          stackForced[depth] = forced;
          depth++;
          state = target;
          unlink(next, previous, entry);
          unlink(next, previous, returnEntry);
          remaining -= completed[operation] as number;
          if (depth > bestDepth) {
            for (let index = stableDepth; index < depth; index++) best[index] = operationOfEntry[stackEntries[index] as number] as number;
            bestDepth = depth;
            stableDepth = depth;
          }
          entry = NEW_NODE;
          continue;
        }
        bits[word] = (bits[word] as number) ^ mask;
        hash ^= hashWords[operation] as number;
        check ^= checkWords[operation] as number;
      }
      // A forced move that leads to an explored configuration fails the whole configuration.
      entry = forced === 1 ? -1 : (next[entry] as number);
      continue;
    }
    // A return entry (or the end): the last choice led nowhere; undo it, and undo forced
    // moves outright, since their configuration had no other move worth trying.
    let undone: number;
    do {
      if (depth === 0) return finish('not linearizable');
      depth--;
      undone = stackEntries[depth] as number;
      state = stackStates[depth] as number;
      const operation = operationOfEntry[undone] as number;
      const word = operation >>> 5;
      bits[word] = (bits[word] as number) ^ (1 << (operation & 31));
      hash ^= hashWords[operation] as number;
      check ^= checkWords[operation] as number;
      relink(next, previous, returnOfEntry[undone] as number);
      relink(next, previous, undone);
      remaining += completed[operation] as number;
    } while (stackForced[depth] === 1);
    if (depth < stableDepth) stableDepth = depth;
    entry = next[undone] as number;
  }
  for (let index = 0; index < depth; index++) best[index] = operationOfEntry[stackEntries[index] as number] as number;
  bestDepth = depth;
  return finish('linearizable');

  function finish(verdict: SearchOutcome['verdict']): SearchOutcome {
    budget.spend(steps);
    return { verdict, steps: stepsTotal + steps, configurations: visited.size, longestPrefix: Array.from(best.subarray(0, bestDepth)) };
  }
}

/** The entry value meaning "a configuration was just entered". */
const NEW_NODE = -2;

/** Removes an entry from the list; its own links are kept so that {@link relink} can restore it. */
function unlink(next: Int32Array, previous: Int32Array, entry: number): void {
  const after = next[entry] as number;
  const before = previous[entry] as number;
  next[before] = after;
  if (after >= 0) previous[after] = before;
}

/** Restores an unlinked entry; entries must be relinked in the reverse order of unlinking. */
function relink(next: Int32Array, previous: Int32Array, entry: number): void {
  const after = next[entry] as number;
  next[previous[entry] as number] = entry;
  if (after >= 0) previous[after] = entry;
}

/** Two independent pseudo-random words per operation (splitmix32), fixed so verdicts and step counts are reproducible. */
function operationHashes(operationCount: number): [Int32Array, Int32Array] {
  const first = new Int32Array(operationCount);
  const second = new Int32Array(operationCount);
  let seed = 0x2545f491;
  const nextWord = (): number => {
    seed = (seed + 0x9e3779b9) | 0;
    let mixed = seed;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x21f0aaad);
    mixed = Math.imul(mixed ^ (mixed >>> 15), 0x735a2d97);
    return mixed ^ (mixed >>> 15);
  };
  for (let operation = 0; operation < operationCount; operation++) {
    first[operation] = nextWord();
    second[operation] = nextWord();
  }
  return [first, second];
}
