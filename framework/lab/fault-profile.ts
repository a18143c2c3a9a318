import { seededRandom } from '../core/random.ts';
import type { NetworkSettings } from '../sim/network-settings.ts';

/** One window of a fault schedule, in simulated ms from the start of the run. */
export interface FaultWindow {
  readonly startMs: number;
  readonly endMs: number;
  /**
   * Which of the scenario's nodes it strikes: a fraction in [0, 1) that the scenario maps
   * onto its own nodes (so one profile suits a lab of one server or of nine).
   */
  readonly target: number;
}

/**
 * The faults and the load of one swarm seed, drawn from the seed alone (the recipe of
 * TigerBeetle's VOPR): each seed tests the protocol under a world of its own, so that a
 * range of seeds covers calm networks and hostile ones, few clients and many, rather than
 * one hand-picked setting.
 */
export interface FaultProfile {
  readonly network: Omit<NetworkSettings, 'reliableNodes'>;
  /** Windows during which the targeted node is cut off from every other. */
  readonly partitions: readonly FaultWindow[];
  /** Windows during which the targeted node is crashed (restarted at the window's end). */
  readonly crashes: readonly FaultWindow[];
  readonly clients: number;
  /** Commands per client. */
  readonly commandsPerClient: number;
  /** Whether the clients share one key (contention) or each has its own. */
  readonly workload: 'same key' | 'different keys';
  /** Simulated ms of faults; then the network is healed and the clients given time to finish. */
  readonly faultyMs: number;
}

const FAULTY_MS_MAX = 10_000;
const WINDOWS_MAX = 4;

/** The fault profile of `seed`: the same seed gives the same profile on every machine. */
export function faultProfile(seed: number): FaultProfile {
  const random = seededRandom(seed, 'swarm fault profile');
  const between = (low: number, high: number): number => low + random.next() * (high - low);
  // A third of the seeds keep a part of the world calm, so that failures are not all blamed on
  // the harshest settings together.
  const deliveryRate = random.chance(1 / 3) ? 1 : round(between(0.5, 1), 2);
  const duplicateRate = random.chance(1 / 3) ? 0 : round(between(0, 0.3), 2);
  const latencyMsMin = random.integer(0, 10);
  const latencyMsMax = latencyMsMin + random.integer(0, 100);
  const faultyMs = random.integer(1_000, FAULTY_MS_MAX);
  const windows = (): FaultWindow[] => {
    const count = random.chance(1 / 3) ? 0 : random.integer(1, WINDOWS_MAX);
    return Array.from({ length: count }, () => {
      const startMs = random.integer(0, faultyMs - 1);
      return {
        startMs,
        endMs: Math.min(faultyMs, startMs + random.integer(50, 3_000)),
        target: round(random.next(), 4),
      };
    }).sort((a, b) => a.startMs - b.startMs);
  };
  return {
    network: { deliveryRate, duplicateRate, latencyMsMin, latencyMsMax },
    partitions: windows(),
    crashes: windows(),
    clients: random.integer(1, 8),
    commandsPerClient: random.integer(1, 50),
    workload: random.chance(0.5) ? 'same key' : 'different keys',
    faultyMs,
  };
}

/** A profile in one line, as a failing seed prints it. */
export function describeFaultProfile(profile: FaultProfile): string {
  const { network } = profile;
  const windows = (list: readonly FaultWindow[]): string =>
    list.length === 0
      ? 'none'
      : list.map((window) => `${window.startMs}–${window.endMs} ms @${window.target}`).join(', ');
  return [
    `delivery ${network.deliveryRate}`,
    `duplicates ${network.duplicateRate}`,
    `latency ${network.latencyMsMin}–${network.latencyMsMax} ms`,
    `partitions ${windows(profile.partitions)}`,
    `crashes ${windows(profile.crashes)}`,
    `${profile.clients} client${profile.clients === 1 ? '' : 's'} × ${profile.commandsPerClient} commands (${profile.workload})`,
    `faults for ${profile.faultyMs} ms`,
  ].join('; ');
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
