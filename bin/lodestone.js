#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
// Compile regular expressions to machine code at once instead of interpreting them first: the boilerplate
// patterns are large, and interpreting them costs a one-article run ~80 ms of its start-up (measured, Node 20).
v8.setFlagsFromString('--no-regexp-tier-up');
const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('lodestone: not built yet; run `npm ci` (or `npm run build`) in the repository first\n');
  process.exit(2);
}
await import(entry.href);
