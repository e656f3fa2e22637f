// Linear time and deterministic results: the guards of issue 8 that a regression would break quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.js';
import { tokenize } from '../src/nlp/tokenize.js';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Real news text of about `bytes` characters: the demo corpus's public-domain articles, one after another. */
function newsOfSize(bytes: number): string {
  const articles = readFileSync(path.join(PACKAGE_ROOT, 'data', 'demo', 'articles.jsonl'), 'utf8').trim().split('\n')
    .map((l) => (JSON.parse(l) as { text?: string }).text ?? '').filter((t) => t.length > 500);
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += articles[i % articles.length]!.trim() + '\n\n';
  return out.slice(0, bytes);
}

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

test('analysis time grows linearly with the length of the text (8x the text, well under 64x the time)', () => {
  const small = newsOfSize(40_000);
  const large = newsOfSize(320_000);
  analyze(small, { published: '2025-06-01' }); // warm-up: models and tables load once
  const ts = Math.min(seconds(() => analyze(small, { published: '2025-06-01' })), seconds(() => analyze(small, { published: '2025-06-01' })));
  const tl = seconds(() => analyze(large, { published: '2025-06-01' }));
  // linear would be ~8x; the quadratic engine of before was ~40-60x here. The bound leaves room for a busy machine.
  assert.ok(tl / ts < 24, `320 KB took ${tl.toFixed(2)} s, ${(tl / ts).toFixed(1)}x the ${ts.toFixed(3)} s of 40 KB`);
});

test('a long run without spaces (a base64 blob) is one opaque stretch: no tokens, and the text around it is read', () => {
  const blob = 'QUJD'.repeat(32_000); // 128 KB
  const text = `Chile signed a lithium deal with China on Tuesday.\n${blob}\nPeru banned copper exports to Japan.`;
  let doc!: ReturnType<typeof analyze>;
  const t = seconds(() => (doc = analyze(text)));
  assert.ok(t < 10, `took ${t.toFixed(1)} s`);
  assert.ok(doc.entities.some((e) => e.name === 'Chile') && doc.entities.some((e) => e.name === 'Peru'));
  const { tokens } = tokenize(text);
  assert.ok(tokens.every((tok) => tok.end - tok.start <= 100), 'no token from inside the blob');
  assert.ok(tokens.some((tok) => tok.value === 'Peru'));
});

test('a sentence without punctuation is cut into bounded pieces', () => {
  const text = 'Russia China Japan oil gas coal '.repeat(2000);
  const { sentences } = tokenize(text);
  assert.ok(sentences.length >= 40, `${sentences.length} sentences`);
  for (const s of sentences) assert.ok(s.tokenEnd - s.tokenStart <= 250);
});

test('the tokenizer gives the same tokens whatever it read before', () => {
  const text = "Standard and Poor's said the rating of Poor's was cut.";
  const before = tokenize(text).tokens.map((t) => t.value);
  tokenize("Standard & Poor's Corp said on Tuesday it downgraded Poor's debt. Moody's and Poor's agreed.");
  assert.deepEqual(tokenize(text).tokens.map((t) => t.value), before);
});

test('the same article gives byte-identical JSON alone in a fresh process and after many others', () => {
  const text = "Standard and Poor's cut Russia's rating on Tuesday, the agency said. Moscow said it would supply more oil to China.";
  for (const other of [newsOfSize(60_000), "Standard & Poor's Corp said it downgraded Poor's debt.", 'Gazprom and Rosneft agreed.']) {
    analyze(other, { published: '2025-06-01' });
  }
  const here_ = JSON.stringify(analyze(text, { published: '2025-06-02' }));
  const entry = path.join(here, '..', 'src', 'index.js');
  const script = `import(${JSON.stringify(entry)}).then(({ analyze }) => process.stdout.write(JSON.stringify(analyze(${JSON.stringify(text)}, { published: '2025-06-02' }))))`;
  const alone = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(here_, alone);
});
