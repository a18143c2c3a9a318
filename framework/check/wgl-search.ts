import type { EntryList } from './entry-list.ts';
import { ILLEGAL_TRANSITION, type TransitionCache } from './transition-cache.ts';
import { VisitedSet } from './visited-set.ts';

/** Where a search stands after {@link LinearizationSearch.run}. */
export type SearchStatus = 'linearizable' | 'not linearizable' | 'paused';

/** The entry value meaning "a configuration was just entered". */
const NEW_NODE = -2;

/**
 * Wing & Gong's search with Lowe's memoization, as in Porcupine: walk the entry list; a
 * call entry before the first remaining return entry is an operation that may take effect
 * now — try it, unlink it and restart from the head; reaching a return entry means the
 * operation it closes cannot be placed in time, so undo the last choice and try the next
 * candidate. Configurations (placed set, state) already explored are skipped.
 *
 * The search succeeds once every completed operation is placed: operations with unknown
 * outcomes may be placed (they took effect) or left out (they never did).
 *
 * It runs in slices of steps (a step is one attempt to place an operation), so that a
 * caller can interleave the partitions of a history and stop at the first violation, and
 * so that a budget can stop it without losing soundness.
 */
export class LinearizationSearch {
  private readonly next: Int32Array;
  private readonly previous: Int32Array;
  private readonly head: number;
  private readonly bits: Uint32Array;
  private readonly hashWords: Int32Array;
  private readonly checkWords: Int32Array;
  private readonly visited: VisitedSet;
  // The stack of choices: the call entry placed, the state before it, whether it was forced.
  private readonly stackEntries: Int32Array;
  private readonly stackStates: Int32Array;
  private readonly stackForced: Uint8Array;
  private depth = 0;
  // The longest prefix so far; entries below `stableDepth` still agree with the stack.
  private readonly best: Int32Array;
  private bestDepth = 0;
  private stableDepth = 0;
  private hash = 0;
  private check = 0;
  private state: number;
  private remaining: number;
  private entry = NEW_NODE;
  private status: SearchStatus = 'paused';
  /** Steps spent so far. */
  steps = 0;

  /**
   * `readOnly[operation]` is 1 for operations that never change the state where legal
   * (see `SequentialSpec.isReadOnly`): those are placed without trying alternatives.
   */
  constructor(
    private readonly list: EntryList,
    private readonly transitions: TransitionCache<unknown, unknown, unknown>,
    private readonly readOnly: Uint8Array,
  ) {
    const operationCount = list.operationCount;
    const entryCount = operationCount * 2;
    // Links of the doubly linked list; -1 ends it. The head sentinel sits at index entryCount.
    this.head = entryCount;
    this.next = new Int32Array(entryCount + 1);
    this.previous = new Int32Array(entryCount + 1);
    for (let entry = 0; entry < entryCount; entry++) {
      this.next[entry] = entry + 1 < entryCount ? entry + 1 : -1;
      this.previous[entry] = entry === 0 ? this.head : entry - 1;
    }
    this.next[this.head] = entryCount > 0 ? 0 : -1;
    const wordCount = Math.max(1, Math.ceil(operationCount / 32));
    this.bits = new Uint32Array(wordCount);
    [this.hashWords, this.checkWords] = operationHashes(operationCount);
    this.visited = new VisitedSet(wordCount, operationCount);
    this.stackEntries = new Int32Array(operationCount);
    this.stackStates = new Int32Array(operationCount);
    this.stackForced = new Uint8Array(operationCount);
    this.best = new Int32Array(operationCount);
    this.state = transitions.initialStateId;
    this.remaining = list.completedCount;
    if (this.remaining === 0) this.status = 'linearizable';
  }

  /** Configurations memoized so far. */
  get configurations(): number {
    return this.visited.size;
  }

  /**
   * Operations (partition-local indices) of the longest order found that respects real
   * time and the specification. Once linearizable, it is a full linearization: every
   * completed operation, and the unknown outcomes that took effect.
   */
  longestPrefix(): number[] {
    const done = this.status === 'linearizable';
    const length = done ? this.depth : this.bestDepth;
    const prefix: number[] = new Array<number>(length);
    for (let index = 0; index < length; index++)
      prefix[index] = done
        ? (this.list.operationOfEntry[this.stackEntries[index] as number] as number)
        : (this.best[index] as number);
    return prefix;
  }

  /** Searches for at most `stepsMax` more steps. */
  run(stepsMax: number): SearchStatus {
    if (this.status !== 'paused') return this.status;
    const { operationOfEntry, returnOfEntry, completed } = this.list;
    const {
      next,
      previous,
      head,
      bits,
      hashWords,
      checkWords,
      visited,
      transitions,
      readOnly,
      stackEntries,
      stackStates,
      stackForced,
      best,
    } = this;
    let { depth, hash, check, state, remaining, entry, bestDepth, stableDepth } = this;
    let steps = 0;
    // The hot loop keeps everything in locals and writes it back when the slice ends.
    while (remaining > 0 && steps < stepsMax) {
      steps++;
      let forced = 0;
      if (entry === NEW_NODE) {
        entry = next[head] as number;
        // A read-only candidate that is legal now can be placed first without loss: any
        // linearization placing it later (or, for an unknown outcome, not at all) stays valid
        // with it moved here, because nothing unplaced precedes it in real time and it changes
        // no state. So it is the only move worth trying in this configuration. (Being a no-op
        // in this state is not enough: a put of the current value changes other states.)
        for (
          let candidate = entry;
          candidate >= 0 && (returnOfEntry[candidate] as number) >= 0;
          candidate = next[candidate] as number
        ) {
          const operation = operationOfEntry[candidate] as number;
          if (readOnly[operation] === 1 && transitions.legalReadOnly(state, operation)) {
            entry = candidate;
            forced = 1;
            break;
          }
        }
      }
      // Otherwise every read-only candidate is illegal in this configuration's state (the
      // scan above found none legal, and the state is the same when the search comes back
      // here), so they are passed over without another look.
      if (forced === 0) {
        while (
          entry >= 0 &&
          (returnOfEntry[entry] as number) >= 0 &&
          readOnly[operationOfEntry[entry] as number] === 1
        )
          entry = next[entry] as number;
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
              for (let index = stableDepth; index < depth; index++)
                best[index] = operationOfEntry[stackEntries[index] as number] as number;
              bestDepth = depth;
              stableDepth = depth;
            }
            entry = NEW_NODE;
            continue;
          }
          bits[word] = bits[word] ^ mask;
          hash ^= hashWords[operation] as number;
          check ^= checkWords[operation] as number;
        }
        // A forced move that leads to an explored configuration fails the whole configuration.
        entry = forced === 1 ? -1 : (next[entry] as number);
        continue;
      }
      // A return entry (or the end): the last choice led nowhere; undo it, and undo forced
      // moves outright, since their configuration had no other move worth trying.
      let undone = -1;
      while (depth > 0) {
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
        if (stackForced[depth] === 0) break;
        undone = -1;
      }
      if (undone < 0) {
        this.status = 'not linearizable';
        break;
      }
      if (depth < stableDepth) stableDepth = depth;
      entry = next[undone] as number;
    }
    if (remaining === 0) this.status = 'linearizable';
    this.depth = depth;
    this.hash = hash;
    this.check = check;
    this.state = state;
    this.remaining = remaining;
    this.entry = entry;
    this.bestDepth = bestDepth;
    this.stableDepth = stableDepth;
    this.steps += steps;
    return this.status;
  }
}

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

/**
 * Two independent pseudo-random words per operation (splitmix32), fixed so verdicts and step counts
 * are reproducible.
 */
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
