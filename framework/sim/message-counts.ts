import type { Address } from '../core/address.ts';

/**
 * How many messages a node sent and was sent, counted by root address (a sub-node's messages
 * count for its parent). What a lab test reads to bound a protocol's messages, with no wrapper
 * around the nodes and nothing in their state.
 */
export interface MessageCounts {
  /** Messages the node's handlers sent (to anyone, itself included), dropped ones too. */
  readonly sent: number;
  /** Messages sent to the node, whether or not the network delivered them. */
  readonly addressed: number;
  /** Messages delivered to the node (a duplicate counts twice). */
  readonly delivered: number;
}

/** The running counts of one address; a simulation's own. */
export interface MutableMessageCounts {
  sent: number;
  addressed: number;
  delivered: number;
}

/** Counts of nothing: an address that never sent or was sent anything. */
export const NO_MESSAGES: MessageCounts = Object.freeze({ sent: 0, addressed: 0, delivered: 0 });

/** The sum of several addresses' counts. */
export function sumMessageCounts(counts: Iterable<MessageCounts>): MessageCounts {
  const total = { sent: 0, addressed: 0, delivered: 0 };
  for (const each of counts) {
    total.sent += each.sent;
    total.addressed += each.addressed;
    total.delivered += each.delivered;
  }
  return total;
}

/** The counts of each root address, created on first use. */
export class MessageCountTable {
  private readonly byAddress = new Map<Address, MutableMessageCounts>();

  /** The running counts of a root address. */
  of(root: Address): MutableMessageCounts {
    let counts = this.byAddress.get(root);
    if (counts === undefined) {
      counts = { sent: 0, addressed: 0, delivered: 0 };
      this.byAddress.set(root, counts);
    }
    return counts;
  }

  /** A copy of an address's counts now. */
  snapshot(root: Address): MessageCounts {
    const counts = this.byAddress.get(root);
    return counts === undefined ? NO_MESSAGES : { ...counts };
  }

  /** Every address counted, with a copy of its counts. */
  entries(): Map<Address, MessageCounts> {
    return new Map([...this.byAddress].map(([root, counts]) => [root, { ...counts }]));
  }
}
