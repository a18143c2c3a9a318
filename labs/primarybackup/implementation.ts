import type { Address, ClientNode, Node } from '../../framework/index.ts';
import { PBClient } from './pb-client.ts';
import { PBServer } from './pb-server.ts';
import { ViewServer } from './view-server.ts';

/**
 * The nodes a lab 2 test builds. Tests take this as a parameter so that the same suite runs on
 * the reference solution, a student's, or a deliberately broken variant.
 */
export interface PrimaryBackupImplementation {
  viewServer(address: Address): Node;
  server(address: Address, viewServer: Address): Node;
  client(address: Address, viewServer: Address): ClientNode;
}

/** The reference solution. */
export const referenceImplementation: PrimaryBackupImplementation = {
  viewServer: (address) => new ViewServer(address),
  server: (address, viewServer) => new PBServer(address, viewServer),
  client: (address, viewServer) => new PBClient(address, viewServer),
};
