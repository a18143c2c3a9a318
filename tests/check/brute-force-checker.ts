import type { History, Operation, SequentialSpec } from '../../framework/check/index.ts';

/**
 * The oracle: tries every order of the operations that respects real time (an operation
 * that returned before another was called comes first), with each unknown outcome either
 * placed or left out, and replays it against the specification. Exponential, so only for
 * histories of a handful of operations. It shares nothing with the checker but the spec.
 */
export function bruteForceLinearizable<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
): boolean {
  const placed = new Array<boolean>(history.length).fill(false);
  const mustPlace = history.filter((operation) => operation.returnTime !== undefined).length;
  const precedes = (a: Operation<Input, Output>, b: Operation<Input, Output>): boolean =>
    a.returnTime !== undefined && a.returnTime < b.callTime;

  const extend = (state: State, placedCompleted: number): boolean => {
    if (placedCompleted === mustPlace) return true;
    return history.some((operation, id) => {
      if (placed[id] === true) return false;
      // Every completed operation that precedes this one in real time must already be placed.
      if (history.some((other, otherId) => placed[otherId] !== true && precedes(other, operation)))
        return false;
      const result = spec.step(state, operation.input, operation.output);
      if (!result.legal) return false;
      placed[id] = true;
      const found = extend(
        result.state,
        placedCompleted + (operation.returnTime === undefined ? 0 : 1),
      );
      placed[id] = false;
      return found;
    });
  };
  return extend(spec.initialState(), 0);
}

/**
 * Whether `order` (history ids) is a linearization: real time respected, every completed operation
 * present, each step legal.
 */
export function isLinearization<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  order: readonly number[],
): boolean {
  if (new Set(order).size !== order.length) return false;
  const present = new Set(order);
  if (history.some((operation, id) => operation.returnTime !== undefined && !present.has(id)))
    return false;
  return isValidPrefix(history, spec, order);
}

/**
 * Whether `order` can start a linearization: legal steps, and nothing in it preceded in real time
 * by an operation after it or missing from it.
 */
export function isValidPrefix<State, Input, Output>(
  history: History<Input, Output>,
  spec: SequentialSpec<State, Input, Output>,
  order: readonly number[],
): boolean {
  const position = new Map(order.map((id, index) => [id, index]));
  for (const [index, id] of order.entries()) {
    const operation = history[id] as Operation<Input, Output>;
    const violated = history.some(
      (other, otherId) =>
        other.returnTime !== undefined &&
        other.returnTime < operation.callTime &&
        (position.get(otherId) ?? Infinity) > index,
    );
    if (violated) return false;
  }
  let state = spec.initialState();
  for (const id of order) {
    const operation = history[id] as Operation<Input, Output>;
    const result = spec.step(state, operation.input, operation.output);
    if (!result.legal) return false;
    state = result.state;
  }
  return true;
}
