import {
  type Address,
  AMOApplication,
  type AMOCommand,
  type MessageHandlers,
  mutableCopy,
  Node,
  type TimerHandlers,
} from '../../framework/index.ts';
import { KVStore, type KVCommand, type KVResult } from '../kvstore/index.ts';
import type {
  Forward,
  ForwardReply,
  PBServerMessage,
  Ping,
  Request,
  StateTransfer,
  StateTransferReply,
  ViewReply,
} from './messages.ts';
import { PING_MILLIS, type PingTimer } from './timers.ts';
import { STARTUP_VIEW, STARTUP_VIEWNUM, type View } from './view.ts';

/**
 * A key-value server that is primary, backup or idle, as the latest view it knows says.
 *
 * The primary forwards every command, reads included, to the backup and executes it and answers
 * only once the backup has: whatever a client has seen, the backup has too, so it can take over.
 * It forwards one command at a time, so the backup executes commands in the primary's order. A
 * new backup first receives the whole application; the primary acknowledges the view (pings
 * with its number) only after that, so the view server never promotes a backup without it.
 */
export class PBServer
  extends Node
  implements MessageHandlers<PBServerMessage>, TimerHandlers<PingTimer>
{
  protected application = new AMOApplication<KVCommand, KVResult>(new KVStore());
  /** The latest view this server knows. */
  protected view: View = STARTUP_VIEW;
  /**
   * As primary: the backup holds my state for `view` (or there is none). As backup: I hold the
   * primary's state for `view`. Idle: false.
   */
  protected ready = false;
  /** The view number this server pings with: the latest view it is ready to serve in. */
  protected readyViewNum = STARTUP_VIEWNUM;
  /** As primary: the command forwarded to the backup and not yet acknowledged. */
  protected forwarded: AMOCommand<KVCommand> | null = null;

  constructor(
    address: Address,
    private readonly viewServer: Address,
  ) {
    super(address);
  }

  override init(): void {
    this.ping();
    this.set({ kind: 'PingTimer' }, PING_MILLIS);
  }

  // Message handlers

  handleViewReply(message: ViewReply): void {
    if (message.view.viewNum > this.view.viewNum) this.adoptView(message.view);
  }

  handleRequest(message: Request, sender: Address): void {
    const command = message.command;
    if (!this.isPrimary()) {
      this.send({ kind: 'NotPrimary', sequenceNumber: command.sequenceNumber }, sender);
      return;
    }
    if (!this.ready) return;
    if (this.view.backup === null || this.application.alreadyExecuted(command)) {
      // Without a backup nobody else must see it; executed before, the backup has it already.
      this.executeAndReply(command);
      return;
    }
    // One command in flight at a time: the others are retried by their clients.
    if (this.forwarded !== null) return;
    this.forwarded = command;
    this.forward();
  }

  handleForward(message: Forward, sender: Address): void {
    // A forward from a server that is not my primary, or of another view, is refused: that
    // server may be an old primary that does not know it was replaced.
    if (
      !this.isBackup() ||
      !this.ready ||
      message.viewNum !== this.view.viewNum ||
      sender !== this.view.primary
    )
      return;
    this.application.execute(message.command);
    this.send({ kind: 'ForwardReply', viewNum: message.viewNum, command: message.command }, sender);
  }

  handleForwardReply(message: ForwardReply, sender: Address): void {
    const pending = this.forwarded;
    if (
      pending === null ||
      !this.isPrimary() ||
      message.viewNum !== this.view.viewNum ||
      sender !== this.view.backup ||
      message.command.client !== pending.client ||
      message.command.sequenceNumber !== pending.sequenceNumber
    )
      return;
    this.forwarded = null;
    this.executeAndReply(pending);
  }

  handleStateTransfer(message: StateTransfer, sender: Address): void {
    const view = message.view;
    if (view.backup !== this.address || sender !== view.primary) return;
    if (view.viewNum < this.view.viewNum) return;
    // A repeat of a transfer already installed must not undo the forwards applied since.
    if (view.viewNum > this.view.viewNum || !this.ready) {
      this.view = view;
      this.application = mutableCopy(message.application);
      this.ready = true;
      this.readyViewNum = view.viewNum;
      this.forwarded = null;
    }
    this.send({ kind: 'StateTransferReply', viewNum: view.viewNum }, sender);
  }

  handleStateTransferReply(message: StateTransferReply, sender: Address): void {
    if (
      !this.isPrimary() ||
      this.ready ||
      message.viewNum !== this.view.viewNum ||
      sender !== this.view.backup
    )
      return;
    this.ready = true;
    this.readyViewNum = this.view.viewNum;
  }

  // Timer handlers

  onPingTimer(timer: PingTimer): void {
    this.ping();
    // The network may lose the transfer or the forward: resend until acknowledged.
    if (this.isPrimary() && !this.ready) this.transferState();
    if (this.forwarded !== null) this.forward();
    this.set(timer, PING_MILLIS);
  }

  // Helpers

  protected isPrimary(): boolean {
    return this.view.primary === this.address;
  }

  protected isBackup(): boolean {
    return this.view.backup === this.address;
  }

  protected adoptView(view: View): void {
    this.view = view;
    this.forwarded = null;
    if (this.isPrimary()) {
      this.ready = view.backup === null;
      if (this.ready) this.readyViewNum = view.viewNum;
      else this.transferState();
    } else {
      // A backup is ready once the primary's state arrives; an idle server never is.
      this.ready = false;
      this.readyViewNum = view.viewNum;
    }
  }

  protected executeAndReply(command: AMOCommand<KVCommand>): void {
    const result = this.application.execute(command);
    if (result !== undefined) this.send({ kind: 'Reply', result }, command.client);
  }

  /** Tells the view server this server is alive and which view it is ready to serve in. */
  private ping(): void {
    const ping: Ping = { kind: 'Ping', viewNum: this.readyViewNum };
    this.send(ping, this.viewServer);
  }

  private forward(): void {
    if (this.forwarded === null || this.view.backup === null) return;
    this.send(
      { kind: 'Forward', viewNum: this.view.viewNum, command: this.forwarded },
      this.view.backup,
    );
  }

  private transferState(): void {
    if (this.view.backup === null) return;
    this.send(
      { kind: 'StateTransfer', view: this.view, application: mutableCopy(this.application) },
      this.view.backup,
    );
  }
}
