import type { Address } from '../core/address.ts';
import type { ClientNode } from '../core/client.ts';
import { ClientWorker } from '../core/client-worker.ts';
import { HandlerError } from '../core/handler-error.ts';
import type { Node } from '../core/node.ts';
import type { Workload } from '../core/workload.ts';
import { NodeSystem } from './node-system.ts';
import { addHashes, newEnvelopes, TIMER_QUEUE_MAX } from './system-model.ts';
import { SystemState } from './system-state.ts';

/**
 * Builds the initial state of a search: add servers and client workers, then `build()`
 * runs each node's `init()` in the order added and collects what they send and set.
 */
export class SystemBuilder {
  private readonly nodes: Node[] = [];

  constructor(private readonly seed = 0) {}

  /** Adds a root node (a server, say). */
  addNode(node: Node): this {
    if (this.nodes.some((existing) => existing.address === node.address))
      throw new Error(`a node ${node.address} already exists`);
    this.nodes.push(node);
    return this;
  }

  /** Adds a client driven through a workload. */
  addClientWorker(client: ClientNode, workload: Workload): this {
    return this.addNode(new ClientWorker(client, workload, this.seed));
  }

  /** The addresses added so far. */
  addresses(): Address[] {
    return this.nodes.map((node) => node.address);
  }

  /**
   * The initial state, in a new {@link NodeSystem}. `transitionsPerGeneration` sets the
   * budget of its transition memo (tests make it small to exercise eviction).
   */
  build(options: { readonly transitionsPerGeneration?: number } = {}): SystemState {
    const system = new NodeSystem(this.addresses(), options.transitionsPerGeneration);
    const nodeIds = new Int32Array(this.nodes.length);
    const timers: Int32Array[] = [];
    const sent: number[] = [];
    this.nodes.forEach((node, index) => {
      system.keepPristine(index, node);
      const transition = system.initialize(node);
      if (transition.failed) {
        throw new HandlerError({
          mode: 'search',
          node: node.address,
          handler: 'init',
          cause: transition.error,
        });
      }
      nodeIds[index] = transition.nodeId;
      if (transition.timers.length > TIMER_QUEUE_MAX)
        throw new RangeError(`${node.address} set more than ${TIMER_QUEUE_MAX} timers in init()`);
      timers.push(Int32Array.from(transition.timers));
      sent.push(...transition.sends);
    });
    const network = newEnvelopes(new Int32Array(0), sent) ?? [];
    const hash = addHashes(system, { networkHashHigh: 0, networkHashLow: 0 }, network);
    return SystemState.of(
      system,
      nodeIds,
      Int32Array.from(network),
      hash.networkHashHigh,
      hash.networkHashLow,
      timers,
    );
  }
}
