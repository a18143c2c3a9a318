// The worker thread of `tslabs test`. A worker does not inherit the main thread's module
// loader, so it registers tsx's before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('../framework/cli/test-worker.ts');
