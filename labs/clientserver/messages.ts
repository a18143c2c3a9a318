import type { AMOCommand, AMOResult } from '../../framework/index.ts';
import type { KVCommand, KVResult } from '../kvstore/index.ts';

/** Client to server: execute this command (at most once). */
export interface Request {
  readonly kind: 'Request';
  readonly command: AMOCommand<KVCommand>;
}

/** Server to client: the result of the command with this sequence number. */
export interface Reply {
  readonly kind: 'Reply';
  readonly result: AMOResult<KVResult>;
}
