import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../src/nlp/tokenize.js';
import { paragraphs } from '../src/nlp/paragraphs.js';

const sentences = (text: string) => tokenize(text).sentences.map((s) => text.slice(s.start, s.end));

test('keeps abbreviations inside sentences (U.S., Jan., Corp.)', () => {
  assert.deepEqual(sentences('The U.S. Treasury said on Jan. 5 that Acme Corp. would pay $5 mln. Mr. Smith agreed.'), [
    'The U.S. Treasury said on Jan. 5 that Acme Corp. would pay $5 mln.',
    'Mr. Smith agreed.',
  ]);
});

test('ends a sentence at a hard line break before a colon-introduced quote', () => {
  const text = 'He also emphasized opportunities for nuclear trade, expressing:\n"In traditional industries, there is room for cooperation."';
  assert.equal(sentences(text)[0], 'He also emphasized opportunities for nuclear trade, expressing:');
});

test('joins newswire lines wrapped at 70 columns into one sentence', () => {
  const text = '    The Soviet Union has agreed to buy an additional 1.5 mln tonnes of\nU.S. corn under the long-term grain agreement, the Agriculture\nDepartment said.\n    Officials said shipments would begin in April.';
  assert.deepEqual(sentences(text), [
    'The Soviet Union has agreed to buy an additional 1.5 mln tonnes of\nU.S. corn under the long-term grain agreement, the Agriculture\nDepartment said.',
    'Officials said shipments would begin in April.',
  ]);
  assert.equal(paragraphs(text).length, 2);
});

test('gives every token its exact offsets, part of speech and lemma', () => {
  const text = 'Russia offers the US rare earths.\nIt agreed.';
  const { tokens } = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.value);
  const offers = tokens.find((t) => t.value === 'offers')!;
  assert.equal(offers.lemma, 'offer');
  assert.equal(offers.pos, 'VERB');
});

test('marks sentences inside removed spans', () => {
  const text = 'Nickel rose. Sign up for our newsletter.';
  const { sentences: s } = tokenize(text, [{ start: 13, end: text.length }]);
  assert.deepEqual(s.map((x) => x.removed), [false, true]);
});
