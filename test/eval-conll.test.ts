import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunks, parseConll, scoreChunks } from '../eval/conll.js';

const spans = (tags: string[]) => chunks(tags).map((c) => `${c.type}:${c.start}-${c.end}`);

test('reads documents, sentences and the four columns of CoNLL-2003 text', () => {
  const text = [
    '-DOCSTART- -X- O O',
    '',
    'EU NNP I-NP I-ORG',
    'rejects VBZ I-VP O',
    'German JJ I-NP I-MISC',
    '',
    'Peter NNP I-NP I-PER',
    'Blackburn NNP I-NP I-PER',
    '',
    '-DOCSTART- -X- O O',
    '',
    'BRUSSELS NNP I-NP I-LOC',
    '',
  ].join('\n');
  const docs = parseConll(text);
  assert.equal(docs.length, 2);
  assert.equal(docs[0]!.sentences.length, 2);
  assert.deepEqual(docs[0]!.sentences[0]!.tokens[0], { word: 'EU', pos: 'NNP', chunk: 'I-NP', tag: 'I-ORG' });
  assert.deepEqual(
    docs[0]!.sentences[1]!.tokens.map((t) => t.word),
    ['Peter', 'Blackburn'],
  );
  assert.equal(docs[1]!.sentences[0]!.tokens[0]!.tag, 'I-LOC');
});

test('splits two touching same-type IOB1 entities at the B- tag', () => {
  // "... gave [Bayern Munich] [Borussia Dortmund] ..." style: B-ORG marks the second name
  assert.deepEqual(spans(['O', 'I-ORG', 'I-ORG', 'B-ORG', 'I-ORG', 'O']), ['ORG:1-3', 'ORG:3-5']);
});

test('opens a chunk at I-X after O or after another type, as conlleval does', () => {
  assert.deepEqual(spans(['I-PER', 'I-PER', 'I-LOC', 'O', 'I-LOC']), ['PER:0-2', 'LOC:2-3', 'LOC:4-5']);
  // BIO input reads the same way; a stray I- after O still opens a chunk
  assert.deepEqual(spans(['B-PER', 'I-PER', 'B-PER', 'O', 'I-MISC', 'I-MISC']), ['PER:0-2', 'PER:2-3', 'MISC:4-6']);
});

test('scores IOB1 gold against BIO predictions span by span', () => {
  const gold = [['I-PER', 'I-PER', 'O', 'I-LOC', 'O']];
  const pred = [['B-PER', 'I-PER', 'O', 'B-LOC', 'O']];
  const s = scoreChunks(gold, pred);
  assert.equal(s.overall.f1, 100);
  assert.equal(s.overall.correct, 2);
});

test('counts a right span with the wrong type as one false positive and one false negative', () => {
  const gold = [['O', 'I-ORG', 'I-ORG', 'O', 'I-PER']];
  const pred = [['O', 'I-LOC', 'I-LOC', 'O', 'I-PER']];
  const s = scoreChunks(gold, pred);
  assert.deepEqual([s.overall.correct, s.overall.predicted, s.overall.gold], [1, 2, 2]);
  assert.equal(s.overall.precision, 50);
  assert.equal(s.overall.recall, 50);
  assert.equal(s.overall.f1, 50);
  assert.deepEqual([s.byType.ORG!.correct, s.byType.ORG!.predicted, s.byType.ORG!.gold], [0, 0, 1]);
  assert.deepEqual([s.byType.LOC!.correct, s.byType.LOC!.predicted, s.byType.LOC!.gold], [0, 1, 0]);
  assert.equal(s.byType.PER!.f1, 100);
});

test('gives no credit for merging two touching entities into one', () => {
  const gold = [['I-ORG', 'B-ORG']];
  const pred = [['B-ORG', 'I-ORG']];
  const s = scoreChunks(gold, pred);
  assert.deepEqual([s.overall.correct, s.overall.predicted, s.overall.gold], [0, 1, 2]);
  assert.equal(s.overall.f1, 0);
});

test('computes F1 as the harmonic mean over all sentences', () => {
  const gold = [
    ['I-PER', 'O', 'I-LOC'],
    ['I-MISC', 'I-MISC', 'O'],
  ];
  const pred = [
    ['I-PER', 'O', 'O'],
    ['I-MISC', 'O', 'I-ORG'],
  ];
  // correct: PER only (MISC span differs); predicted 3; gold 3
  const s = scoreChunks(gold, pred);
  assert.ok(Math.abs(s.overall.precision - 100 / 3) < 1e-9);
  assert.ok(Math.abs(s.overall.recall - 100 / 3) < 1e-9);
  assert.ok(Math.abs(s.overall.f1 - 100 / 3) < 1e-9);
  assert.equal(s.accuracy, 50); // 3 of 6 tags equal
});
