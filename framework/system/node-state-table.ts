import { cloneState } from '../core/clone.ts';
import { copyableOnWrite, copyOnWrite, settle, unchangedCopyOf } from '../core/copy-on-write.ts';
import { encode, encodeFieldValue } from '../core/encoding.ts';
import { finalizeInt32 as mix32, hashString64 } from '../core/hash.ts';
import type { Node } from '../core/node.ts';
import { sameState } from '../core/same-state.ts';
import { SequenceTable } from './intern-table.ts';

/** The cost per state of the arrays and the node object's header, for the estimate. */
const BYTES_PER_STATE_ESTIMATE = 64;
/** A segment's string header and its map entry. */
const BYTES_PER_SEGMENT_ESTIMATE = 64;
const HASH_HIGH_SEED = 0x6a09e667 | 0;
const HASH_LOW_SEED = 0xbb67ae85 | 0;

/**
 * The interned states of a system's nodes: each distinct node state (by canonical
 * encoding) gets a small id, once, with a 64-bit hash.
 *
 * A node's encoding is `N<address>{<segment>…}`, one segment `<key>=<value>` per field in
 * key order. The table interns each distinct segment once, and a node state as the sequence
 * of its address's and its segments' ids: two states are the same exactly when their
 * sequences are, which is when their encodings are, and the encoding itself is never put
 * together or stored. A field value that many states share (a log, a store) is stored once.
 *
 * A state made by a handler from another (its parent) costs what the handler changed: a
 * field found {@link sameState} as the parent's keeps the parent's segment, and only the
 * others are encoded.
 */
export class NodeStateTable {
  readonly values: Node[] = [];
  readonly hashHigh: number[] = [];
  readonly hashLow: number[] = [];
  /** Each state's field names, sorted (the parent's array when they are the same). */
  private readonly fieldKeys: (readonly string[])[] = [];
  /**
   * Each state's field names in the object's own order (the parent's array when it is the
   * same): a copy keeps its original's order, so comparing it name by name tells that a
   * handler added or deleted no field, without sorting.
   */
  private readonly fieldOrders: (readonly string[])[] = [];
  /** Per state: whether it may be copied on write (1), or not (2), or not known yet (0). */
  private readonly copyable: number[] = [];
  /** Each state as [address id, segment id …]; its id in this table is its node state id. */
  private readonly states = new SequenceTable();
  private readonly segmentIds = new Map<string, number>();
  /** Each segment by id, so that {@link truncate} can take it out of the map. */
  private readonly segments: string[] = [];
  private readonly segmentHashHigh: number[] = [];
  private readonly segmentHashLow: number[] = [];
  private segmentCharacters = 0;
  private readonly addressIds = new Map<string, number>();
  private readonly scratch: number[] = [];
  /** The field order of the node being interned, for {@link fieldOrders}. */
  private order: readonly string[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The node state with this id. */
  value(id: number): Node {
    const value = this.values[id];
    if (value === undefined) throw new RangeError(`no interned node state ${id}`);
    return value;
  }

  /**
   * A copy of node state `id` for a handler to run on: copy-on-write (see copy-on-write.ts),
   * so that the handler pays for the fields it reads, where the state allows it, and else a
   * deep copy.
   */
  copyForHandler(id: number): Node {
    const node = this.value(id);
    let copyable = this.copyable[id]!;
    if (copyable === 0) this.copyable[id] = copyable = copyableOnWrite(node) ? 1 : 2;
    return (
      (copyable === 1 ? copyOnWrite(node, this.fieldOrders[id]!) : undefined) ?? cloneState(node)
    );
  }

  /**
   * The id of the node's state, interning it (the node itself, which must not change
   * afterwards, or for a copy-on-write copy the node it {@link settle}s into) if it is new.
   * `parentId`, if ≥ 0, is the state the node was copied from.
   */
  intern(copy: Node, parentId = -1): number {
    const parent = parentId >= 0 ? this.values[parentId] : undefined;
    // A copy-on-write copy tells without settling that its touched fields are the parent's.
    if (parent !== undefined && unchangedCopyOf(copy, parent)) return parentId;
    const node = settle(copy);
    const parentKeys =
      parent === undefined || parent.address !== node.address
        ? undefined
        : this.fieldKeys[parentId];
    // A handler seldom adds or deletes a field: then the parent's sorted keys are the node's,
    // and sorting them again (string comparisons, an array) is saved.
    const order = Object.keys(node);
    const parentOrder = parentKeys === undefined ? undefined : this.fieldOrders[parentId];
    const sameKeys = parentOrder !== undefined && sameKeyList(order, parentOrder);
    const keys = sameKeys ? (parentKeys as readonly string[]) : [...order].sort();
    this.order = sameKeys ? parentOrder : order;
    const scratch = this.scratch;
    scratch.length = 0;
    scratch.push(this.addressId(node.address));
    let changed = !sameKeys;
    try {
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (sameKeys && sameState(value, (parent as unknown as Record<string, unknown>)[key])) {
          scratch.push(this.states.at(parentId, 1 + index));
        } else {
          scratch.push(this.segmentId(`${key.length}:${key}=${encodeFieldValue(value)}`));
          changed = true;
        }
      }
    } catch (error) {
      // Encoded whole, the node gives the error its full path (or, if it encodes, the error was not
      // the encoding's).
      encode(node, node.address);
      throw error;
    }
    // Most handlers in a search change nothing (a stale message, a duplicate): the parent's state,
    // then.
    if (!changed) return parentId;
    return this.internSequence(node, keys);
  }

  /** Segments interned so far: with {@link size}, a mark for {@link truncate}. */
  get segmentCount(): number {
    return this.segments.length;
  }

  /**
   * Forgets every node state interned since the table held `size` states and `segmentCount`
   * segments: their ids are given again to the next new states. Only for a caller that
   * knows no state refers to them (see {@link NodeSystem.forgetSince}).
   */
  truncate(size: number, segmentCount: number): void {
    for (let id = segmentCount; id < this.segments.length; id++) {
      const segment = this.segments[id]!;
      this.segmentIds.delete(segment);
      this.segmentCharacters -= segment.length;
    }
    const segments = Math.min(segmentCount, this.segments.length);
    this.segments.length = segments;
    this.segmentHashHigh.length = segments;
    this.segmentHashLow.length = segments;
    const states = Math.min(size, this.values.length);
    this.values.length = states;
    this.hashHigh.length = states;
    this.hashLow.length = states;
    this.fieldKeys.length = states;
    this.fieldOrders.length = states;
    this.copyable.length = states;
    this.states.truncate(states);
  }

  /**
   * An estimate of the memory the table holds: the segments' characters (one byte each, as
   * V8 keeps Latin-1 strings) and about as much again for the node objects, per-segment
   * and per-state costs, and the sequences.
   */
  get sizeBytesEstimate(): number {
    return (
      this.segmentCharacters * 2 +
      this.segmentHashHigh.length * BYTES_PER_SEGMENT_ESTIMATE +
      this.values.length * BYTES_PER_STATE_ESTIMATE +
      this.states.sizeBytes
    );
  }

  private internSequence(node: Node, keys: readonly string[]): number {
    const scratch = this.scratch;
    let high = HASH_HIGH_SEED;
    let low = HASH_LOW_SEED;
    for (let index = 0; index < scratch.length; index++) {
      const id = scratch[index] as number;
      // The address's id and a segment's id are told apart by position: the address comes first.
      const segmentHigh =
        index === 0 ? Math.imul(id + 1, 0x9e3779b1) : (this.segmentHashHigh[id] as number);
      const segmentLow =
        index === 0 ? Math.imul(id + 1, 0x85ebca6b) : (this.segmentHashLow[id] as number);
      high = Math.imul(high ^ segmentHigh, 0x01000193);
      low = Math.imul((low << 7) ^ (low >>> 25) ^ segmentLow, 0x5bd1e995);
    }
    high = mix32(high ^ scratch.length);
    low = mix32(low ^ Math.imul(high, 0x27d4eb2f));
    const before = this.states.size;
    const id = this.states.intern(scratch, scratch.length, high, low);
    if (id === before) {
      this.values.push(node);
      this.hashHigh.push(high >>> 0);
      this.hashLow.push(low >>> 0);
      this.fieldKeys.push(keys);
      this.fieldOrders.push(this.order);
      this.copyable.push(0);
    }
    return id;
  }

  private segmentId(segment: string): number {
    const existing = this.segmentIds.get(segment);
    if (existing !== undefined) return existing;
    const id = this.segmentHashHigh.length;
    const hash = hashString64(segment);
    this.segmentIds.set(segment, id);
    this.segments.push(segment);
    this.segmentHashHigh.push(hash.high | 0);
    this.segmentHashLow.push(hash.low | 0);
    this.segmentCharacters += segment.length;
    return id;
  }

  private addressId(address: string): number {
    let id = this.addressIds.get(address);
    if (id === undefined) this.addressIds.set(address, (id = this.addressIds.size));
    return id;
  }
}

function sameKeyList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
