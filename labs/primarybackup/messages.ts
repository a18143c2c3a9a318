import type { AMOApplication, AMOCommand, AMOResult } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';
import type { View } from './view.ts';

// Servers and the view server

/**
 * Server to view server, every ping interval: I am alive, and `viewNum` is the latest view I am
 * ready to serve in. The primary's ping is its acknowledgement of the view.
 */
export interface Ping {
  readonly kind: 'Ping';
  readonly viewNum: number;
}

/** Anyone to view server: which view is current? */
export interface GetView {
  readonly kind: 'GetView';
}

/** View server to a pinging server or an asking client: the current view. */
export interface ViewReply {
  readonly kind: 'ViewReply';
  readonly view: View;
}

// Clients and the primary

/** Client to the primary it believes in: execute this command (at most once). */
export interface Request {
  readonly kind: 'Request';
  readonly command: AMOCommand<KVCommand>;
}

/** Primary to client: the result of the command with this sequence number. */
export interface Reply {
  readonly kind: 'Reply';
  readonly result: AMOResult<KVResult>;
}

/** A server that is not the primary of its view, to a client: ask the view server again. */
export interface NotPrimary {
  readonly kind: 'NotPrimary';
  readonly sequenceNumber: number;
}

// Primary and backup

/** Primary to backup: apply this client command, which I will apply once you have. */
export interface Forward {
  readonly kind: 'Forward';
  readonly viewNum: number;
  readonly command: AMOCommand<KVCommand>;
}

/** Backup to primary: I applied the forwarded command of this client and sequence number. */
export interface ForwardReply {
  readonly kind: 'ForwardReply';
  readonly viewNum: number;
  readonly command: AMOCommand<KVCommand>;
}

/** Primary to a new backup: the whole application, as of the start of `view`. */
export interface StateTransfer {
  readonly kind: 'StateTransfer';
  readonly view: View;
  readonly application: AMOApplication<KVCommand, KVResult>;
}

/** Backup to primary: I installed your state for view `viewNum`. */
export interface StateTransferReply {
  readonly kind: 'StateTransferReply';
  readonly viewNum: number;
}

/** Every message a primary-backup server handles. */
export type PBServerMessage =
  ViewReply | Request | Forward | ForwardReply | StateTransfer | StateTransferReply;

/** Every message a client handles. */
export type PBClientMessage = ViewReply | Reply | NotPrimary;
