import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNerModel, labelSpans, wordShape, type NerSpan } from '../src/nlp/ner.js';

// Sentences are given as wink-nlp tokenises them: punctuation and "'s" stand apart, "U.S." stays whole.
const toks = (s: string) => s.split(' ');
const named = (words: string[], spans: NerSpan[]) => spans.map((s) => `${s.type} ${words.slice(s.start, s.end).join(' ')}`);

test('finds the minister, the news agency and both companies in a nuclear-trade sentence', () => {
  const words = toks('Russian Deputy Prime Minister Denis Manturov told TASS that Rosatom could supply uranium to Westinghouse .');
  const found = named(words, loadNerModel().tag(words));
  for (const want of ['PER Denis Manturov', 'ORG TASS', 'ORG Rosatom', 'ORG Westinghouse']) assert.ok(found.includes(want), `${want} in ${found.join(', ')}`);
  assert.ok(!found.some((f) => f.includes('Prime Minister')), 'the title is no part of the name');
});

test('tags a head of state and the capital he visits', () => {
  const words = toks('Chilean President Gabriel Boric visited Beijing on Tuesday to discuss lithium investment .');
  const found = named(words, loadNerModel().tag(words));
  assert.ok(found.includes('PER Gabriel Boric'), found.join(', '));
  assert.ok(found.includes('LOC Beijing'), found.join(', '));
  assert.ok(!found.some((f) => f.endsWith('Tuesday')));
});

test('reads unfamiliar names from their context in a mining story', () => {
  const doc = [
    toks("Kazakhstan 's state uranium miner Kazatomprom said on Friday that output would fall short of its plan ."),
    toks('Chief executive Meirzhan Yussupov told analysts the company had trouble obtaining sulphuric acid .'),
  ];
  const spans = loadNerModel().tagDocument(doc);
  assert.deepEqual(named(doc[0]!, spans[0]!), ['LOC Kazakhstan', 'ORG Kazatomprom']);
  assert.deepEqual(named(doc[1]!, spans[1]!), ['PER Meirzhan Yussupov']);
});

test('keeps a surname alone later in the document a person, and splits a list of companies', () => {
  const doc = [
    toks('Speaking in Jakarta , Bahlil Lahadalia , the energy minister , said Indonesia would not lift the nickel ore export ban .'),
    toks('Lahadalia added that Tesla and BYD were welcome to build battery plants .'),
  ];
  const spans = loadNerModel().tagDocument(doc);
  assert.deepEqual(named(doc[0]!, spans[0]!), ['LOC Jakarta', 'PER Bahlil Lahadalia', 'LOC Indonesia']);
  assert.deepEqual(named(doc[1]!, spans[1]!), ['PER Lahadalia', 'ORG Tesla', 'ORG BYD']);
});

test('tags names in an all-capitals headline', () => {
  const doc = [
    toks('RIO TINTO CUTS IRON ORE GUIDANCE AFTER BUSHFIRES'),
    toks('Rio Tinto on Tuesday lowered its iron ore shipment forecast after bushfires hit rail lines in Western Australia .'),
  ];
  const spans = loadNerModel().tagDocument(doc);
  assert.deepEqual(named(doc[0]!, spans[0]!), ['ORG RIO TINTO']);
  assert.deepEqual(named(doc[1]!, spans[1]!), ['ORG Rio Tinto', 'LOC Western Australia']);
});

test('finds nothing in a sentence without names', () => {
  const words = toks('Prices rose sharply on Tuesday after the announcement , traders said .');
  assert.deepEqual(loadNerModel().tag(words), []);
});

test('returns spans in order, inside the sentence, with a confidence between 0 and 1', () => {
  const words = toks('The European Union and NATO condemned the attack on Kyiv , Ukrainian officials said .');
  const model = loadNerModel();
  const spans = model.tag(words);
  assert.deepEqual(named(words, spans), ['ORG European Union', 'ORG NATO', 'LOC Kyiv', 'MISC Ukrainian']);
  let last = 0;
  for (const s of spans) {
    assert.ok(s.start >= last && s.end > s.start && s.end <= words.length);
    assert.ok(s.score > 0 && s.score <= 1);
    last = s.end;
  }
  assert.deepEqual(model.tagDocument([words])[0], spans);
  assert.deepEqual(model.tag([]), []);
});

test('reads BIO label indices into spans, opening a span at a stray I- label', () => {
  // O B-PER I-PER B-PER O I-LOC
  assert.deepEqual(labelSpans([0, 1, 2, 1, 0, 6]), [
    { start: 1, end: 3, type: 'PER', score: 0 },
    { start: 3, end: 4, type: 'PER', score: 0 },
    { start: 5, end: 6, type: 'LOC', score: 0 },
  ]);
});

test('maps words to shapes', () => {
  assert.equal(wordShape('Paris'), 'Xxx');
  assert.equal(wordShape('U.S.'), 'X.X.');
  assert.equal(wordShape('1996-08-22'), 'dd-dd-dd');
  assert.equal(wordShape('McDonald'), 'XxXxx');
  assert.equal(wordShape('Élysée'), 'Xxx');
});
