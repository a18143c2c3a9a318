#!/usr/bin/env node
// The tslabs command. The framework is TypeScript run directly through tsx's loader,
// so there is no build step between editing a lab and testing it.
import { register } from 'tsx/esm/api';

register();
await import('../framework/cli/main.ts');
