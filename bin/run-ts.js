#!/usr/bin/env node
// Runs one TypeScript file (a benchmark, say) through tsx's loader: `node bin/run-ts.js FILE
// [ARGS]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node bin/run-ts.js FILE [ARGS]');
  process.exit(2);
}
process.argv.splice(2, 1);
register();
await import(pathToFileURL(resolve(file)).href);
