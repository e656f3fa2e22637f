// The arithmetic of the evaluation scorers (eval/scorers/*), on small hand-made inputs: no datasets needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunks, scoreChunks, type ConllDocument } from '../eval/conll.js';
import { classifyChunkErrors, conllType, rebuildText, spansToTags, typedMentions } from '../eval/scorers/conll-ner.js';
import { codePointToUtf16, goldAttributions, pickDevArticles, scoreArticle, sourceForm, type PolnearRecord, type PredQuote } from '../eval/scorers/polnear.js';
import { commodityTopics, placeTable, predictLabels, topicsForCommodity } from '../eval/scorers/reuters.js';
import { actorsMatch, goldCodes, scoreRecord, type PloverRecord } from '../eval/scorers/plover.js';
import { docPrecisionRecall, scoreExtraction, shingleMatch, shingles, tokenize } from '../eval/scorers/extraction.js';
import { halfShorterMatch, reutersDate, scoreMultiLabel, excerpt, ErrorLog, type BenchmarkResult } from '../eval/scorers/common.js';
import { parseSeedSummary } from '../eval/scorers/seed.js';
import { checkFloors, floorsFrom, targetStatus } from '../eval/run.js';
import { loadCommodities } from '../src/knowledge/commodities.js';
import type { AnalysisJson } from '../src/index.js';

// --- CoNLL ---------------------------------------------------------------------------------------------------------

const conllDoc = (sentences: [string, string][][]): ConllDocument => ({
  sentences: sentences.map((s) => ({ tokens: s.map(([word, tag]) => ({ word, pos: '', chunk: '', tag })) })),
});

const brussels = conllDoc([
  [['EU', 'I-ORG'], ['rejects', 'O'], ['German', 'I-MISC'], ['call', 'O'], ['to', 'O'], ['boycott', 'O'], ['British', 'I-MISC'], ['lamb', 'O'], ['.', 'O']],
  [['Peter', 'I-PER'], ['Blackburn', 'I-PER']],
]);

test('rebuilds a CoNLL document as spaced tokens and newline-separated sentences, with each token\'s offsets', () => {
  const r = rebuildText(brussels);
  assert.equal(r.text, 'EU rejects German call to boycott British lamb .\nPeter Blackburn');
  for (const [si, s] of brussels.sentences.entries()) {
    s.tokens.forEach((t, ti) => assert.equal(r.text.slice(r.tokens[si]![ti]!.start, r.tokens[si]![ti]!.end), t.word));
  }
});

test('maps people, organisations, places, demonyms and other names to CoNLL types, and leaves titles, pronouns and commodities out', () => {
  assert.equal(conllType('person', 'name'), 'PER');
  assert.equal(conllType('person', 'alias'), 'PER');
  assert.equal(conllType('person', 'title'), null);
  assert.equal(conllType('person', 'pronoun'), null);
  assert.equal(conllType('organization', 'name'), 'ORG');
  assert.equal(conllType('country', 'name'), 'LOC');
  assert.equal(conllType('country', 'metonym'), 'LOC');
  assert.equal(conllType('country', 'demonym'), 'MISC');
  assert.equal(conllType('nationality', 'name'), 'MISC');
  assert.equal(conllType('commodity', 'name'), null);
  assert.equal(conllType('other', 'name'), 'MISC');
  assert.equal(conllType('other', 'title'), null);
});

test('tags the tokens under each mention; the longer of two competing mentions wins and adjacent names stay apart', () => {
  const r = rebuildText(brussels);
  const at = (s: string) => r.text.indexOf(s);
  const tags = spansToTags([
    { start: at('EU'), end: at('EU') + 2, type: 'ORG' },
    { start: at('German'), end: at('German') + 6, type: 'MISC' },
    { start: at('British'), end: at('British') + 7, type: 'MISC' },
    { start: at('Blackburn'), end: at('Blackburn') + 9, type: 'ORG' }, // loses to the full name
    { start: at('Peter'), end: at('Blackburn') + 9, type: 'PER' },
  ], r.tokens);
  assert.deepEqual(tags[0], ['B-ORG', 'O', 'B-MISC', 'O', 'O', 'O', 'B-MISC', 'O', 'O']);
  assert.deepEqual(tags[1], ['B-PER', 'I-PER']);
  const score = scoreChunks(brussels.sentences.map((s) => s.tokens.map((t) => t.tag)), tags);
  assert.equal(score.overall.f1, 100);
});

test('reads typed spans from an analysis: a demonym mention of a country is MISC, a title mention is skipped', () => {
  const result = {
    entities: [
      { id: 'e1', type: 'country', name: 'Germany', mentions: [{ start: 11, end: 17, text: 'German', form: 'demonym' }], attributes: {}, codes: { iso3: 'DEU' } },
      { id: 'e2', type: 'person', name: 'Nikolaus van der Pas', mentions: [
        { start: 30, end: 50, text: 'Nikolaus van der Pas', form: 'name' },
        { start: 60, end: 75, text: 'the spokesman', form: 'title' },
      ], attributes: {}, codes: {} },
    ],
  } as unknown as AnalysisJson;
  assert.deepEqual(typedMentions(result), [{ start: 11, end: 17, type: 'MISC' }, { start: 30, end: 50, type: 'PER' }]);
});

test('names chunk errors: missed, spurious, wrong type and wrong boundary', () => {
  // "Keith O'Neill of Norwich City joins Niall Quinn ." with Norwich read as a place and Quinn as "Niall"
  const gold = chunks(['I-PER', 'I-PER', 'O', 'I-ORG', 'I-ORG', 'O', 'I-PER', 'I-PER', 'O']);
  const pred = chunks(['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'O', 'B-PER', 'O', 'B-MISC']);
  const kinds = classifyChunkErrors(gold, pred).map((e) => e.kind);
  assert.deepEqual(kinds, ['wrong type ORG->LOC', 'wrong boundary PER', 'spurious MISC']);
  assert.deepEqual(classifyChunkErrors(chunks(['I-LOC']), chunks(['O'])).map((e) => e.kind), ['missed LOC']);
});

// --- PolNeAR -------------------------------------------------------------------------------------------------------

test('converts Python code-point offsets to UTF-16 offsets past an emoji', () => {
  const text = 'Trump 🇺🇸 said: “We will win.”';
  const conv = codePointToUtf16(text);
  const cpIndex = [...text].indexOf('s'); // "said" in code points
  assert.equal(text.slice(conv(cpIndex), conv(cpIndex + 4)), 'said');
  assert.equal(codePointToUtf16('plain text')(7), 7);
});

const polnearText = 'Clinton told reporters that she was “feeling great.” Her campaign said the rally would go on. “It was hot,” an aide said.';
const span = (s: string, from = 0) => {
  const i = polnearText.indexOf(s, from);
  return [i, i + s.length] as [number, number];
};
const role = (s: string) => [{ spans: [span(s)], text: s }];
const polnearRecord: PolnearRecord = {
  compartment: 'dev', filename: 'politico_2016-09-12_clinton', annotator: 'a1b2', publication_date: '2016-09-12', text: polnearText,
  attributions: [
    { id: 'E1', source: role('Clinton'), cue: role('told'), content: role('she was “feeling great.”'), has_quote_mark_in_content: true },
    { id: 'E2', source: role('Her campaign'), cue: role('said'), content: role('the rally would go on'), has_quote_mark_in_content: false },
    { id: 'E3', source: role('an aide'), cue: role('said'), content: role('It was hot,'), has_quote_mark_in_content: true },
  ],
};

test('scores direct quotes: found by half-overlap, speaker right through the speaker mention or another mention of the entity', () => {
  const gold = goldAttributions(polnearRecord);
  assert.equal(gold.filter((g) => g.direct).length, 2);
  const at = (s: string) => ({ start: span(s)[0], end: span(s)[1] });
  const pred: PredQuote[] = [
    // the quoted words only: "feeling great." is more than half of the shorter span
    { ...at('feeling great.'), kind: 'direct', speaker: 'e1', speakerMention: at('she') },
    { ...at('It was hot,'), kind: 'direct', speaker: null, speakerMention: null },
    { ...at('Her campaign said'), kind: 'direct', speaker: 'e9', speakerMention: null }, // overlaps no content
  ];
  const mentions: Record<string, { start: number; end: number }[]> = { e1: [at('Clinton'), at('she')] };
  const { counts, outcomes } = scoreArticle(gold, pred, (id) => mentions[id] ?? [], 'direct');
  assert.deepEqual(counts, { gold: 2, found: 2, predicted: 3, correct: 2, withSource: 2, speakerRight: 1, speakerNull: 1 });
  assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['speaker-null', 'spurious']);
});

test('scores reported speech against predicted indirect quotes, and a quote of the wrong kind is not found', () => {
  const gold = goldAttributions(polnearRecord);
  const at = (s: string) => ({ start: span(s)[0], end: span(s)[1] });
  const asDirect: PredQuote[] = [{ ...at('the rally would go on'), kind: 'direct', speaker: null, speakerMention: null }];
  const r1 = scoreArticle(gold, asDirect, () => [], 'indirect');
  assert.equal(r1.counts.found, 0);
  assert.equal(r1.outcomes[0]!.kind, 'missed');
  const asIndirect: PredQuote[] = [{ ...at('the rally would go on'), kind: 'indirect', speaker: 'e2', speakerMention: at('Her campaign') }];
  const r2 = scoreArticle(gold, asIndirect, () => [], 'indirect');
  assert.deepEqual(r2.counts, { gold: 1, found: 1, predicted: 1, correct: 1, withSource: 1, speakerRight: 1, speakerNull: 0 });
});

test('keeps one annotator per article: the first in sorted order', () => {
  const a = { ...polnearRecord, annotator: 'd473' };
  const b = { ...polnearRecord, annotator: '4e07' };
  const other = { ...polnearRecord, filename: 'nyt_2016-10-01_debate', annotator: 'ef2d' };
  const train = { ...polnearRecord, compartment: 'train', filename: 'usatoday_2016-08-01_x' };
  const picked = pickDevArticles([a, train, other, b]);
  assert.deepEqual(picked.map((r) => `${r.filename}/${r.annotator}`), ['nyt_2016-10-01_debate/ef2d', 'politico_2016-09-12_clinton/4e07']);
});

test('tells pronoun, name and description sources apart', () => {
  assert.equal(sourceForm('he'), 'pronoun');
  assert.equal(sourceForm('Donald Trump'), 'name');
  assert.equal(sourceForm('a senior campaign official'), 'description');
  assert.equal(sourceForm('The New York Post'), 'description');
});

test('matches spans by half of the shorter span, across discontinuous gold pieces', () => {
  assert.ok(halfShorterMatch({ start: 0, end: 10 }, [{ start: 5, end: 40 }]));
  assert.ok(!halfShorterMatch({ start: 0, end: 10 }, [{ start: 6, end: 40 }]));
  assert.ok(halfShorterMatch({ start: 0, end: 20 }, [{ start: 0, end: 5 }, { start: 15, end: 20 }]));
  assert.ok(!halfShorterMatch({ start: 3, end: 3 }, [{ start: 0, end: 5 }]));
});

// --- Reuters ---------------------------------------------------------------------------------------------------------

test('maps Reuters PLACES names to ISO codes, historical states included', () => {
  const t = placeTable(['usa', 'uk', 'ussr', 'west-germany', 'east-germany', 'hong-kong', 'saudi-arabia', 'new-zealand', 'ivory-coast', 'turkey', 'atlantis']);
  assert.equal(t.get('usa'), 'USA');
  assert.equal(t.get('uk'), 'GBR');
  assert.equal(t.get('ussr'), 'SUN');
  assert.equal(t.get('west-germany'), 'DEU');
  assert.equal(t.get('east-germany'), 'DDR');
  assert.equal(t.get('hong-kong'), 'HKG');
  assert.equal(t.get('saudi-arabia'), 'SAU');
  assert.equal(t.get('new-zealand'), 'NZL');
  assert.equal(t.get('ivory-coast'), 'CIV');
  assert.equal(t.get('turkey'), 'TUR');
  assert.equal(t.get('atlantis'), null);
});

test('reads the commodity and energy topic codes from the category descriptions', () => {
  const desc = ['**Corporate Codes (2)', '', 'Mergers/Acquisitions (ACQ)', '', '**Commodity Codes (78)', '', 'ALUM', 'COTTON ', 'IRON-STEEL', '',
    '**Energy Codes (9)', '', 'Crude Oil (CRUDE)', 'Natural Gas (NAT-GAS)', '', '________________', '@heading[Organization Codes (56)]', 'Bank for International Settlements (BIS)@*'].join('\n');
  assert.deepEqual([...commodityTopics(desc)].sort(), ['alum', 'cotton', 'crude', 'iron-steel', 'nat-gas']);
});

test('turns summary commodities into Reuters topics through the taxonomy, parents included', () => {
  const tax = loadCommodities();
  assert.deepEqual(topicsForCommodity(tax, 'wheat', '1001').sort(), ['grain', 'wheat']);
  assert.deepEqual(topicsForCommodity(tax, tax.byId('neodymium')!.name, undefined), ['strategic-metal']);
  assert.deepEqual(topicsForCommodity(tax, 'coal', '2701'), []);
  const result = {
    entities: [
      { id: 'e1', type: 'country', name: 'Soviet Union', mentions: [{ start: 0, end: 6, text: 'Soviet', form: 'demonym' }], attributes: {}, codes: { iso3: 'SUN' } },
      { id: 'e2', type: 'commodity', name: tax.byId('crude-oil')!.name, mentions: [{ start: 20, end: 25, text: 'crude', form: 'name' }], attributes: {}, codes: { hs: '2709' } },
      { id: 'e3', type: 'commodity', name: 'coal', mentions: [], attributes: {}, codes: { hs: '2701' } },
    ],
    summary: { countries: ['e1'], commodities: ['e2', 'e3'] },
  } as unknown as AnalysisJson;
  const p = predictLabels(result, tax, new Set(['crude', 'gold']));
  assert.deepEqual([...p.countries], ['SUN']);
  assert.deepEqual([...p.topics], ['crude']);
});

test('computes micro and macro F1 over document labels; a topic predicted where the gold has none is a false positive', () => {
  const s = scoreMultiLabel([
    { gold: new Set(['crude']), pred: new Set(['crude', 'nat-gas']) },
    { gold: new Set(['gold']), pred: new Set() },
    { gold: new Set(), pred: new Set(['crude']) },
  ]);
  assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [1, 2, 1]);
  assert.equal(s.micro.precision, 1 / 3);
  assert.equal(s.micro.recall, 1 / 2);
  assert.ok(Math.abs(s.micro.f1 - 0.4) < 1e-12);
  // crude F1 = 2/3, nat-gas 0, gold 0 -> mean 2/9
  assert.ok(Math.abs(s.macroF1 - 2 / 9) < 1e-12);
  const inVocab = scoreMultiLabel([{ gold: new Set(['USA']), pred: new Set(['USA', 'XKX']) }], new Set(['USA']));
  assert.equal(inVocab.macroF1, 1);
  assert.equal(inVocab.micro.fp, 1);
});

test('reads the Reuters date field', () => {
  assert.equal(reutersDate('26-FEB-1987 15:01:01.79'), '1987-02-26');
  assert.equal(reutersDate(' 5-MAR-1987 09:12:00.00 junk'), '1987-03-05');
  assert.equal(reutersDate('unknown'), null);
});

// --- PLOVER ----------------------------------------------------------------------------------------------------------

const plEntity = (id: string, type: string, name: string, codes: Record<string, string>, attributes: Record<string, string> = {}) =>
  ({ id, type, name, mentions: [], attributes, codes });

test('reads gold actor codes, fixing JAP and treating an empty target as none', () => {
  assert.deepEqual(goldCodes([{ actorText: 'Tokyo', code: 'JAP' }]), ['JPN']);
  assert.deepEqual(goldCodes([{ actorText: 'Jordan', code: 'JOR' }, { actorText: 'Britain', code: 'GBR' }]), ['JOR', 'GBR']);
  assert.deepEqual(goldCodes(''), []);
  assert.deepEqual(goldCodes(null), []);
});

test('finds actor countries through iso3, the country attribute and the CAMEO code prefix', () => {
  const byId = new Map([
    ['e1', plEntity('e1', 'person', 'Slobodan Milosevic', {}, { country: 'e2' })],
    ['e2', plEntity('e2', 'country', 'Serbia', { iso3: 'SRB' })],
    ['e3', plEntity('e3', 'organization', 'European Union', { cameo: 'IGOEEC' })],
  ]) as unknown as Map<string, AnalysisJson['entities'][number]>;
  assert.ok(actorsMatch(['SRB'], ['e1'], byId));
  assert.ok(actorsMatch(['IGO'], ['e3'], byId));
  assert.ok(!actorsMatch(['SRB', 'IGO'], ['e1'], byId));
  assert.ok(actorsMatch([], [], byId));
});

test('counts a PLOVER record found under the 2021 name even when the strict name differs', () => {
  const rec: PloverRecord = {
    id: 'PLOVER-GSR01-DEMAND-0003', event: 'DEMAND',
    text: 'Palestinian officials demanded Friday that the United States pressure Israel to halt settlement construction.',
    source: [{ actorText: 'Palestinian officials', code: 'PSE' }], target: [{ actorText: 'United States', code: 'USA' }],
  };
  const result = {
    entities: [plEntity('e1', 'country', 'Palestine', { iso3: 'PSE' }), plEntity('e2', 'country', 'United States', { iso3: 'USA' }), plEntity('e3', 'country', 'Israel', { iso3: 'ISR' })],
    events: [{ plover: 'REQUEST', source: ['e1'], target: ['e3'] }],
  } as unknown as AnalysisJson;
  const o = scoreRecord(rec, result);
  assert.equal(o.strictFound, false);
  assert.equal(o.found, true);
  assert.equal(o.sourceOk, true);
  assert.equal(o.targetOk, false);
});

// --- article extraction ----------------------------------------------------------------------------------------------

test('tokenizes like Python\'s \\w+ and shingles short texts as one shingle', () => {
  assert.deepEqual(tokenize('São Paulo’s 2,000 e-mails'), ['São', 'Paulo', 's', '2', '000', 'e', 'mails']);
  assert.deepEqual([...shingles('Gold rose.')], [['Gold rose', 1]]);
  assert.equal(shingles('').size, 0);
  assert.equal(shingles('one two three four five').size, 2);
});

test('scores extraction per document and averages precision and recall over documents', () => {
  const truth = 'Copper prices rose on Monday as Chile mines reported lower output for the month';
  const withMenu = `Home News Markets\n${truth}`;
  const [tp, fp, fn] = shingleMatch(truth, withMenu);
  assert.ok(Math.abs(tp + fp + fn - 1) < 1e-12);
  assert.equal(fn, 0);
  assert.ok(fp > 0);
  assert.deepEqual(docPrecisionRecall([0, 0, 0]), [1, 1]);
  assert.deepEqual(docPrecisionRecall([0, 0.5, 0.5]), [0, 0]);
  const s = scoreExtraction([
    { truth, pred: truth }, // perfect
    { truth, pred: '' }, // nothing extracted: recall 0, no precision entry
  ]);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.ok(Math.abs(s.f1 - 2 / 3) < 1e-12);
  assert.equal(s.accuracy, 0.5);
});

// --- runner and helpers ----------------------------------------------------------------------------------------------

const fakeResult = (value: number): BenchmarkResult => ({
  name: 'conll', title: 't', data: 'd', method: [], tables: [], errorTypes: [], examples: [], seconds: 0,
  headlines: [{ key: 'f1', label: 'CoNLL testa entity F1', value, unit: 'pct', target: 88 }],
});

test('flags a figure that fell below its floor and ignores floors of benchmarks not run', () => {
  assert.deepEqual(checkFloors([fakeResult(84.2)], { 'conll.f1': 84, 'reuters.places.microF1': 0.5 }), []);
  const fails = checkFloors([fakeResult(83.1)], { 'conll.f1': 84 });
  assert.equal(fails.length, 1);
  assert.match(fails[0]!, /conll\.f1 .*83\.1%.*below its floor 84\.0%/);
  assert.equal(checkFloors([fakeResult(Number.NaN)], { 'conll.f1': 84 }).length, 1);
});

test('sets floors a little below the measured figures and states targets met or missed', () => {
  assert.deepEqual(floorsFrom([fakeResult(85.34)], { 'plover.found': 60 }), { 'conll.f1': 83.8, 'plover.found': 60 });
  // floors only rise: a figure that fell leaves its floor where it was, and a better one raises it
  assert.deepEqual(floorsFrom([fakeResult(85.34)], { 'conll.f1': 86 }), { 'conll.f1': 86 });
  assert.deepEqual(floorsFrom([fakeResult(89.0)], { 'conll.f1': 86 }), { 'conll.f1': 87.5 });
  assert.equal(targetStatus({ key: 'f1', label: '', value: 85.3, unit: 'pct', target: 88 }), 'missed by 2.7 points');
  assert.equal(targetStatus({ key: 'f1', label: '', value: 0.971, unit: 'score', target: 0.96 }), 'met (+0.011)');
  assert.equal(targetStatus({ key: 'x', label: '', value: 3, unit: 'count' }), '');
});

test('reads the seed scorer\'s summary line', () => {
  const f = parseSeedSummary('seed: quotes 4/4 speakers 3/4 mineral-quote no promo removed spam-entities 0 entities 18/18 events 11/12 (commodities 7/7) dates 4/4');
  assert.ok(f);
  assert.deepEqual(f.speakers, [3, 4]);
  assert.deepEqual(f.events, [11, 12]);
  assert.equal(f.promoRemoved, true);
  assert.equal(f.mineralQuote, false);
  assert.equal(parseSeedSummary('seed: read prediction from /tmp/x.json'), null);
});

test('keeps error counts by kind and picks examples of the most frequent kinds first', () => {
  const log = new ErrorLog(2);
  for (let i = 0; i < 3; i++) log.add('missed ORG', `Norwich City ${i}`);
  log.add('spurious PER', 'World Cup');
  assert.deepEqual(log.types(), [{ type: 'missed ORG', count: 3 }, { type: 'spurious PER', count: 1 }]);
  assert.deepEqual(log.examples(3).map((e) => e.example), ['Norwich City 0', 'World Cup', 'Norwich City 1']);
  assert.equal(excerpt('Russia offered the United States rare earths, Putin said.', { start: 19, end: 32 }, 8), '…red the «United States» rare ea…');
});
