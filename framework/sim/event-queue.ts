/**
 * A binary min-heap of scheduled events ordered by time, then by the order they were
 * scheduled — so that events due at the same instant happen in a deterministic order.
 */
export interface Scheduled {
  readonly timeMicros: number;
  readonly sequence: number;
}

export class EventQueue<E extends Scheduled> {
  private readonly heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  push(event: E): void {
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as E;
      if (!before(event, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    const length = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(heap[right] as E, heap[left] as E)) child = right;
      const childEvent = heap[child] as E;
      if (!before(childEvent, last)) break;
      heap[index] = childEvent;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  /** Every queued event, in heap order (not in time order). */
  entries(): readonly E[] {
    return this.heap;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.timeMicros < b.timeMicros || (a.timeMicros === b.timeMicros && a.sequence < b.sequence);
}
