// First start: an empty database gets the bundled demo corpus, so a new user sees a populated UI at once; a
// second start leaves the database as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, DEMO_FILE } from '../src/server/index.js';
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
