import type { Lab } from '../framework/index.ts';
import { clientServerLab } from './clientserver/index.ts';
import { paxosLab } from './paxos/index.ts';
import { pingPongLab } from './pingpong/index.ts';
import { shardedStoreLab } from './shardstore/index.ts';

/** Every lab of the course, in order. */
export const labs: readonly Lab[] = [pingPongLab, clientServerLab, paxosLab, shardedStoreLab];

/** The lab with this number (`1`) or folder name (`clientserver`), if any. */
export function findLab(idOrName: string): Lab | undefined {
  return labs.find((lab) => lab.id === idOrName || lab.name === idOrName);
}
