import { rootAddress, type Address } from '../core/address.ts';
import { replayPath } from '../search/replay-path.ts';
import { MessageCountTable, type MessageCounts } from '../sim/message-counts.ts';
import { CRASH_RECORDS } from './crash-restarts.ts';
import type { SystemModel } from './system-model.ts';
import type { SystemState } from './system-state.ts';

/**
 * The messages along a path of a node system's search (a finding's, or the path to a goal), by
 * root address: a statistic computed from the path alone, so the search's states carry no
 * counter. As the search's network is the set of messages ever sent, `sent` and `addressed`
 * count distinct messages (a message sent again, identical, is the same message); `delivered`
 * counts deliveries along the path, a message delivered twice twice. The initial state's
 * messages (sent by `init()`) count as sent.
 */
export function pathMessageCounts(
  model: SystemModel,
  initial: SystemState,
  path: readonly number[],
): Map<Address, MessageCounts> {
  const envelopes = model.system.envelopes;
  const counts = new MessageCountTable();
  const countSent = (envelopeId: number): void => {
    const envelope = envelopes.value(envelopeId);
    if (envelope.to === CRASH_RECORDS) return;
    counts.of(rootAddress(envelope.from)).sent++;
    counts.of(rootAddress(envelope.to)).addressed++;
  };
  for (const envelopeId of initial.network) countSent(envelopeId);
  const replay = replayPath(model, initial, path, [], {
    resolve: (event) => event,
    onStep: (taken) => {
      if ('error' in taken) return;
      if (taken.event >= 0) counts.of(rootAddress(envelopes.value(taken.event).to)).delivered++;
      if (taken.after.network === taken.before.network) return;
      const before = new Set(taken.before.network);
      for (const envelopeId of taken.after.network)
        if (!before.has(envelopeId)) countSent(envelopeId);
    },
  });
  if (replay.outcome !== 'completed')
    throw new RangeError(
      `the path does not replay: its event ${replay.step + 1} ${replay.outcome === 'exception thrown' ? 'throws' : 'is not enabled'}`,
    );
  return counts.entries();
}
