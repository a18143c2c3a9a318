import { rootAddress, type Address } from '../core/address.ts';
import { hashString64, hashToHex } from '../core/hash.ts';
import type { Lab, LabTest } from '../lab/lab-test.ts';
import type { SimulationEvent } from '../sim/simulation-event.ts';

/**
 * What a trace records of the setup it ran in: the nodes of each simulation, and a
 * fingerprint of those and of the test's identity. A trace whose fingerprint is not the
 * test's (a lab-1 trace relabelled as lab 3, a test number edited) or whose events name
 * nodes the setup does not have is refused before it is replayed, rather than replayed into
 * a "divergence" that says nothing true about the code.
 */
export interface TraceSetup {
  /** Each simulation's nodes (root addresses), sorted. */
  readonly nodes: readonly (readonly string[])[];
  /** 16 hexadecimal digits: see {@link setupFingerprint}. */
  readonly fingerprint: string;
}

/** The test a trace claims to be of. */
export interface TraceTestIdentity {
  readonly lab: Lab;
  readonly test: LabTest;
  readonly variant: string | undefined;
}

/**
 * Each simulation's nodes: those it has at the end and every node its events name (a node
 * removed during the run is still part of its setup).
 */
export function setupNodes(
  addresses: readonly (readonly string[])[],
  events: readonly (readonly SimulationEvent[])[],
): string[][] {
  return addresses.map((present, simulation) => {
    const nodes = new Set(present.map((address) => rootAddress(address as Address)));
    for (const event of events[simulation] ?? [])
      for (const address of eventAddresses(event)) nodes.add(rootAddress(address as Address));
    return [...nodes].sort();
  });
}

/** The addresses an event names (its sender and receiver, or its timer's owner). */
export function eventAddresses(event: SimulationEvent): string[] {
  const fields = event as { from?: unknown; to?: unknown };
  return [fields.from, fields.to].filter((field): field is string => typeof field === 'string');
}

/** The setup record of a trace of `identity` whose simulations had these nodes. */
export function traceSetup(
  identity: TraceTestIdentity,
  nodes: readonly (readonly string[])[],
): TraceSetup {
  return { nodes, fingerprint: setupFingerprint(identity, nodes) };
}

/**
 * A 64-bit hash of the lab (number and name), the variant, the test (part, number, kind,
 * description) and each simulation's nodes.
 */
export function setupFingerprint(
  { lab, test, variant }: TraceTestIdentity,
  nodes: readonly (readonly string[])[],
): string {
  const identity = [
    lab.id,
    lab.name,
    variant ?? null,
    test.part,
    test.number,
    test.kind,
    test.description,
    nodes,
  ];
  return hashToHex(hashString64(JSON.stringify(identity)));
}

/**
 * Why a trace's setup is not that of the test it names, or undefined when it is. The nodes
 * are the trace's own (checked against its events when it was read).
 */
export function setupMismatch(setup: TraceSetup, identity: TraceTestIdentity): string | undefined {
  if (setup.fingerprint === setupFingerprint(identity, setup.nodes)) return undefined;
  const { lab, test } = identity;
  return `the trace's setup fingerprint is not that of lab ${lab.id} test ${test.part}.${test.number}${identity.variant === undefined ? '' : ` (${identity.variant})`}: it was saved by another test or edited`;
}
