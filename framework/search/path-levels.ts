/** Entries a level's buffers start with; they double as needed and are reused level after level. */
const LEVEL_CAPACITY_INITIAL = 1024;
const BYTES_PER_INT = 4;
/** What an array slot holding an event that is not a small integer costs, at least. */
const BYTES_PER_EVENT_VALUE = 8;

/**
 * Where the paths of a search begin: an initial state, or the end of a path an earlier search
 * found.
 */
interface PathRoot<State, Event> {
  readonly initial: State;
  readonly prefix: readonly Event[];
}

/**
 * The paths to every state a breadth-first search has queued, level by level, in flat
 * arrays: for each state of level d > 0, the index of its parent in level d − 1 and the
 * event that led from it. Level 0 holds roots. A path is rebuilt, only for a finding, by
 * walking the indices back; the caller replays it from the root's initial state.
 *
 * This costs 8 bytes per queued state (4 for the parent index, 4 for the event while the
 * events of a level are all int32 numbers, as a node system's are) and no object, where a
 * chain of `{ parent, event }` steps costs an object per state that the collector has to
 * trace again and again: nearly every step keeps a live descendant until the search ends.
 */
export class PathLevels<State, Event> {
  private readonly roots: PathRoot<State, Event>[] = [];
  /** Sealed levels 1..d: parent indices. */
  private readonly parents: Int32Array[] = [];
  /** Sealed levels 1..d: events, packed while they are all int32 numbers. */
  private readonly events: (Int32Array | Event[])[] = [];
  /** The level being built. */
  private parentBuffer = new Int32Array(LEVEL_CAPACITY_INITIAL);
  private eventBuffer: Int32Array | undefined = new Int32Array(LEVEL_CAPACITY_INITIAL);
  private eventValues: Event[] | undefined;
  private length = 0;
  private bytes = 0;

  /** Adds a root to level 0 (before any other level is built); returns its index. */
  addRoot(initial: State, prefix: readonly Event[]): number {
    if (this.parents.length > 0 || this.length > 0)
      throw new Error('path levels: roots come before every other level');
    this.roots.push({ initial, prefix });
    return this.roots.length - 1;
  }

  /**
   * Adds a state to the level being built: reached by `event` from entry `parentIndex` of the level
   * before.
   */
  add(parentIndex: number, event: Event): void {
    const at = this.length;
    if (at === this.parentBuffer.length) this.growBuffers();
    this.parentBuffer[at] = parentIndex;
    const packed = this.eventBuffer;
    if (packed !== undefined && isInt32(event)) packed[at] = event as unknown as number;
    else this.addEventValue(at, event);
    this.length = at + 1;
  }

  /** Seals the level being built: its states are the next level's parents. */
  endLevel(): void {
    const length = this.length;
    this.parents.push(this.parentBuffer.slice(0, length));
    if (this.eventValues !== undefined) {
      this.events.push(this.eventValues);
      this.bytes += length * (BYTES_PER_INT + BYTES_PER_EVENT_VALUE);
    } else {
      this.events.push((this.eventBuffer as Int32Array).slice(0, length));
      this.bytes += length * 2 * BYTES_PER_INT;
    }
    this.eventBuffer ??= new Int32Array(this.parentBuffer.length);
    this.eventValues = undefined;
    this.length = 0;
  }

  /** The memory the sealed levels hold, and the buffers of the one being built. */
  get sizeBytes(): number {
    return this.bytes + this.parentBuffer.length * 2 * BYTES_PER_INT;
  }

  /** The initial state and the events that lead to entry `index` of sealed level `level`. */
  pathTo(level: number, index: number): { initial: State; path: Event[] } {
    const reversed: Event[] = [];
    let at = index;
    for (let depth = level; depth > 0; depth--) {
      const events = this.events[depth - 1]!;
      reversed.push(events instanceof Int32Array ? (events[at] as unknown as Event) : events[at]!);
      at = this.parents[depth - 1]![at]!;
    }
    const root = this.roots[at]!;
    return { initial: root.initial, path: [...root.prefix, ...reversed.reverse()] };
  }

  private growBuffers(): void {
    const capacity = this.parentBuffer.length * 2;
    const parents = new Int32Array(capacity);
    parents.set(this.parentBuffer);
    this.parentBuffer = parents;
    if (this.eventBuffer !== undefined) {
      const events = new Int32Array(capacity);
      events.set(this.eventBuffer);
      this.eventBuffer = events;
    }
  }

  /** Keeps an event that is not an int32: from now on this level's events are kept in an array. */
  private addEventValue(at: number, event: Event): void {
    if (this.eventValues === undefined) {
      const packed = this.eventBuffer as Int32Array;
      this.eventValues = Array.from(packed.subarray(0, at), (value) => value as unknown as Event);
      this.eventBuffer = undefined;
    }
    this.eventValues.push(event);
  }
}

/**
 * Whether a value is a number that an Int32Array keeps exactly (-0 is not: it would come back as
 * 0).
 */
function isInt32(value: unknown): boolean {
  return typeof value === 'number' && (value | 0) === value && (value !== 0 || 1 / value > 0);
}
