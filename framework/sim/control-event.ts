import type { Address } from '../core/address.ts';
import type { NetworkSettings } from './network-settings.ts';

/**
 * A change the test made to the run — to the network or to a node's life — as the simulator
 * records it: typed fields, so that logs, traces and the visualizer read what changed
 * without parsing a description back.
 */
export type ControlEvent =
  | {
      readonly type: 'control';
      readonly timeMicros: number;
      /** Only nodes in the same group talk; every node in none is cut off from all. */
      readonly action: 'partition';
      /** Root addresses, servers and clients alike. */
      readonly groups: readonly (readonly Address[])[];
    }
  | {
      readonly type: 'control';
      readonly timeMicros: number;
      /** Every link restored: the partition and every cut link are gone. */
      readonly action: 'heal';
    }
  | {
      readonly type: 'control';
      readonly timeMicros: number;
      /** The one-way link from `from` to `to` is cut (`active` false) or restored. */
      readonly action: 'link';
      readonly from: Address;
      readonly to: Address;
      readonly active: boolean;
    }
  | {
      readonly type: 'control';
      readonly timeMicros: number;
      /** A node's life: added (and started), stopped (crashed), restarted, removed for good. */
      readonly action: NodeControlAction;
      readonly node: Address;
    }
  | {
      readonly type: 'control';
      readonly timeMicros: number;
      /** The network's latency, delivery or duplicate rate changed from now on. */
      readonly action: 'network';
      readonly network: Partial<NetworkSettings>;
    };

/** The control actions that concern one node. */
export type NodeControlAction = 'add' | 'stop' | 'restart' | 'remove';

/** Every control action, for validating what a file claims to be one. */
export const CONTROL_EVENT_ACTIONS: ReadonlySet<string> = new Set<ControlEvent['action']>([
  'partition',
  'heal',
  'link',
  'add',
  'stop',
  'restart',
  'remove',
  'network',
]);

/** The nodes a control event names: a partition's members, a link's ends, the node acted on. */
export function controlledNodes(event: ControlEvent): readonly Address[] {
  switch (event.action) {
    case 'partition':
      return event.groups.flat();
    case 'link':
      return [event.from, event.to];
    case 'add':
    case 'stop':
    case 'restart':
    case 'remove':
      return [event.node];
    case 'heal':
    case 'network':
      return [];
  }
}

/** A one-line description, such as `partition {server1,client1} {server2}` or `stop server3`. */
export function describeControl(event: ControlEvent): string {
  switch (event.action) {
    case 'partition':
      return `partition ${event.groups.map((group) => `{${group.join(',')}}`).join(' ')}`;
    case 'heal':
      return 'heal partition';
    case 'link':
      return `${event.active ? 'restore' : 'cut'} link ${event.from} -> ${event.to}`;
    case 'add':
    case 'stop':
    case 'restart':
    case 'remove':
      return `${event.action} ${event.node}`;
    case 'network':
      return `network ${JSON.stringify(event.network)}`;
  }
}
