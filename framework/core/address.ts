/**
 * Addresses name nodes. An address is a plain string so that it compares with `===`,
 * prints as itself and costs nothing to encode; the brand keeps arbitrary strings out.
 * A sub-address (`server1/paxos`) names a sub-node that lives inside its root node.
 */
export type Address = string & { readonly __brand: 'Address' };

const SEPARATOR = '/';

/** Thrown when a name cannot be an address. */
export class InvalidAddressError extends Error {
  override readonly name = 'InvalidAddressError';
}

/** Makes a root address such as `server1`. */
// Letters, digits and a few separators: no '/' (it joins sub-addresses), no '>' (it joins
// the two ends of a link in keys), no spaces (addresses are printed in logs).
const NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;

export function address(name: string): Address {
  if (!NAME_PATTERN.test(name)) {
    throw new InvalidAddressError(
      `invalid address name ${JSON.stringify(name)}: use letters, digits, '_', '.', ':' and '-'`,
    );
  }
  return name as Address;
}

/** Makes the address of a sub-node of `parent`, such as `server1/paxos`. */
export function subAddress(parent: Address, name: string): Address {
  return `${parent}${SEPARATOR}${address(name)}` as Address;
}

/** The root node's address: the part before the first '/'. */
export function rootAddress(of: Address): Address {
  const index = of.indexOf(SEPARATOR);
  return (index < 0 ? of : of.slice(0, index)) as Address;
}

/** Numbered addresses: `addresses('server', 3)` is server1, server2, server3. */
export function addresses(prefix: string, count: number): Address[] {
  const result: Address[] = [];
  for (let i = 1; i <= count; i++) result.push(address(`${prefix}${i}`));
  return result;
}
