import { controlledNodes, describeControl, type ControlEvent } from '../sim/control-event.ts';
import type { StepEvent } from './trace-steps.ts';

/**
 * The timeline step of a simulator's control event: its kind of mark, the nodes it concerns, and
 * what explore mode needs to restrict delivery as the run was (a partition's groups, a link's
 * state). `lane` maps each address as the timeline names it.
 */
export function controlStep(
  event: ControlEvent,
  timeMs: number,
  lane: (address: string) => string = (address) => address,
): StepEvent {
  const common = {
    type: 'control',
    nodes: controlledNodes(event).map(lane),
    label: describeControl(event),
    timeMs,
  } as const;
  switch (event.action) {
    case 'partition':
      return { ...common, action: 'partition', groups: event.groups };
    case 'link':
      return { ...common, action: 'link', active: event.active };
    case 'stop':
      return { ...common, action: 'crash' };
    case 'add':
    case 'restart':
    case 'remove':
    case 'heal':
    case 'network':
      return { ...common, action: event.action };
  }
}
