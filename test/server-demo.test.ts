// First start: an empty database gets the bundled demo corpus, so a new user sees a populated UI at once; a
// second start leaves the database as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { startServer, DEMO_FILE } from '../src/server/index.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { get } from './server-helpers.js';

test('the demo corpus credits every text: a source URL and licence on each line, the seed article marked as such', () => {
  const lines = readFileSync(DEMO_FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | null>);
  assert.ok(lines.length >= 30 && lines.length <= 45, `${lines.length} articles`);
  for (const a of lines) {
    assert.ok(a['id'] && a['text'] && a['title'] && /^\d{4}-\d{2}-\d{2}$/.test(a['published'] ?? ''), a['id'] ?? '?');
    assert.ok(a['license'], `${a['id']} has a licence note`);
    if (a['id']!.startsWith('seed')) assert.match(a['license']!, /Not a government work/);
    else assert.match(a['url'] ?? '', /^https:\/\/(www\.)?(voanews\.com|state\.gov|whitehouse\.gov|bidenwhitehouse\.archives\.gov)\//, a['id']!);
  }
  const readme = readFileSync(path.join(path.dirname(DEMO_FILE), 'README.md'), 'utf8');
  for (const credit of ['Voice of America', 'U.S. Department of State', 'The White House']) assert.ok(readme.includes(credit), credit);
});

test('first start on an empty database loads the demo corpus, prints progress and the address; the next start does not', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-demo-'));
  const db = path.join(dir, 'lodestone.db');
  const expected = readFileSync(DEMO_FILE, 'utf8').trim().split('\n').length;
  try {
    const lines: string[] = [];
    const t0 = Date.now();
    const s = await startServer({ port: 0, db, webDist: null, log: (l) => lines.push(l) });
    const seconds = (Date.now() - t0) / 1000;
    try {
      assert.match(lines[0]!, /^First start on an empty database: loading the demo corpus/);
      assert.ok(lines.some((l) => /^ {2}10 articles analysed$/.test(l)));
      assert.match(lines.at(-1)!, new RegExp(`^Lodestone on http://localhost:${s.port} \\(database ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, ${expected} articles\\)$`));
      assert.equal(s.articles, expected);
      assert.ok(seconds < 30, `the demo loads in ${seconds.toFixed(1)} s`);
      const seed = await get(s, '/api/articles/seed-2025-08-20-russia-rare-earths');
      assert.equal(seed.body.analysis.published, '2025-08-20');
      const voa = (await get(s, '/api/articles?limit=1')).body.items[0];
      assert.equal(voa.outlet, 'voanews.com');
      assert.ok((await get(s, '/api/events?commodity=rare%20earth')).body.items.length >= 3);
    } finally {
      await s.close();
    }
    const again: string[] = [];
    const s2 = await startServer({ port: 0, db, webDist: null, log: (l) => again.push(l) });
    await s2.close();
    assert.equal(again.length, 1, again.join('\n'));
    assert.match(again[0]!, new RegExp(`, ${expected} articles\\)$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with the demo turned off, an empty database stays empty', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-demo-'));
  try {
    const lines: string[] = [];
    const s = await startServer({ port: 0, db: path.join(dir, 'x.db'), demo: false, webDist: null, log: (l) => lines.push(l) });
    await s.close();
    assert.equal(s.articles, 0);
    assert.match(lines.join('\n'), /0 articles\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`serve` takes the port from PORT, prints where it listens, and stops cleanly on SIGINT', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-serve-'));
  const serveModule = pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'serve.js')).href;
  const commander = pathToFileURL(path.join(PACKAGE_ROOT, 'node_modules', 'commander', 'esm.mjs')).href;
  // the command as main.ts registers it
  const code = `import { Command } from ${JSON.stringify(commander)};
import { registerServe } from ${JSON.stringify(serveModule)};
const program = new Command(); registerServe(program);
program.parseAsync(process.argv).then(() => process.stdout.write('stopped\\n'), (e) => { process.stderr.write('lodestone: ' + e.message + '\\n'); process.exit(2); });`;
  try {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, 'x', 'serve', '--no-demo', '--db', path.join(dir, 'x.db')], { env: { ...process.env, PORT: '0' } });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Lodestone on http:\/\/localhost:(\d+) \(database .*x\.db, 0 articles\)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (c) => reject(new Error(`exited with ${c}: ${out}`)));
    });
    assert.ok(port > 0);
    assert.equal((await get({ url: `http://127.0.0.1:${port}` }, '/api/health')).body.articles, 0);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.match(out, /stopped\n$/);

    const refused = spawnSync(process.execPath, ['--input-type=module', '-e', code, 'x', 'serve', '--host', '0.0.0.0', '--db', path.join(dir, 'y.db')], { env: { ...process.env, LODESTONE_TOKEN: '' }, encoding: 'utf8' });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^lodestone: refusing to listen on 0\.0\.0\.0 without a write token/);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
