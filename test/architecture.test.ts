// The layering of DESIGN.md, checked on the sources: interfaces (cli, server, web) -> application (corpus) ->
// stages and store -> document. An interface never imports another interface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

const SRC = path.join(PACKAGE_ROOT, 'src');

/** Every .ts file under a folder of src/, with the modules it imports (static and dynamic), resolved to src paths. */
function importsUnder(folder: string): { file: string; imports: string[] }[] {
  const out: { file: string; imports: string[] }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) {
        const code = readFileSync(full, 'utf8');
        const specs = [...code.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
        out.push({ file: path.relative(SRC, full), imports: specs.map((s) => path.relative(SRC, path.resolve(path.dirname(full), s)).replace(/\.js$/, '.ts')) });
      }
    }
  };
  walk(path.join(SRC, folder));
  return out;
}

const layerOf = (file: string) => file.split(path.sep)[0]!;

test('the server and the corpus layer import no command-line module; the CLI no server module but the one that starts it', () => {
  for (const { file, imports } of [...importsUnder('server'), ...importsUnder('corpus')]) {
    for (const i of imports) assert.notEqual(layerOf(i), 'cli', `${file} imports ${i}`);
  }
  for (const { file, imports } of importsUnder('cli')) {
    for (const i of imports) if (layerOf(i) === 'server') assert.ok(file === path.join('cli', 'serve.ts') && /server\/(index|defaults)\.ts$/.test(i), `${file} imports ${i}`);
  }
});

test('the analysis stages and the store import no interface and no application module', () => {
  for (const folder of ['extract', 'nlp', 'clean', 'knowledge', 'store', 'stories', 'ingest']) {
    for (const { file, imports } of importsUnder(folder)) {
      for (const i of imports) assert.ok(!['cli', 'server', 'corpus'].includes(layerOf(i)), `${file} imports ${i}`);
    }
  }
});

test('HTML extraction lives in ingest/ and nothing imports a root html module', () => {
  for (const folder of ['cli', 'server', 'corpus', 'ingest']) {
    for (const { file, imports } of importsUnder(folder)) assert.ok(!imports.includes('html.ts'), `${file} imports src/html.ts`);
  }
});
