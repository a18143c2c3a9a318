import { CONTROL_EVENT_ACTIONS } from '../sim/control-event.ts';
import type { NetworkSettings } from '../sim/network-settings.ts';

const NETWORK_FIELDS: ReadonlySet<string> = new Set<keyof NetworkSettings>([
  'latencyMsMin',
  'latencyMsMax',
  'deliveryRate',
  'duplicateRate',
]);

/** Whether a recorded network setting has the type its field takes. */
function isNetworkValue(name: string, value: unknown): boolean {
  if (name === 'reliableNodes')
    return Array.isArray(value) && value.every((node) => typeof node === 'string');
  return NETWORK_FIELDS.has(name) && typeof value === 'number';
}

/**
 * What is wrong with a trace's control event (its `type` already `control`), or undefined if it
 * has exactly the fields of its action: replay and the visualizer read those fields unchecked.
 */
export function controlEventProblem(fields: Readonly<Record<string, unknown>>): string | undefined {
  const action = fields.action;
  if (typeof action !== 'string' || !CONTROL_EVENT_ACTIONS.has(action))
    return `a control event's "action" must be one of ${[...CONTROL_EVENT_ACTIONS].join(', ')}, not ${JSON.stringify(action) ?? 'undefined'}`;
  switch (action) {
    case 'partition':
      return Array.isArray(fields.groups) &&
        fields.groups.every(
          (group) => Array.isArray(group) && group.every((member) => typeof member === 'string'),
        )
        ? undefined
        : 'a partition needs "groups", a list of lists of addresses';
    case 'heal':
      return undefined;
    case 'link':
      return typeof fields.from === 'string' &&
        typeof fields.to === 'string' &&
        typeof fields.active === 'boolean'
        ? undefined
        : 'a link event needs "from", "to" and a boolean "active"';
    case 'network': {
      const network = fields.network;
      if (typeof network !== 'object' || network === null || Array.isArray(network))
        return 'a network event needs a "network" object';
      const wrong = Object.entries(network).find(([name, value]) => !isNetworkValue(name, value));
      return wrong === undefined
        ? undefined
        : `a network event's "${wrong[0]}" is not a network setting with a value of its type`;
    }
    default:
      return typeof fields.node === 'string' ? undefined : `a ${action} event needs a "node"`;
  }
}
