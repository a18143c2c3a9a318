/**
 * Addresses name nodes. An address is a plain string so that it compares with `===`,
 * prints as itself and costs nothing to encode; the brand keeps arbitrary strings out.
 * A sub-address (`server1/paxos`) names a sub-node that lives inside its root node.
 *
 * @example
 * ```ts
 * const server: Address = address('server1');
 * if (sender === server) this.send({ kind: 'Pong' }, sender);
 * ```
 */
export type Address = string & { readonly __brand: 'Address' };

const SEPARATOR = '/';

/**
 * Thrown when a name cannot be an address.
 *
 * @example
 * ```ts
 * address('server 1'); // throws InvalidAddressError: no spaces in an address
 * ```
 */
export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError';
}

// Letters, digits and a few separators: no '/' (it joins sub-addresses), no '>' (it joins
// the two ends of a link in keys), no spaces (addresses are printed in logs).
const NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/**
 * Makes a root address such as `server1`; throws {@link InvalidAddressError} for a name
 * with anything but letters, digits, `_`, `.`, `:` and `-`.
 *
 * @example
 * ```ts
 * const server = address('server');
 * ```
 */
export function address(name: string): Address {
  if (!NAME_PATTERN.test(name)) {
    throw new InvalidAddressError(
      `invalid address name ${JSON.stringify(name)}: use letters, digits, '_', '.', ':' and '-'`,
    );
  }
  return name as Address;
}

/**
 * Makes the address of a sub-node of `parent`, such as `server1/paxos`.
 *
 * @example
 * ```ts
 * const paxos = subAddress(this.address, 'paxos'); // server1/paxos
 * ```
 */
export function subAddress(parent: Address, name: string): Address {
  return `${parent}${SEPARATOR}${address(name)}` as Address;
}

/**
 * The root node's address: the part before the first '/'.
 *
 * @example
 * ```ts
 * rootAddress(subAddress(address('server1'), 'paxos')); // server1
 * ```
 */
export function rootAddress(of: Address): Address {
  const index = of.indexOf(SEPARATOR);
  return (index < 0 ? of : of.slice(0, index)) as Address;
}

/**
 * Numbered addresses: `addresses('server', 3)` is server1, server2, server3.
 *
 * @example
 * ```ts
 * const servers = addresses('server', 3);
 * this.broadcast({ kind: 'Prepare', ballot }, servers);
 * ```
 */
export function addresses(prefix: string, count: number): Address[] {
  const result: Address[] = [];
  for (let i = 1; i <= count; i++) result.push(address(`${prefix}${i}`));
  return result;
}
