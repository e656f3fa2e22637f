// Builds the web UI with esbuild: web/src/main.ts (which imports web/src/styles.css) into web/dist:
// index.html, assets/app.js, assets/app.css, and lazily loaded chunks (the network view's Cytoscape.js).
// Usage: node web/build.mjs [--dev] [--watch] [--outdir DIR]
//   --dev: unminified with inline source maps; --outdir: build elsewhere than web/dist (the browser tests do, so
//   they never rebuild the folder a running server is serving).
import { build, context } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--outdir');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(here, 'dist');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { app: join(here, 'src/main.ts') },
  outdir: join(out, 'assets'),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'eof',
  logLevel: 'warning',
};

const started = Date.now();
await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
await copyFile(join(here, 'index.html'), join(out, 'index.html'));
await copyFile(join(here, 'favicon.svg'), join(out, 'favicon.svg'));
if (watch) {
  const ctx = await context({ ...options, logLevel: 'info' });
  await ctx.watch();
  console.log('web: watching web/src, writing web/dist');
} else {
  await build(options);
  console.log(`web: built ${out} in ${Date.now() - started} ms`);
}
