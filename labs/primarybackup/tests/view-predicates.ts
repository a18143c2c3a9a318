import type { Address } from '../../../framework/index.ts';
import {
  goal,
  memoizedByNetwork,
  type Predicate,
  prune,
  type SystemState,
} from '../../../framework/testing.ts';
import type { Ping, ViewReply } from '../messages.ts';
import { describeView, type View } from '../view.ts';
import { sameView } from './view-watcher.ts';

/**
 * The views the view server has announced in a state (the network keeps every message sent),
 * once per network: the prunes below run on every state a search meets.
 */
const viewReplies = memoizedByNetwork((state: SystemState): readonly ViewAnnounced[] => {
  const replies: ViewAnnounced[] = [];
  for (const envelope of state.messages())
    if (envelope.message.kind === 'ViewReply')
      replies.push({ to: envelope.to, view: (envelope.message as ViewReply).view });
  return replies;
});

interface ViewAnnounced {
  readonly to: Address;
  readonly view: View;
}

/** Whether the view server has announced a view numbered `viewNum` or later. */
function announcedFrom(state: SystemState, viewNum: number): boolean {
  return viewReplies(state).some((reply) => reply.view.viewNum >= viewNum);
}

/** Prune: the view server has announced view `viewNum` or a later one. */
export function pruneViewsFrom(viewNum: number): Predicate<SystemState> {
  return prune(`a view numbered ${viewNum} or later announced`, (state) =>
    announcedFrom(state, viewNum),
  );
}

/** Prune: the view server announced view `view.viewNum` (or later), and it is not `view`. */
export function pruneOtherThan(view: View): Predicate<SystemState> {
  return prune(`view ${view.viewNum} announced and not ${describeView(view)}`, (state) => {
    const replies = viewReplies(state);
    return (
      replies.some((reply) => reply.view.viewNum >= view.viewNum) &&
      !replies.some((reply) => sameView(reply.view, view))
    );
  });
}

/** Prune: the view server announced exactly `view`. */
export function pruneAnnounced(view: View): Predicate<SystemState> {
  return prune(`${describeView(view)} announced`, (state) =>
    viewReplies(state).some((reply) => sameView(reply.view, view)),
  );
}

/**
 * Goal (DSLabs's `initView`): the view server announced `view` to each of `nodes`, and the
 * primary acknowledged it with a ping.
 */
export function viewStarted(view: View, nodes: readonly Address[]): Predicate<SystemState> {
  return goal(
    `${describeView(view)} announced to ${nodes.join(', ')} and acknowledged`,
    memoizedByNetwork((state) => {
      const told = new Set<Address>();
      let acknowledged = false;
      for (const envelope of state.messages()) {
        const message = envelope.message;
        if (message.kind === 'ViewReply' && sameView((message as ViewReply).view, view))
          told.add(envelope.to);
        else if (
          message.kind === 'Ping' &&
          envelope.from === view.primary &&
          (message as Ping).viewNum === view.viewNum
        )
          acknowledged = true;
      }
      return acknowledged && nodes.every((node) => told.has(node));
    }),
  );
}

/** Goal: the client worker at `client` finished its workload. */
export function clientDone(client: Address): Predicate<SystemState> {
  return goal(`${client} done`, (state) =>
    state.clientWorkers().some((worker) => worker.address === client && worker.isDone()),
  );
}
