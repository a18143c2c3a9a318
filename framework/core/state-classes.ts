/**
 * Class instances may live in node state only when registered under an explicit name.
 * The name, not `constructor.name`, identifies the class in encodings, so it survives
 * bundling; registration is also the author's promise that every field of the class is
 * state (no closures, no private `#fields` the framework cannot see).
 *
 * @example
 * ```ts
 * export class KVStore implements Application<KVCommand, KVResult> {
 *   private readonly values = new Map<string, string>();
 * }
 * registerStateClass('KVStore', KVStore);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StateClass = abstract new (...args: any[]) => object;

const namesByPrototype = new Map<object, string>();
const prototypesByName = new Map<string, object>();

/** Thrown when two different classes are registered under one name. */
export class StateClassNameTakenError extends Error {
  override readonly name = 'StateClassNameTakenError';
}

/**
 * Registers a class whose instances may be part of node state, under a name unique in the
 * program (it identifies the class in encodings). Returns the class.
 *
 * @example
 * ```ts
 * registerStateClass('Ballot', Ballot);
 * ```
 */
export function registerStateClass<C extends StateClass>(name: string, stateClass: C): C {
  const prototype = stateClass.prototype as object;
  const existing = prototypesByName.get(name);
  if (existing !== undefined && existing !== prototype) {
    throw new StateClassNameTakenError(
      `state class name ${JSON.stringify(name)} is already registered by another class`,
    );
  }
  prototypesByName.set(name, prototype);
  namesByPrototype.set(prototype, name);
  return stateClass;
}

/** The registered name of an instance's class, or undefined for an unregistered class. */
export function stateClassName(instance: object): string | undefined {
  return namesByPrototype.get(Object.getPrototypeOf(instance) as object);
}
