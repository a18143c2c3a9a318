// A thread of `tslabs swarm` (started through bin/swarm-worker.js, which registers the
// TypeScript loader): runs its share of the seeds one after another and sends each result.
import { parentPort, workerData } from 'node:worker_threads';
import type { Lab } from '../lab/lab-test.ts';
import { runSwarmSeed } from '../lab/swarm-seed.ts';
import type { SwarmWorkerSetup } from './swarm-worker-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('swarm-worker.ts runs as a worker thread of tslabs swarm');
const setup = workerData as SwarmWorkerSetup;
const { labs } = (await import(setup.labsModule)) as { labs: readonly Lab[] };
const lab = labs.find((candidate) => candidate.id === setup.lab);
if (lab === undefined) throw new Error(`swarm worker: no lab ${setup.lab}`);
for (const seed of setup.seeds) port.postMessage(runSwarmSeed(lab, seed));
