import type { Address } from '../../../framework/index.ts';

/** The snapshot the tester's service takes: every command it applied, by index (MIT's xlog). */
export interface TesterSnapshot {
  readonly lastIndex: number;
  /** `commands[k]` was applied at index `k + 1`. */
  readonly commands: readonly unknown[];
}

/**
 * The MIT tester's view of what every server applied (its `logs`, `lastApplied` and
 * `maxIndex`), kept outside the simulated nodes so that it survives their crashes. Every
 * apply is checked at once, as MIT's applier goroutine does: no two servers may apply different
 * commands at one index, and each server applies indices in order, one after another. The first
 * violation is kept for the test to report.
 */
export class ApplyRecorder {
  private readonly logs = new Map<Address, Map<number, unknown>>();
  private readonly lastApplied = new Map<Address, number>();
  /** The highest index any server applied. */
  maxIndex = 0;
  /** The first violation seen, or null. */
  error: string | null = null;
  /** RPCs (requests) each server sent, and the bytes of their JSON encodings. */
  private readonly rpcs = new Map<Address, number>();
  bytesTotal = 0;

  applied(server: Address, index: number, command: unknown): void {
    const expected = (this.lastApplied.get(server) ?? 0) + 1;
    if (index !== expected)
      this.fail(`server ${server} apply out of order: index ${index}, expected ${expected}`);
    for (const [other, log] of this.logs) {
      const old = log.get(index);
      if (old !== undefined && !sameCommand(old, command))
        this.fail(
          `commit index=${index} server=${server} ${show(command)} != server=${other} ${show(old)}`,
        );
    }
    this.logOf(server).set(index, command);
    this.lastApplied.set(server, index);
    this.maxIndex = Math.max(this.maxIndex, index);
  }

  /** A server's service restarted from a snapshot (null: from nothing), as MIT's ingestSnap. */
  restored(server: Address, snapshot: TesterSnapshot | null): void {
    if (snapshot === null) {
      this.lastApplied.set(server, 0);
      return;
    }
    const log = new Map<number, unknown>();
    snapshot.commands.forEach((command, k) => log.set(k + 1, command));
    this.logs.set(server, log);
    this.lastApplied.set(server, snapshot.lastIndex);
  }

  /**
   * How many servers applied `index`, and the command they applied (MIT's nCommitted); a
   * disagreement is a violation.
   */
  committedCount(index: number): { count: number; command: unknown } {
    let count = 0;
    let command: unknown = undefined;
    for (const [server, log] of this.logs) {
      if (!log.has(index)) continue;
      const applied = log.get(index);
      if (count > 0 && !sameCommand(applied, command))
        this.fail(`committed values do not match: index ${index}, server ${server}`);
      count++;
      command = applied;
    }
    return { count, command };
  }

  countRpc(server: Address, bytes: number): void {
    this.rpcs.set(server, (this.rpcs.get(server) ?? 0) + 1);
    this.bytesTotal += bytes;
  }

  rpcTotal(): number {
    let total = 0;
    for (const count of this.rpcs.values()) total += count;
    return total;
  }

  private logOf(server: Address): Map<number, unknown> {
    let log = this.logs.get(server);
    if (log === undefined) {
      log = new Map();
      this.logs.set(server, log);
    }
    return log;
  }

  private fail(message: string): void {
    this.error ??= message;
  }
}

/** Tester commands are numbers or strings (MIT's ints and random strings). */
export function sameCommand(a: unknown, b: unknown): boolean {
  return a === b;
}

function show(command: unknown): string {
  const text = String(command);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
