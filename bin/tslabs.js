#!/usr/bin/env node
// The tslabs command: the course's labs handed to the command line, which sits above them. The
// framework is TypeScript run directly through tsx's loader, so there is no build step between
// editing a lab and testing it.
import { register } from 'tsx/esm/api';

register();
const [{ runCli }, { labs }] = await Promise.all([
  import('../framework/cli/main.ts'),
  import('../labs/index.ts'),
]);
const moduleUrl = new URL('../labs/index.ts', import.meta.url).href;
await runCli({ labs, moduleUrl }, process.argv.slice(2));
