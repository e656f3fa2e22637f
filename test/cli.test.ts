import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

const bin = path.join(PACKAGE_ROOT, 'bin', 'lodestone.js');
const run = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
const tmp = mkdtempSync(path.join(tmpdir(), 'lodestone-cli-'));
const seed = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'seed-article.txt');

test('analyze --format json prints one contract object', () => {
  const r = run(['analyze', seed, '--format', 'json', '--published', '2025-08-20']);
  assert.equal(r.status, 0, r.stderr);
  const obj = JSON.parse(r.stdout);
  assert.equal(obj.published, '2025-08-20');
  for (const k of ['id', 'text', 'language', 'removed', 'entities', 'quotes', 'events', 'dates', 'summary']) assert.ok(k in obj, k);
});

test('analyze --format text prints a readable report', () => {
  const r = run(['analyze', seed, '--format', 'text', '--published', '2025-08-20']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Quotes \(\d+\)/);
  assert.match(r.stdout, /Denis Manturov/);
});

test('reads standard input with -, dropping a byte-order mark', () => {
  const r = run(['analyze', '-', '--format', 'json'], '\uFEFFRussia offered the United States uranium.');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).text, 'Russia offered the United States uranium.');
});

test('decodes Windows-1252 text', () => {
  const file = path.join(tmp, 'cp1252.txt');
  writeFileSync(file, Buffer.from([0x93, 0x57, 0x65, 0x20, 0x61, 0x67, 0x72, 0x65, 0x65, 0x2c, 0x94, 0x20, 0x68, 0x65, 0x20, 0x73, 0x61, 0x69, 0x64, 0x2e]));
  const r = run(['analyze', file, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).text, '\u201CWe agree,\u201D he said.');
});

test('refuses bad input with one clear line and a non-zero exit', () => {
  const cases: [string[], string | Buffer | undefined, RegExp][] = [
    [['analyze', path.join(tmp, 'missing.txt')], undefined, /no such file/],
    [['analyze', tmp], undefined, /is a directory/],
    [['analyze', '-'], '   \n', /no text/],
    [['analyze', '-'], Buffer.from([0, 1, 2, 3, 255, 0, 7]), /binary/],
    [['analyze', seed, '--published', 'yesterday'], undefined, /YYYY-MM-DD/],
    // one date rule: an impossible day is refused, not rolled over into March
    [['analyze', seed, '--published', '2025-02-30'], undefined, /--published takes a date as YYYY-MM-DD between 1980-01-01 and .*"2025-02-30" is not a calendar day/],
  ];
  for (const [args, input, want] of cases) {
    const r = run(args, input);
    assert.notEqual(r.status, 0, args.join(' '));
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(r.stderr, want);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  }
  const big = path.join(tmp, 'big.txt');
  writeFileSync(big, 'word '.repeat(1_300_000));
  const r = run(['analyze', big]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /limit/);
});

test('--jsonl keeps input order, reports bad lines and goes on', () => {
  const inPath = path.join(tmp, 'in.jsonl');
  const outPath = path.join(tmp, 'out.jsonl');
  writeFileSync(inPath, [
    JSON.stringify({ id: 'a', text: 'Chile signed a lithium deal with China.', published: '2024-01-02' }),
    '{not json',
    JSON.stringify({ id: 'c', text: '' }),
    JSON.stringify({ id: 'd', html: '<html><body><article><p>Canada banned exports of uranium to Russia, Ottawa said on Tuesday.</p></article></body></html>' }),
    JSON.stringify({ id: 'e', text: 'Chile signed a lithium deal.', published: '2025-13-45' }),
    JSON.stringify({ id: 'f', text: 'Chile signed a lithium deal.', published: 'garbage' }),
    JSON.stringify({ id: 'g', text: 'Chile signed a lithium deal.', published: '2025-02-30' }),
  ].join('\n'));
  const r = run(['analyze', '--jsonl', inPath, '--out', outPath]);
  assert.equal(r.status, 0, r.stderr);
  const out = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 7);
  assert.equal(out[0].id, 'a');
  assert.equal(out[0].published, '2024-01-02');
  assert.ok(out[0].entities.length > 0);
  assert.match(out[1].error, /in\.jsonl:2: not valid JSON/);
  assert.equal(out[2].id, 'c');
  assert.match(out[2].error, /"text" is empty/);
  assert.equal(out[3].id, 'd');
  assert.match(out[3].text, /Canada banned exports of uranium/);
  // one date rule: impossible and malformed dates are errors on their own line, never copied or dropped
  assert.deepEqual(out.slice(4).map((o) => o.id), ['e', 'f', 'g']);
  assert.match(out[4].error, /"published" takes a date as YYYY-MM-DD .*"2025-13-45" is not a calendar day/);
  assert.match(out[5].error, /"published" takes a date as YYYY-MM-DD .*"garbage" is not in that form/);
  assert.match(out[6].error, /"published" takes a date as YYYY-MM-DD .*"2025-02-30" is not a calendar day/);
});

test('npx-style bin reports the language of non-English text', () => {
  const r = run(['analyze', '-', '--format', 'json'], 'Russland ist reich an Seltenen Erden und bereit, diese einzusetzen, um mit den Vereinigten Staaten ein besseres Abkommen über die Ukraine zu erzielen, sagte ein hochrangiger Beamter der Regierung in Moskau am Dienstag.');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).language, 'de');
});
