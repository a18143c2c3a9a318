import type { Address } from '../../framework/index.ts';
import {
  referenceImplementation,
  type PrimaryBackupImplementation,
} from '../../labs/primarybackup/implementation.ts';
import type { Forward, Request, StateTransfer } from '../../labs/primarybackup/messages.ts';
import { PBServer } from '../../labs/primarybackup/pb-server.ts';
import { ViewServer } from '../../labs/primarybackup/view-server.ts';

/** A primary that executes and answers at once, and forwards to the backup only afterwards. */
class EagerPrimary extends PBServer {
  override handleRequest(message: Request, sender: Address): void {
    if (this.isPrimary() && this.ready && this.view.backup !== null) {
      // BUG: the client hears the result before the backup has the command.
      this.executeAndReply(message.command);
      this.send(
        { kind: 'Forward', viewNum: this.view.viewNum, command: message.command },
        this.view.backup,
      );
      return;
    }
    super.handleRequest(message, sender);
  }
}

/** A backup that serves clients as if it were the primary. */
class ServingBackup extends PBServer {
  override handleRequest(message: Request, sender: Address): void {
    // BUG: no refusal — the backup executes the command on its own copy and answers.
    if (this.isBackup() && this.ready) this.executeAndReply(message.command);
    else super.handleRequest(message, sender);
  }
}

/** A primary that answers reads from its own copy without asking the backup. */
class LocalReads extends PBServer {
  override handleRequest(message: Request, sender: Address): void {
    // BUG: a primary that was replaced without knowing it answers with stale data.
    if (this.isPrimary() && this.ready && message.command.command.kind === 'Get')
      this.executeAndReply(message.command);
    else super.handleRequest(message, sender);
  }
}

/** A primary that acknowledges a view before its new backup has the state. */
class EarlyAcknowledging extends PBServer {
  protected override adoptView(view: Parameters<PBServer['adoptView']>[0]): void {
    super.adoptView(view);
    // BUG: the view server may promote a backup whose state transfer never arrived.
    this.readyViewNum = view.viewNum;
  }
}

/** A backup that installs every state transfer it receives, repeats included. */
class ReinstallingBackup extends PBServer {
  override handleStateTransfer(message: StateTransfer, sender: Address): void {
    // BUG: a late duplicate of the transfer undoes the forwards applied since.
    if (message.view.viewNum === this.view.viewNum) this.ready = false;
    super.handleStateTransfer(message, sender);
  }
}

/** A backup that applies forwards from anyone, in any view. */
class TrustingBackup extends PBServer {
  override handleForward(message: Forward, sender: Address): void {
    // BUG: an old primary's forward changes the state behind the new primary's back.
    if (this.ready) {
      this.application.execute(message.command);
      this.send(
        { kind: 'ForwardReply', viewNum: message.viewNum, command: message.command },
        sender,
      );
    }
  }
}

/** A view server that, when the primary dies, promotes an idle server rather than the backup. */
class IdlePromotingViewServer extends ViewServer {
  protected override changeViewIfNeeded(): void {
    const { primary, backup } = this.view;
    const idle = this.idleServer();
    if (this.acknowledged && primary !== null && !this.isAlive(primary) && idle !== null) {
      // BUG: the idle server has none of the state.
      this.startView(idle, backup !== null && this.isAlive(backup) ? backup : null);
      return;
    }
    super.changeViewIfNeeded();
  }
}

/** A view server that changes views without waiting for the primary's acknowledgement. */
class ImpatientViewServer extends ViewServer {
  protected override changeViewIfNeeded(): void {
    // BUG: a backup that never received the state may be promoted.
    this.acknowledged = true;
    super.changeViewIfNeeded();
  }
}

const withServer = (
  server: (address: Address, viewServer: Address) => PBServer,
): PrimaryBackupImplementation => ({ ...referenceImplementation, server });

/** The reference solution with a primary that answers before the backup has the command. */
export const eagerPrimary = withServer(
  (address, viewServer) => new EagerPrimary(address, viewServer),
);
/** The reference solution with a backup that serves clients. */
export const servingBackup = withServer(
  (address, viewServer) => new ServingBackup(address, viewServer),
);
/** The reference solution with a primary that answers reads alone. */
export const localReads = withServer((address, viewServer) => new LocalReads(address, viewServer));
/** The reference solution with a primary that acknowledges before the state transfer. */
export const earlyAcknowledging = withServer(
  (address, viewServer) => new EarlyAcknowledging(address, viewServer),
);
/** The reference solution with a backup that reinstalls repeated state transfers. */
export const reinstallingBackup = withServer(
  (address, viewServer) => new ReinstallingBackup(address, viewServer),
);
/** The reference solution with a backup that applies anyone's forwards. */
export const trustingBackup = withServer(
  (address, viewServer) => new TrustingBackup(address, viewServer),
);
/** The reference solution with a view server that promotes an idle server. */
export const idlePromoting: PrimaryBackupImplementation = {
  ...referenceImplementation,
  viewServer: (address) => new IdlePromotingViewServer(address),
};
/** The reference solution with a view server that does not wait for acknowledgements. */
export const impatient: PrimaryBackupImplementation = {
  ...referenceImplementation,
  viewServer: (address) => new ImpatientViewServer(address),
};
