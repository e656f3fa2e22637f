// Reported speech and its speakers in each shape news uses, from sentences written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/index.js';

/** The indirect quotes of a text as [speaker name or speaker words, cue, content]. */
function reports(text: string): [string | null, string | null, string][] {
  const r = analyze(text, { published: '2025-03-04' });
  return r.quotes.filter((q) => q.kind === 'indirect').map((q) => [q.speakerName ?? q.speakerMention?.text ?? null, q.cue?.text ?? null, q.text]);
}

function has(text: string, speaker: string, cue: string, content: RegExp): void {
  const got = reports(text);
  assert.ok(got.some(([s, c, t]) => s === speaker && c === cue && content.test(t)), `${JSON.stringify(got)} lacks ${speaker} / ${cue} / ${content}`);
}

test('the subject of "said" speaks the clause after it, without "that"', () => {
  has('Chilean Mining Minister Aurora Williams said on Monday that lithium output would double by 2030.', 'Aurora Williams', 'said', /^lithium output would double by 2030$/);
});

test('an inverted subject after a quote-style "said" is the speaker', () => {
  has('Copper exports to China will resume next month, said the Zambian mines minister, Paul Kabuswe.', 'Paul Kabuswe', 'said', /^Copper exports to China will resume next month$/);
});

test('"told reporters" takes the clause after the listener', () => {
  has('Indonesian President Prabowo Subianto told reporters in Jakarta that nickel ore exports would stay banned.', 'Prabowo Subianto', 'told', /^nickel ore exports would stay banned$/);
});

test('a participle after a comma speaks for the subject of the main verb', () => {
  has('Glencore cut its cobalt forecast, adding that prices in Congo had fallen for a third quarter.', 'Glencore', 'adding', /prices in Congo had fallen/);
});

test('beliefs, plans and wishes are reported speech: "believes", "plans to", "wants ... to"', () => {
  has('The Kazakh energy minister believes that uranium prices will keep rising this year.', 'The Kazakh energy minister', 'believes', /^uranium prices will keep rising this year$/);
  has('Rio Tinto plans to build a lithium refinery in Serbia by 2028.', 'Rio Tinto', 'plans', /build a lithium refinery in Serbia/);
  has('Japan wants Australia to supply more rare earths to its carmakers.', 'Japan', 'wants', /supply more rare earths/);
});

test('warnings, denials, insistence and confirmations', () => {
  has('OPEC warned that oil demand could fall sharply next year.', 'OPEC', 'warned', /^oil demand could fall sharply next year$/);
  has('The Kremlin denied that Russian tankers had broken the price cap.', 'Russia', 'denied', /^Russian tankers had broken the price cap$/);
  has('Canada insisted that its potash exports were not subject to the embargo.', 'Canada', 'insisted', /^its potash exports were not subject to the embargo$/);
  has('Chevron confirmed that its Venezuelan oil shipments had resumed.', 'Chevron', 'confirmed', /^its Venezuelan oil shipments had resumed$/);
});

test('requests and calls: "urged X to", "called for"', () => {
  has('The European Union urged China to lift its curbs on gallium exports.', 'European Union', 'urged', /lift its curbs on gallium exports/);
  has('Brazil called for an end to the tariffs on its steel.', 'Brazil', 'called', /an end to the tariffs on its steel/);
});

test('"according to X" gives X as the source of the clause, on either side', () => {
  has('Exports of refined cobalt fell 12 percent in May, according to the Congolese mines ministry.', 'the Congolese mines ministry', 'according to', /^Exports of refined cobalt fell 12 percent in May$/);
  has('According to Reuters, Vale will sell a stake in its base metals unit.', 'Reuters', 'According to', /^Vale will sell a stake in its base metals unit$/);
});

test('a relative pronoun speaks for the noun it follows', () => {
  const got = reports('Peru elected Dina Boluarte, who said that copper royalties would not rise.');
  assert.ok(got.some(([s, , t]) => s === 'Dina Boluarte' && /copper royalties would not rise/.test(t)), JSON.stringify(got));
});

test('a pronoun speaker is resolved to the person named before it', () => {
  const text = 'Zambian President Hakainde Hichilema visited the Copperbelt on Monday. He said that new smelters would open next year.';
  const r = analyze(text);
  const q = r.quotes.find((x) => x.kind === 'indirect' && /new smelters/.test(x.text));
  assert.ok(q);
  assert.equal(q.speakerName, 'Hakainde Hichilema');
  assert.equal(q.speakerMention?.text, 'He');
});

test('a sentence with no one reported as speaking has no reported speech', () => {
  assert.deepEqual(reports('Copper prices rose 2 percent on Monday as inventories fell in Shanghai.'), []);
  assert.deepEqual(reports('The mine produced 40,000 tonnes of copper last year.'), []);
});

test('a pronoun is one mention of its person, and quotes and events read it alike', () => {
  const text = 'Chilean President Gabriel Boric visited Beijing on Monday. He said that Chile would supply more lithium to China. He signed a copper deal with Xi Jinping.';
  const r = analyze(text, { published: '2025-03-04' });
  const boric = r.entities.find((e) => e.name === 'Gabriel Boric')!;
  assert.ok(boric);
  const pronouns = boric.mentions.filter((m) => m.form === 'pronoun').map((m) => m.text);
  assert.deepEqual(pronouns, ['He', 'He']);
  const q = r.quotes.find((x) => /supply more lithium/.test(x.text));
  assert.equal(q?.speaker, boric.id);
  const signed = r.events.find((e) => e.trigger.text.startsWith('signed'));
  assert.ok(signed, JSON.stringify(r.events.map((e) => e.trigger.text)));
  assert.deepEqual(signed.source, [boric.id]);
});
