// `analyze --syntax` and `lodestone parse`: the parser's output in the JSON and as CoNLL-U.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { analyze } from '../src/index.js';
import { parseText } from '../src/nlp/parse-text.js';
import { readConllu, writeConllu } from '../src/nlp/syntax/conllu.js';

const bin = path.join(PACKAGE_ROOT, 'bin', 'lodestone.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });
const TEXT = "Kazakhstan's state miner said on Monday it would ship more uranium to China.\nThe deal, worth $2 billion, wasn't final, officials added.";

test('analyze --syntax adds every sentence; token offsets slice to the token text; heads are CoNLL-U style', () => {
  const r = analyze(TEXT, { syntax: true });
  assert.ok(r.sentences);
  assert.equal(r.sentences.length, 2);
  for (const s of r.sentences) {
    assert.ok(s.start < s.end && TEXT.slice(s.start, s.end).trim() === TEXT.slice(s.start, s.end));
    let roots = 0;
    for (const t of s.tokens) {
      assert.equal(TEXT.slice(t.start, t.end), t.text);
      assert.ok(t.start >= s.start && t.end <= s.end);
      assert.ok(Number.isInteger(t.head) && t.head >= 0 && t.head <= s.tokens.length);
      if (t.head === 0) roots++;
      assert.ok(t.upos && t.deprel && t.lemma);
    }
    assert.equal(roots, 1, 'one root per sentence');
  }
  // "wasn't" comes as the words "was" and "n't", as UD has it
  assert.deepEqual(r.sentences[1]!.tokens.filter((t) => /^(was|n't)$/.test(t.text)).map((t) => t.text), ['was', "n't"]);
  const said = r.sentences[0]!.tokens.findIndex((t) => t.text === 'said');
  const miner = r.sentences[0]!.tokens.findIndex((t) => t.text === 'miner');
  assert.equal(r.sentences[0]!.tokens[miner]!.head, said + 1);
  assert.equal(r.sentences[0]!.tokens[miner]!.deprel, 'nsubj');
  // without the option the output has no sentences
  assert.equal(analyze(TEXT).sentences, undefined);
});

test('parse writes CoNLL-U that reads back to the same bytes, with sent_id and text lines', () => {
  const { conllu, sentences } = parseText(TEXT, { id: 'kz' });
  const back = readConllu(conllu);
  assert.equal(back.length, 2);
  assert.equal(writeConllu(back), conllu);
  assert.deepEqual(back[0]!.comments, ['# sent_id = kz-1', `# text = ${TEXT.split('\n')[0]}`]);
  back.forEach((s, k) => {
    assert.deepEqual(s.words.map((w) => w.form), sentences[k]!.tokens.map((t) => t.text));
    assert.deepEqual(s.words.map((w) => w.head), sentences[k]!.tokens.map((t) => t.head));
  });
  // SpaceAfter=No where the next token follows without a space ("Kazakhstan" + "'s", "China" + ".")
  const kaz = back[0]!.tokens.find((t) => t.form === 'Kazakhstan')!;
  assert.equal(kaz.spaceAfter, false);
});

test('lodestone parse - prints CoNLL-U; --format json prints the sentences; bad input gets one line', () => {
  const r = run(['parse', '-'], TEXT);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^# sent_id = [0-9a-f]{16}-1\n# text = Kazakhstan's state miner/);
  assert.equal(readConllu(r.stdout).length, 2);
  const j = run(['parse', '-', '--format', 'json'], TEXT);
  assert.equal(JSON.parse(j.stdout).sentences.length, 2);
  const tmp = mkdtempSync(path.join(tmpdir(), 'lodestone-parse-'));
  const file = path.join(tmp, 'in.txt');
  writeFileSync(file, TEXT);
  const bad = run(['parse', file, '--format', 'xml']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /^lodestone: unknown --format "xml": use conllu or json\n$/);
  const a = run(['analyze', file, '--syntax', '--format', 'json']);
  assert.equal(JSON.parse(a.stdout).sentences.length, 2);
  const jsonl = path.join(tmp, 'in.jsonl');
  writeFileSync(jsonl, JSON.stringify({ id: 'a', text: TEXT }) + '\n' + JSON.stringify({ id: 'b', text: 'Chile signed.' }) + '\n');
  const batch = run(['analyze', '--jsonl', jsonl, '--syntax']);
  assert.deepEqual(batch.stdout.trim().split('\n').map((l) => JSON.parse(l).sentences.length), [2, 1]);
});
