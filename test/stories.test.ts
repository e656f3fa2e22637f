// Near-duplicate clustering: MinHash over word 5-shingles of the cleaned text, LSH bands, story choice, and the
// identity that merges one event reported by several articles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/index.js';
import {
  cleanedText, shingleHashes, minhashSignature, bandKeys, estimateJaccard, chooseStory, actorKey, eventKey,
  signatureToBytes, signatureFromBytes, joinThresholdFor, storyIdentity, MINHASH_RULES,
} from '../src/stories/index.js';
import { seedText, seedSyndicated, seedEdited, TEXTS } from './store-contract.js';

function signatureOf(text: string, published = '2025-08-20'): Uint32Array {
  const a = analyze(text, { published });
  return minhashSignature(cleanedText(a.text, a.removed))!;
}

function trueJaccard(a: string, b: string): number {
  const x = new Set(shingleHashes(a));
  const y = new Set(shingleHashes(b));
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
}

test('the cleaned text leaves out removed spans, however they overlap', () => {
  const text = 'Gold rose. BUY NOW at example.com! Silver fell. Subscribe today.';
  assert.equal(cleanedText(text, [{ start: 11, end: 35 }, { start: 20, end: 30 }, { start: 48, end: 64 }]), 'Gold rose. \nSilver fell. ');
  assert.equal(cleanedText(text, []), text);
});

test('shingles are five-word windows, blind to case and punctuation', () => {
  assert.equal(shingleHashes('Zambia agreed to sell copper to China.').length, 3);
  assert.deepEqual(shingleHashes('ZAMBIA agreed, to sell copper'), shingleHashes('Zambia agreed to sell... copper'));
  assert.equal(shingleHashes('Oil rose.').length, 1, 'a text under five words is one shingle');
  assert.equal(minhashSignature('  -- '), null, 'no words, no signature');
});

test('the seed article and its spam-free copy have the same signature: promotion is not part of the story', () => {
  const body = seedText().split('\n').filter((l) => !/Difference Wire|Binance|Referral code/i.test(l)).join('\n');
  assert.deepEqual(signatureOf(seedText()), signatureOf(body));
});

test('a syndicated copy with its own masthead and footer, and a lightly edited copy, stay above the join threshold', () => {
  const seed = signatureOf(seedText());
  const syndicated = estimateJaccard(seed, signatureOf(seedSyndicated()));
  const edited = estimateJaccard(seed, signatureOf(seedEdited()));
  assert.ok(syndicated >= 0.9, `syndicated ${syndicated}`);
  assert.ok(edited >= MINHASH_RULES.joinThreshold && edited < 1, `edited ${edited}`);
});

test('different articles on related subjects stay far apart', () => {
  const seed = signatureOf(seedText());
  for (const text of Object.values(TEXTS)) {
    assert.ok(estimateJaccard(seed, signatureOf(text, '2025-03-04')) < 0.1);
  }
  // Two wire items built on the same template but about different companies share few 5-shingles.
  const a = 'NEW YORK, March 3 - Newmont Mining Corp said first-quarter gold output rose 12 pct to 410,000 ounces on higher grades at its Nevada mines.';
  const b = 'NEW YORK, March 3 - Homestake Mining Co said first-quarter gold output fell 5 pct to 180,000 ounces after a strike at its South Dakota mine.';
  assert.ok(estimateJaccard(minhashSignature(a)!, minhashSignature(b)!) < MINHASH_RULES.joinThreshold);
});

test('the MinHash estimate tracks the true Jaccard similarity of the shingle sets', () => {
  const pairs = [[seedText(), seedEdited()], [seedText(), seedSyndicated()], [TEXTS.oil, `${TEXTS.oil}\n\n${TEXTS.copper}`]] as const;
  for (const [x, y] of pairs) {
    const truth = trueJaccard(x, y);
    const estimate = estimateJaccard(minhashSignature(x)!, minhashSignature(y)!);
    assert.ok(Math.abs(truth - estimate) < 0.15, `true ${truth.toFixed(3)} vs estimate ${estimate.toFixed(3)}`);
  }
});

test('near-duplicates share an LSH band; unrelated articles share none', () => {
  const seed = bandKeys(signatureOf(seedText()));
  assert.equal(seed.length, MINHASH_RULES.bands);
  assert.equal(new Set(seed.map((k) => Math.floor(k / 2 ** 32))).size, MINHASH_RULES.bands, 'one key per band index');
  const shared = (a: number[], b: number[]) => a.filter((k) => b.includes(k)).length;
  assert.ok(shared(seed, bandKeys(signatureOf(seedEdited()))) >= 1);
  assert.equal(shared(seed, bandKeys(signatureOf(TEXTS.lithium, '2025-03-04'))), 0);
});

test('signatures survive the round trip through bytes', () => {
  const sig = minhashSignature(TEXTS.copper)!;
  assert.deepEqual(signatureFromBytes(signatureToBytes(sig)), sig);
  assert.equal(signatureToBytes(sig).length, MINHASH_RULES.permutations * 4);
});

test('an article joins the most similar story at or above the threshold, else starts its own', () => {
  const seed = signatureOf(seedText());
  const edited = signatureOf(seedEdited());
  const lithium = signatureOf(TEXTS.lithium, '2025-03-04');
  const candidates = [
    { articleId: 'lithium-1', storyId: 'lithium-1', signature: lithium },
    { articleId: 'seed-edit', storyId: 'seed', signature: edited },
    { articleId: 'seed', storyId: 'seed', signature: seed },
  ];
  const choice = chooseStory(signatureOf(seedSyndicated()), candidates);
  assert.deepEqual(choice.joined && [choice.storyId, choice.similarTo], ['seed', 'seed']);
  const alone = chooseStory(signatureOf(TEXTS.oil, '2025-03-04'), candidates);
  assert.equal(alone.joined, false);
  assert.equal(!alone.joined && alone.reason, 'below-threshold');
  assert.equal(chooseStory(null, candidates).joined, false);
  assert.deepEqual(chooseStory(seed, []), { joined: false, reason: 'no-candidates', bestSimilarity: 0 });
});

test('an event is the same across articles when its category and actors agree, whatever the actors are called', () => {
  const us = actorKey({ type: 'country', name: 'United States', codes: { iso3: 'USA' } });
  const america = actorKey({ type: 'country', name: 'America', codes: { iso3: 'usa' } });
  const putin = actorKey({ type: 'person', name: 'Vladimir  Putin', codes: { cameo: 'RUSGOV' } });
  assert.equal(us, america);
  assert.equal(putin, 'vladimir putin');
  assert.equal(actorKey({ type: 'place', name: 'Alaska', codes: { iso3: 'USA' } }), 'alaska', 'a place is not its country');
  assert.equal(eventKey('agree', [us, putin], ['UKR']), eventKey('AGREE', [putin, america], ['UKR']));
  assert.notEqual(eventKey('AGREE', [us], ['UKR']), eventKey('AGREE', ['UKR'], [us]), 'direction matters');
  assert.notEqual(eventKey('AGREE', [us], ['UKR']), eventKey('REJECT', [us], ['UKR']));
});

test('two short dividend notices that differ only in the record date are different stories', () => {
  // Reuters-21578 training documents 1708 and its neighbour: same template, different companies and dates.
  const a = 'Qtly div 12-1/2 cts vs 12-1/2 cts prior\n    Pay April One\n    Record March 13\n Reuter';
  const b = 'Qtly div 12-1/2 cts vs 12-1/2 cts prior\n    Pay April One\n    Record March 20\n Reuter';
  const threshold = joinThresholdFor(shingleHashes(b).length);
  assert.equal(threshold, MINHASH_RULES.shortJoinThreshold);
  const choice = chooseStory(minhashSignature(b), [{ articleId: 'a', storyId: 'a', signature: minhashSignature(a)! }], threshold);
  assert.equal(choice.joined, false);
  assert.ok(!choice.joined && choice.bestSimilarity > MINHASH_RULES.joinThreshold - 0.2, 'close, but short texts need more');
  assert.equal(joinThresholdFor(shingleHashes(seedText()).length), MINHASH_RULES.joinThreshold);
});

test('a short item is identified with its headline, a long one without', () => {
  // Reuters-21578: two companies' dividend notices with one body; a syndicated copy of a long story re-headlined.
  const notice = 'Qtly div four cts vs four cts prior\n    Pay April 15\n    Record March 20';
  const rowe = storyIdentity('ROWE FURNITURE CORP <ROWE> SETS QTLY DIVIDEND', notice);
  const oaks = storyIdentity('SEVEN OAKS INTERNATIONAL INC <QPON> IN PAYOUT', notice);
  assert.notEqual(rowe.text, oaks.text);
  assert.ok(estimateJaccard(rowe.signature!, oaks.signature!) < rowe.joinThreshold);
  const long = storyIdentity('Russia offers US rare earths', seedText());
  assert.equal(long.text, seedText());
  assert.deepEqual(long.signature, storyIdentity('Moscow dangles minerals before Trump', seedText()).signature);
});
