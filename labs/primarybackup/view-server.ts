import {
  type Address,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import type { GetView, Ping } from './messages.ts';
import { PING_CHECK_MILLIS, type PingCheckTimer } from './timers.ts';
import { INITIAL_VIEWNUM, STARTUP_VIEW, STARTUP_VIEWNUM, type View } from './view.ts';

/**
 * Decides which server is primary and which is backup, from pings alone. A server is alive
 * while it pinged since the check before last: dead means a whole check interval without a
 * ping. The view changes only once the primary has acknowledged the current one — otherwise
 * the new primary might be a backup that never received the state.
 */
export class ViewServer
  extends Node
  implements MessageHandlers<Ping | GetView>, TimerHandlers<PingCheckTimer>
{
  protected view: View = STARTUP_VIEW;
  /** Whether the primary of `view` has pinged with its number. */
  protected acknowledged = false;
  /**
   * The servers that pinged in the last complete check interval and not since: alive until the
   * next check. A server that pings leaves it for `pingedSinceCheck` — alive either way, and
   * the next check forgets the older interval — so that the view server's state says only what
   * its future depends on (a search then meets one state where it would meet two).
   */
  private aliveUntilCheck = new Set<Address>();
  /** The servers that pinged since the last check. */
  private pingedSinceCheck = new Set<Address>();

  override init(): void {
    this.set({ kind: 'PingCheckTimer' }, PING_CHECK_MILLIS);
  }

  // Message handlers

  handlePing(message: Ping, sender: Address): void {
    this.pingedSinceCheck.add(sender);
    this.aliveUntilCheck.delete(sender);
    if (this.view.viewNum === STARTUP_VIEWNUM) {
      this.startView(sender, null);
    } else if (sender === this.view.primary && message.viewNum === this.view.viewNum) {
      this.acknowledged = true;
    }
    this.changeViewIfNeeded();
    this.send({ kind: 'ViewReply', view: this.view }, sender);
  }

  handleGetView(_message: GetView, sender: Address): void {
    this.send({ kind: 'ViewReply', view: this.view }, sender);
  }

  // Timer handlers

  onPingCheckTimer(timer: PingCheckTimer): void {
    this.aliveUntilCheck = this.pingedSinceCheck;
    this.pingedSinceCheck = new Set();
    this.changeViewIfNeeded();
    this.set(timer, PING_CHECK_MILLIS);
  }

  // Helpers

  protected isAlive(server: Address): boolean {
    return this.aliveUntilCheck.has(server) || this.pingedSinceCheck.has(server);
  }

  /**
   * A live server that is neither primary nor backup; the least address, so that the choice
   * depends on the state alone and not on the order in which pings arrived.
   */
  protected idleServer(): Address | null {
    const { primary, backup } = this.view;
    const idle = [...this.aliveUntilCheck, ...this.pingedSinceCheck]
      .filter((server) => server !== primary && server !== backup)
      .sort();
    return idle[0] ?? null;
  }

  /**
   * One view change, when the primary acknowledged the current view and the primary or backup
   * is dead, or there is no backup and an idle server is alive. The new primary is the old
   * primary or the old backup; a dead primary without a live backup leaves the service stuck.
   */
  protected changeViewIfNeeded(): void {
    if (!this.acknowledged) return;
    const { primary, backup } = this.view;
    if (primary === null) return;
    if (!this.isAlive(primary)) {
      if (backup !== null && this.isAlive(backup)) this.startView(backup, this.idleServer());
    } else if (backup === null || !this.isAlive(backup)) {
      const idle = this.idleServer();
      if (idle !== null || backup !== null) this.startView(primary, idle);
    }
  }

  protected startView(primary: Address, backup: Address | null): void {
    const viewNum = this.view.viewNum === STARTUP_VIEWNUM ? INITIAL_VIEWNUM : this.view.viewNum + 1;
    this.view = { viewNum, primary, backup };
    this.acknowledged = false;
  }
}
