import {
  type Address,
  type MessageHandlers,
  Node,
  type TimerHandlers,
} from '../../../framework/index.ts';
import type { ViewReply } from '../messages.ts';
import { STARTUP_VIEW, type View } from '../view.ts';

/** Fires on the view watcher: ask for the view again. */
interface WatchTimer {
  readonly kind: 'WatchTimer';
}

/** How often the watcher asks: often enough that a test sees each view soon after it starts. */
const WATCH_MILLIS = 5;
/** More views than any test starts: a view server that changes views without end fails. */
const MAX_VIEWS_KEPT = 1_000;

/**
 * The tests' window on the view server, as DSLabs's tests poll it with `GetView`: it asks every
 * few milliseconds and keeps the latest view and every view it saw, in order.
 */
export class ViewWatcher
  extends Node
  implements MessageHandlers<ViewReply>, TimerHandlers<WatchTimer>
{
  latest: View = STARTUP_VIEW;
  /** Each view seen, once, in the order seen. */
  readonly seen: View[] = [];

  constructor(
    address: Address,
    private readonly viewServer: Address,
  ) {
    super(address);
  }

  override init(): void {
    this.onWatchTimer({ kind: 'WatchTimer' });
  }

  handleViewReply(message: ViewReply): void {
    const view = message.view;
    // Replies may arrive out of order: an older view is old news, not a step back.
    if (view.viewNum < this.latest.viewNum) return;
    const last = this.seen[this.seen.length - 1];
    if (last !== undefined && sameView(last, view)) return;
    if (this.seen.length >= MAX_VIEWS_KEPT)
      throw new Error(`the view server started more than ${MAX_VIEWS_KEPT} views`);
    this.seen.push(view);
    this.latest = view;
  }

  onWatchTimer(timer: WatchTimer): void {
    this.send({ kind: 'GetView' }, this.viewServer);
    this.set(timer, WATCH_MILLIS);
  }
}

/** Whether two views are the same view. */
export function sameView(one: View, other: View): boolean {
  return (
    one.viewNum === other.viewNum && one.primary === other.primary && one.backup === other.backup
  );
}
