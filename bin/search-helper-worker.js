// A search helper thread of `tslabs test --workers N`. A worker does not inherit its parent's
// module loader, so it registers tsx's before loading the TypeScript helper.
import { register } from 'tsx/esm/api';

register();
await import('../framework/cli/search-helper-worker.ts');
