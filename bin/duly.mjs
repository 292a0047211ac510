#!/usr/bin/env node
// The `duly` command. `npm install` bundles src/ into dist/duly.mjs (npm run build); that bundle
// starts in about half the time of compiling TypeScript on the fly. When any source file is newer
// than the bundle (you are editing Duly), or DULY_FROM_SOURCE=1, it runs the sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';

const bundle = new URL('../dist/duly.mjs', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const fresh =
  process.env.DULY_FROM_SOURCE !== '1' &&
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >= newestSource(new URL('../src/', import.meta.url));

if (fresh) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
