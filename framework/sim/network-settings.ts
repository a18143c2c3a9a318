import type { Address } from '../core/address.ts';

/** How the simulated network treats each message in run mode. */
export interface NetworkSettings {
  /** Each message's latency is drawn uniformly from [latencyMsMin, latencyMsMax]. */
  readonly latencyMsMin: number;
  readonly latencyMsMax: number;
  /** Probability that a message is delivered at all (1 = reliable). */
  readonly deliveryRate: number;
  /** Probability that a delivered message is delivered a second time. */
  readonly duplicateRate: number;
  /**
   * Nodes whose links stay reliable whatever the rates: a message to or from one of them (or a
   * sub-node of one) is never dropped or duplicated, as DSLabs's `nodeUnreliable(address,
   * false)`. Its latency is drawn as for any other message. A cut link still drops.
   */
  readonly reliableNodes: readonly Address[];
}

/** A reliable network with 1–5 ms of latency: messages still reorder. */
export const DEFAULT_NETWORK: NetworkSettings = Object.freeze({
  latencyMsMin: 1,
  latencyMsMax: 5,
  deliveryRate: 1,
  duplicateRate: 0,
  reliableNodes: Object.freeze([]),
});

/** Thrown for settings outside their ranges. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';
}

/** Checks settings and fills in defaults. */
export function networkSettings(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  const settings = { ...DEFAULT_NETWORK, ...overrides };
  const { latencyMsMin, latencyMsMax, deliveryRate, duplicateRate } = settings;
  if (!(latencyMsMin >= 0 && latencyMsMax >= latencyMsMin && Number.isFinite(latencyMsMax))) {
    throw new InvalidSettingsError(
      `latency range [${latencyMsMin}, ${latencyMsMax}] ms is invalid`,
    );
  }
  if (!(deliveryRate >= 0 && deliveryRate <= 1))
    throw new InvalidSettingsError(`delivery rate ${deliveryRate} is not in [0, 1]`);
  if (!(duplicateRate >= 0 && duplicateRate <= 1))
    throw new InvalidSettingsError(`duplicate rate ${duplicateRate} is not in [0, 1]`);
  // Settings may come from JavaScript or a trace: check the list's type as well as its values.
  const reliableNodes: unknown = settings.reliableNodes;
  if (!Array.isArray(reliableNodes) || !reliableNodes.every((node) => typeof node === 'string'))
    throw new InvalidSettingsError('reliable nodes must be a list of addresses');
  // An address is a string with a brand: the check above is what the brand promises.
  const nodes = Object.freeze(reliableNodes.slice() as Address[]);
  return Object.freeze({ ...settings, reliableNodes: nodes });
}
