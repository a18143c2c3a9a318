// A thread of `tslabs swarm`. A worker does not inherit the main thread's module loader, so
// it registers tsx's before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('../framework/cli/swarm-worker.ts');
