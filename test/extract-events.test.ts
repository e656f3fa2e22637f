import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisJson } from '../src/index.js';

const names = (r: AnalysisJson, ids: string[]) => ids.map((id) => r.entities.find((e) => e.id === id)!.name);

test('codes an offer between countries with its commodity', () => {
  const r = analyze('Kazakhstan offered China a stake in its tungsten mines.');
  const e = r.events[0]!;
  assert.equal(e.plover, 'AGREE');
  assert.deepEqual(names(r, e.source), ['Kazakhstan']);
  assert.deepEqual(names(r, e.target), ['China']);
  assert.deepEqual(names(r, e.commodities), ['tungsten']);
});

test('reads a passive "by" phrase as the source', () => {
  const r = analyze('Cargo ships were attacked by Houthi forces near Yemen, and the port of Odesa was shelled by Russia in July.', { published: '2023-08-01' });
  const shell = r.events.find((e) => e.trigger.text === 'shelled');
  assert.ok(shell, JSON.stringify(r.events.map((e) => e.trigger.text)));
  assert.deepEqual(names(r, shell.source), ['Russia']);
  assert.equal(shell.plover, 'ASSAULT');
  assert.equal(shell.date?.start, '2023-07-01');
});

test('codes sanctions as coercion with the sanctioned party as target', () => {
  const r = analyze('The United States imposed sanctions on Iran over its oil exports.');
  const e = r.events.find((x) => x.cameo.startsWith('16'));
  assert.ok(e, JSON.stringify(r.events));
  assert.deepEqual(names(r, e.source), ['United States']);
  assert.deepEqual(names(r, e.target), ['Iran']);
});

test('marks negation and intention', () => {
  const neg = analyze('Germany did not sign the agreement with Russia.');
  assert.equal(neg.events[0]?.modality, 'negated');
  const intent = analyze('Japan wants to buy liquefied natural gas from Qatar.');
  assert.equal(intent.events[0]?.modality, 'intended');
});

test('reads a meeting between two named leaders with its place', () => {
  const r = analyze('The talks followed a meeting between French President Emmanuel Macron and Indian Prime Minister Narendra Modi in Marseille.');
  const e = r.events.find((x) => x.plover === 'CONSULT');
  assert.ok(e);
  assert.deepEqual([...names(r, e.source), ...names(r, e.target)].sort(), ['Emmanuel Macron', 'Narendra Modi']);
});

test('attributes an event inside a quote to its speaker', () => {
  const text = '"Brazil will supply niobium to Japan for decades," Mines Minister Alexandre Silveira said.';
  const r = analyze(text);
  const e = r.events.find((x) => x.commodities.length);
  assert.ok(e);
  assert.equal(names(r, [e.attributedTo!])[0], 'Alexandre Silveira');
});

test('finds no event in a sentence without actors', () => {
  const r = analyze('Prices of cobalt fell 3 percent on Tuesday amid weak demand.');
  assert.equal(r.events.length, 0);
});

test('gives "we" inside a quote to the speaker', () => {
  const text = 'Indonesian President Prabowo Subianto said:\n"We are willing to offer nickel concessions to foreign partners."';
  const r = analyze(text);
  const e = r.events.find((x) => x.plover === 'AGREE');
  assert.ok(e, JSON.stringify(r.events));
  assert.deepEqual(names(r, e.source), ['Prabowo Subianto']);
  assert.deepEqual(names(r, e.commodities), ['nickel']);
});

test('keeps a noun trigger\'s target inside its own phrase', () => {
  const r = analyze('Chile held talks with Bolivia on lithium, which Argentina also produces.');
  const e = r.events.find((x) => x.plover === 'CONSULT');
  assert.ok(e, JSON.stringify(r.events));
  assert.deepEqual(names(r, e.target), ['Bolivia']);
});
