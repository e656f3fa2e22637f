import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatParsedSentence, readConllu, sentenceMeta, tokenOffsets, writeConllu } from '../src/nlp/syntax/conllu.js';
import { loadSyntaxModel, parseWords, type SyntaxToken } from '../src/nlp/syntax/index.js';
import { alignAndCount, emptyCounts, goldSpanWords, type SpanWord } from '../eval/ud-score.js';

// A small hand-written CoNLL-U document: comments, a multiword token ("won't" = "wo" + "n't"), an empty node
// of the enhanced graph, SpaceAfter=No, and two sentences.
const SAMPLE = [
  '# newdoc id = sample-1',
  '# sent_id = sample-1-0001',
  "# text = Mills won't ship cobalt.",
  '1\tMills\tmill\tNOUN\tNNS\tNumber=Plur\t4\tnsubj\t4:nsubj\t_',
  "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\two\twill\tAUX\tMD\tVerbForm=Fin\t4\taux\t4:aux\t_',
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_",
  '4\tship\tship\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\t_',
  '5\tcobalt\tcobalt\tNOUN\tNN\tNumber=Sing\t4\tobj\t4:obj\tSpaceAfter=No',
  '6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_',
  '',
  '# sent_id = sample-1-0002',
  '# text = Prices rose, traders did too.',
  '1\tPrices\tprice\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t2:nsubj\t_',
  '2\trose\trise\tVERB\tVBD\tTense=Past\t0\troot\t0:root\tSpaceAfter=No',
  '3\t,\t,\tPUNCT\t,\t_\t5\tpunct\t5:punct\t_',
  '4\ttraders\ttrader\tNOUN\tNNS\tNumber=Plur\t5\tnsubj\t5:nsubj|5.1:nsubj\t_',
  '5\tdid\tdo\tVERB\tVBD\tTense=Past\t2\tparataxis\t2:parataxis\t_',
  '5.1\trose\trise\tVERB\tVBD\t_\t_\t_\t2:conj\t_',
  '6\ttoo\ttoo\tADV\tRB\t_\t5\tadvmod\t5:advmod\tSpaceAfter=No',
  '7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_',
  '',
  '',
].join('\n');

test('CoNLL-U: reading and writing back gives the same bytes', () => {
  const sents = readConllu(SAMPLE);
  assert.equal(sents.length, 2);
  assert.equal(writeConllu(sents), SAMPLE);
});

test('CoNLL-U: words, multiword tokens, empty nodes and text offsets', () => {
  const [a, b] = readConllu(SAMPLE);
  assert.deepEqual(
    a!.words.map((w) => w.form),
    ['Mills', 'wo', "n't", 'ship', 'cobalt', '.'],
  );
  assert.deepEqual(
    a!.tokens.map((t) => t.form),
    ['Mills', "won't", 'ship', 'cobalt', '.'],
  );
  assert.equal(a!.tokens[1]!.wordEnd - a!.tokens[1]!.wordStart, 2);
  assert.equal(a!.tokens[3]!.spaceAfter, false);
  assert.equal(sentenceMeta(a!, 'sent_id'), 'sample-1-0001');
  // the empty node 5.1 is no word
  assert.equal(b!.words.length, 7);
  assert.deepEqual(
    b!.words.map((w) => w.head),
    [2, 0, 5, 5, 2, 5, 2],
  );
  const text = sentenceMeta(a!, 'text')!;
  const offs = tokenOffsets(text, a!.tokens)!;
  assert.deepEqual(
    offs.map((o) => text.slice(o.start, o.end)),
    ['Mills', "won't", 'ship', 'cobalt', '.'],
  );
});

test('CoNLL-U: parser output is written as a sentence block that reads back', () => {
  const block = formatParsedSentence({
    sentId: 'doc-1',
    text: 'Mills ship cobalt.',
    tokens: [
      { text: 'Mills', lemma: 'mill', upos: 'NOUN', xpos: 'NNS', head: 2, deprel: 'nsubj', spaceAfter: true },
      { text: 'ship', lemma: 'ship', upos: 'VERB', xpos: 'VBP', head: 0, deprel: 'root', spaceAfter: true },
      { text: 'cobalt', lemma: 'cobalt', upos: 'NOUN', xpos: 'NN', head: 2, deprel: 'obj', spaceAfter: false },
      { text: '.', lemma: '.', upos: 'PUNCT', xpos: '.', head: 2, deprel: 'punct', spaceAfter: true },
    ],
  });
  assert.equal(
    block,
    '# sent_id = doc-1\n# text = Mills ship cobalt.\n' +
      '1\tMills\tmill\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n' +
      '2\tship\tship\tVERB\tVBP\t_\t0\troot\t_\t_\n' +
      '3\tcobalt\tcobalt\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n' +
      '4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n',
  );
  const [s] = readConllu(block);
  assert.equal(s!.words.length, 4);
  assert.equal(writeConllu([s!]), block);
});

const words = (s: string) => s.split(' ');
const find = (toks: readonly SyntaxToken[], text: string) => toks.findIndex((t) => t.text === text) + 1;

/** Exactly one root, every head inside the sentence, no cycles. */
function assertTree(toks: readonly SyntaxToken[]): void {
  const n = toks.length;
  if (n === 0) return;
  assert.equal(toks.filter((t) => t.head === 0).length, 1, 'one root');
  for (const t of toks) assert.ok(Number.isInteger(t.head) && t.head >= 0 && t.head <= n, `head ${t.head} in 0..${n}`);
  toks.forEach((t, i) => assert.ok(t.head !== i + 1, 'no self-loop'));
  for (let i = 1; i <= n; i++) {
    let x = i;
    for (let steps = 0; x !== 0; steps++) {
      assert.ok(steps <= n, `cycle through word ${i}`);
      x = toks[x - 1]!.head;
    }
  }
  for (const t of toks) assert.ok(t.deprel.length > 0 && t.upos.length > 0);
}

test('the subject of "said" is attached to it as nsubj', () => {
  const toks = parseWords(words('The mining minister said on Tuesday that exports of lithium would double .'));
  assertTree(toks);
  const said = find(toks, 'said');
  const minister = toks[find(toks, 'minister') - 1]!;
  assert.equal(minister.head, said);
  assert.equal(minister.deprel, 'nsubj');
  assert.equal(toks[said - 1]!.head, 0);
  assert.equal(toks[said - 1]!.upos, 'VERB');
  assert.equal(toks[said - 1]!.lemma, 'say');
});

test('a ditransitive verb: the subject and the object of "offered"', () => {
  const toks = parseWords(words('Russia offered the United States access to rare earths .'));
  assertTree(toks);
  const offered = find(toks, 'offered');
  const russia = toks[find(toks, 'Russia') - 1]!;
  const access = toks[find(toks, 'access') - 1]!;
  assert.equal(toks[offered - 1]!.head, 0);
  assert.equal(russia.head, offered);
  assert.equal(russia.deprel, 'nsubj');
  assert.equal(access.head, offered);
  assert.equal(access.deprel, 'obj');
  assert.equal(toks[offered - 1]!.lemma, 'offer');
  // with a one-word recipient the double object comes out right
  const china = parseWords(words('China offered Brazil a loan .'));
  assert.equal(china[2]!.head, 2);
  assert.ok(['iobj', 'obj'].includes(china[2]!.deprel), china[2]!.deprel);
  assert.equal(china[4]!.head, 2);
  assert.equal(china[4]!.deprel, 'obj');
});

// Known error of the shipped model (kept visible rather than tuned away): "United" is tagged ADJ and "States" is
// attached to "access" instead of to "offered" as its indirect object.
test('a ditransitive verb: "the United States" as the recipient of "offered"', { todo: 'the greedy parser attaches "States" to "access"' }, () => {
  const toks = parseWords(words('Russia offered the United States access to rare earths .'));
  const states = toks[find(toks, 'States') - 1]!;
  assert.equal(states.head, find(toks, 'offered'));
  assert.ok(['iobj', 'obj'].includes(states.deprel), states.deprel);
});

test('tags and lemmas of a plain sentence', () => {
  const toks = parseWords(words('Chinese refiners bought more cobalt than they needed .'));
  assertTree(toks);
  const upos = Object.fromEntries(toks.map((t) => [t.text, t.upos]));
  assert.deepEqual(
    [upos.Chinese, upos.refiners, upos.bought, upos.cobalt, upos.they, upos.needed, upos['.']],
    ['ADJ', 'NOUN', 'VERB', 'NOUN', 'PRON', 'VERB', 'PUNCT'],
  );
  assert.equal(toks[1]!.lemma, 'refiner');
  assert.equal(toks[2]!.lemma, 'buy');
  assert.equal(toks[1]!.head, 3);
  assert.equal(toks[1]!.deprel, 'nsubj');
  assert.equal(toks[4]!.head, 3);
  assert.equal(toks[4]!.deprel, 'obj');
});

test('every input gives a tree: empty, one word, punctuation only, 500 words, odd tokens', () => {
  assert.deepEqual(parseWords([]), []);
  const one = parseWords(['Hello']);
  assert.equal(one.length, 1);
  assert.equal(one[0]!.head, 0);
  assert.equal(one[0]!.deprel, 'root');
  assertTree(parseWords(['.', '!', '?', '...', ',']));
  assertTree(parseWords(['', ' ', '\t']));
  const long: string[] = [];
  const pattern = words('the ministry said that exports of copper and nickel would rise , and officials agreed ;');
  while (long.length < 500) long.push(...pattern);
  long.length = 500;
  const t0 = Date.now();
  const toks = parseWords(long);
  assert.equal(toks.length, 500);
  assertTree(toks);
  assert.ok(Date.now() - t0 < 2000, 'a long sentence parses quickly');
  // one huge token must not blow up feature extraction
  const huge = parseWords(['Export', 'x'.repeat(200_000), 'rose', '.']);
  assertTree(huge);
});

test('a long sentence parses in linear time', () => {
  const model = loadSyntaxModel();
  const make = (n: number) => Array.from({ length: n }, (_, i) => ['prices', 'rose', 'and', 'output', 'fell', ','][i % 6]!);
  model.parse(make(2000)); // warm up
  const t1 = process.hrtime.bigint();
  model.parse(make(2000));
  const a = Number(process.hrtime.bigint() - t1);
  const t2 = process.hrtime.bigint();
  model.parse(make(8000));
  const b = Number(process.hrtime.bigint() - t2);
  assert.ok(b < a * 12, `4x the words took ${(b / a).toFixed(1)}x the time`);
});

test('parsing is deterministic, also after other sentences', () => {
  const s = words('Indonesia banned nickel ore exports in 2020 to build a smelting industry .');
  const first = JSON.stringify(parseWords(s));
  parseWords(words('Traders said the ban had little effect .'));
  parseWords(words('What ?'));
  assert.equal(JSON.stringify(parseWords(s)), first);
  assert.equal(JSON.stringify(parseWords([...s])), first);
});

test('CoNLL 2018 alignment: multiword tokens, split and unsplit system tokens', () => {
  const text = "I don't know.";
  const [gold] = readConllu(
    [
      "# text = I don't know.",
      '1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
      "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
      '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
      '4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
      '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
      '',
    ].join('\n'),
  );
  const g = goldSpanWords(gold!, text)!;
  assert.deepEqual(
    g.map((w) => `${w.form}@${w.start}-${w.end}`),
    ['I@0-1', 'do@2-7', "n't@2-7", 'know@8-12', '.@12-13'],
  );
  const w = (form: string, start: number, upos: string, head: number, deprel: string): SpanWord => ({ form, start, end: start + form.length, upos, head, deprel, mwt: false });
  // system split like the gold words: everything aligns
  const split = [w('I', 0, 'PRON', 3, 'nsubj'), w('do', 2, 'AUX', 3, 'aux'), w("n't", 4, 'PART', 3, 'advmod'), w('know', 8, 'VERB', -1, 'root'), w('.', 12, 'PUNCT', 3, 'punct')];
  const c1 = emptyCounts();
  alignAndCount(g, split, c1);
  assert.equal(c1.words, 5);
  assert.equal(c1.uas, 5);
  assert.equal(c1.las, 5);
  assert.equal(c1.goldTokens, 4);
  assert.equal(c1.tokens, 3); // "don't" is one gold token, two system tokens
  // system keeps "don't" whole: its words do not align, the others do
  const whole = [w('I', 0, 'PRON', 2, 'nsubj'), w("don't", 2, 'AUX', 2, 'aux'), w('know', 8, 'VERB', -1, 'root'), w('.', 12, 'PUNCT', 2, 'punct')];
  const c2 = emptyCounts();
  alignAndCount(g, whole, c2);
  assert.equal(c2.words, 3);
  assert.equal(c2.tokens, 4);
  assert.equal(c2.uas, 3);
});
