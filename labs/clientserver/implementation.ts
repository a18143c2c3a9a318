import type { Address, ClientNode, Node } from '../../framework/index.ts';
import { SimpleClient } from './simple-client.ts';
import { SimpleServer } from './simple-server.ts';

/**
 * The nodes a lab 1 test builds. Tests take this as a parameter so that the same suite
 * runs on the reference solution, a student's, or a deliberately broken variant.
 */
export interface ClientServerImplementation {
  server(address: Address): Node;
  client(address: Address, server: Address): ClientNode;
}

/** The reference solution. */
export const referenceImplementation: ClientServerImplementation = {
  server: (address) => new SimpleServer(address),
  client: (address, server) => new SimpleClient(address, server),
};
