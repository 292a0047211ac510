#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step for users): tsx registers the loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
