#!/usr/bin/env node
// `node bin/tsx.mjs FILE.ts args...`: run a TypeScript script (benchmarks, tools) without a build step.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file] = process.argv.splice(2, 1);
if (!file) throw new Error('usage: node bin/tsx.mjs FILE.ts [args...]');
await import(pathToFileURL(file).href);
