import { CheckFailure, describeValue } from '../../../framework/testing.ts';
import { encode } from '../../../framework/engine.ts';
import { isPaxosServer } from '../log-checks.ts';
import type { PaxosServerNode } from '../log-inspection.ts';
import type { PaxosRun } from './setup.ts';

/** How often, in simulated time, a watched run looks at the logs. */
const WATCH_INTERVAL_MS = 25;

/**
 * Remembers the command each slot was first seen chosen with, at any server, and fails as
 * soon as any server shows a slot chosen with another. A check of the final state alone
 * would miss two servers that executed different commands in one slot when garbage
 * collection has cleared the slot since (or a crash lost the evidence).
 */
export class ChosenLogMonitor {
  /** Per slot: the canonical encoding of the command first seen chosen there (`no-op` for none). */
  private readonly chosen = new Map<
    number,
    {
      readonly key: string;
      readonly description: string;
      readonly server: string;
      readonly atMs: number;
    }
  >();
  /**
   * Per server: every slot below this one was checked chosen (chosen stays chosen until cleared).
   */
  private readonly checkedBelow = new Map<string, number>();

  constructor(private readonly run: PaxosRun) {}

  /** Runs the simulation for `durationMs`, looking at the logs every 25 ms of simulated time. */
  runFor(durationMs: number): void {
    const simulation = this.run.simulation;
    const end = simulation.nowMs + durationMs;
    while (simulation.nowMs < end) {
      simulation.runFor(Math.min(WATCH_INTERVAL_MS, end - simulation.nowMs));
      this.observe();
    }
  }

  /** Looks at every running server's log now. */
  observe(): void {
    for (const address of this.run.servers) {
      if (!this.run.simulation.isActive(address)) continue;
      const node = this.run.simulation.node(address);
      if (isPaxosServer(node)) this.observeServer(node);
    }
  }

  private observeServer(server: PaxosServerNode): void {
    let checkedBelow = Math.max(
      this.checkedBelow.get(server.address) ?? 1,
      server.firstNonCleared(),
    );
    let contiguous = true;
    for (let slot = checkedBelow, last = server.lastNonEmpty(); slot <= last; slot++) {
      const status = server.status(slot);
      if (status === 'chosen') this.record(server, slot);
      if (contiguous && (status === 'chosen' || status === 'cleared')) checkedBelow = slot + 1;
      else contiguous = false;
    }
    this.checkedBelow.set(server.address, checkedBelow);
  }

  private record(server: PaxosServerNode, slot: number): void {
    const command = server.command(slot);
    const key = command === undefined ? 'no-op' : encode(command);
    const nowMs = this.run.simulation.nowMs;
    const description =
      command === undefined
        ? 'a no-op'
        : `${command.client}#${command.sequenceNumber} ${describeValue(command.command)}`;
    const first = this.chosen.get(slot);
    if (first === undefined) {
      this.chosen.set(slot, { key, description, server: server.address, atMs: nowMs });
    } else if (first.key !== key) {
      throw new CheckFailure(
        `slot ${slot} is chosen with two commands: ${first.description} at ${first.server} (seen at ${first.atMs} ms), ${description} at ${server.address} (at ${nowMs} ms)`,
      );
    }
  }
}
