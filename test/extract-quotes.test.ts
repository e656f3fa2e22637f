import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/index.js';

const speakerOf = (text: string, quoteStart: string) => {
  const r = analyze(text, { published: '2024-03-14' });
  const at = text.indexOf(quoteStart);
  const q = r.quotes.find((x) => x.start <= at && at < x.end);
  return { q, r };
};

test('attributes a quote with the cue after it ("..., X said")', () => {
  const text = 'Chile will double lithium output by 2030. "We are ready to work with any partner who respects our rules," Economy Minister Nicolas Grau said on Tuesday.';
  const { q } = speakerOf(text, 'We are ready');
  assert.equal(q?.kind, 'direct');
  assert.equal(q?.speakerName, 'Nicolas Grau');
  assert.equal(q?.cue?.text, 'said');
});

test('attributes a quote with an inverted cue ("said X")', () => {
  const text = '"The market is oversupplied and prices will stay low for months," said Amrita Sen, an analyst at Energy Aspects.';
  const { q } = speakerOf(text, 'The market');
  assert.equal(q?.speakerName, 'Amrita Sen');
});

test('attributes a colon-introduced quote on its own line to the previous sentence\'s speaker', () => {
  const text = 'Indonesian President Joko Widodo defended the nickel export ban in a speech to investors:\n"We will not go back to exporting raw ore. Processing at home creates jobs."';
  const { q } = speakerOf(text, 'We will not');
  assert.equal(q?.speakerName, 'Joko Widodo');
  assert.ok(q!.text.endsWith('creates jobs.'), 'the quote spans both sentences');
});

test('resolves a pronoun speaker to the person named before', () => {
  const text = 'Treasury Secretary Janet Yellen met Chinese officials in Beijing. She said: "We have made clear that we will respond to unfair practices."';
  const { q } = speakerOf(text, 'We have made');
  assert.equal(q?.speakerName, 'Janet Yellen');
});

test('keeps several speakers in one article apart', () => {
  const text = [
    '"OPEC+ will not raise output this month," Saudi Energy Minister Prince Abdulaziz bin Salman said.',
    'Russian Deputy Prime Minister Alexander Novak disagreed.',
    '"The market needs more oil," Novak told reporters.',
  ].join('\n');
  const r = analyze(text);
  const names = r.quotes.filter((q) => q.kind === 'direct').map((q) => q.speakerName);
  assert.deepEqual(names, ['Abdulaziz bin Salman', 'Alexander Novak']);
});

test('does not take scare quotes around a term for a quote', () => {
  const text = 'The two governments signed a so-called "strategic partnership" on critical minerals last year.';
  const r = analyze(text);
  assert.equal(r.quotes.filter((q) => q.kind === 'direct').length, 0);
});

test('reads reported speech with "according to" and names the source', () => {
  const text = 'China will curb exports of gallium and germanium from August, according to the Ministry of Commerce.';
  const r = analyze(text);
  const q = r.quotes.find((x) => x.kind === 'indirect');
  assert.ok(q, 'an indirect quote');
  assert.equal(q.text, 'China will curb exports of gallium and germanium from August');
  assert.match(q.speakerName ?? '', /Commerce/);
  assert.equal(text.slice(q.speakerMention!.start, q.speakerMention!.end), 'Ministry of Commerce');
});

test('reads newswire reported speech ("X said on Tuesday that ...")', () => {
  const text = 'Zambia\'s mines minister Paul Kabuswe said on Tuesday that copper production would rise to one million tonnes next year.';
  const r = analyze(text, { published: '1987-03-03' });
  const q = r.quotes.find((x) => x.kind === 'indirect');
  assert.equal(q?.speakerName, 'Paul Kabuswe');
  assert.ok(q?.text.includes('copper production would rise'));
});

test('leaves an unnamed source without an entity but keeps the words that name it', () => {
  const text = 'The deal is close to being signed, according to a person familiar with the talks.';
  const r = analyze(text);
  const q = r.quotes.find((x) => x.kind === 'indirect');
  assert.ok(q);
  assert.equal(q.speaker, null);
  assert.ok(q.speakerMention && text.slice(q.speakerMention.start, q.speakerMention.end).includes('person familiar'));
});

test('follows a quote that runs over two paragraphs', () => {
  const text = 'Glencore chief executive Gary Nagle said:\n"Cobalt prices are unsustainable. Many mines are losing money.\n"We expect closures before the end of the year."';
  const r = analyze(text);
  const direct = r.quotes.filter((q) => q.kind === 'direct');
  assert.equal(direct.length, 2);
  assert.ok(direct.every((q) => q.speakerName === 'Gary Nagle'), JSON.stringify(direct.map((q) => q.speakerName)));
});
