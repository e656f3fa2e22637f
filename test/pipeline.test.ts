import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, checkStages, stageNames, STAGES, type Stage } from '../src/pipeline.js';

const TEXT = 'Chile signed a lithium supply deal with China on Tuesday, the mining minister said.';

test('an unknown stage name in disable is an error that lists the stages', () => {
  assert.throws(() => analyzeText(TEXT, { disable: ['nonexistent'] }), /unknown stage "nonexistent".*removed, language, tokens/);
});

test('the ids stage cannot be switched off', () => {
  assert.throws(() => analyzeText(TEXT, { disable: ['ids'] }), /cannot be disabled/);
});

test('a disabled stage leaves its layer empty and the later stages still run', () => {
  const doc = analyzeText(TEXT, { disable: ['events'], published: '2024-05-02' });
  assert.deepEqual(doc.events, []);
  assert.ok(doc.entities.some((e) => e.name === 'Chile'));
  assert.ok(doc.dates.length > 0);
  assert.deepEqual(stageNames(), STAGES.map((s) => s.name));
});

test('the stage list is checked: a need no earlier stage assigns, a duplicate name, an unknown layer', () => {
  const noop = () => undefined;
  const stage = (name: string, needs: string[], assigns: string[]): Stage => ({ name, needs, assigns, run: noop });
  assert.doesNotThrow(() => checkStages(STAGES));
  assert.throws(() => checkStages([stage('quotes', ['entities'], ['quotes'])]), /"quotes" needs "entities", which no earlier stage assigns/);
  assert.throws(() => checkStages([stage('a', [], ['tokens']), stage('a', [], ['sentences'])]), /two stages are named "a"/);
  assert.throws(() => checkStages([stage('a', [], ['nonsense'])]), /"nonsense", which is not a layer/);
});

test('words that name JavaScript object properties are ordinary words', () => {
  const text = 'The constructor said toString and valueOf would rise. He added that __proto__ and hasOwnProperty fell. She agreed.';
  const doc = analyzeText(text, { published: '2024-05-02' });
  assert.ok(doc.tokens.some((t) => t.value === 'constructor'));
});
