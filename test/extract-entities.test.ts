import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/index.js';


test('reads a person with title and country from "Demonym Title Name"', () => {
  const text = 'Australian Resources Minister Madeleine King said Canberra would fund new rare earth refineries.';
  const r = analyze(text);
  const king = r.entities.find((e) => e.name === 'Madeleine King');
  assert.equal(king?.type, 'person');
  assert.match(String(king?.attributes.title), /Resources Minister$/);
  assert.equal(r.entities.find((e) => e.id === king?.attributes.country)?.codes.iso3, 'AUS');
  // "Canberra" acts, so it stands for Australia's government
  const aus = r.entities.find((e) => e.codes.iso3 === 'AUS');
  assert.ok(aus?.mentions.some((m) => m.text === 'Canberra' && m.form === 'metonym'));
});

test('treats a capital after "in" as a place, and as its government when it acts', () => {
  const r = analyze('Officials met in Beijing on Monday. Beijing rejected the proposal.');
  const place = r.entities.find((e) => e.type === 'place' && e.name === 'Beijing');
  assert.ok(place, 'Beijing as a place');
  const china = r.entities.find((e) => e.codes.iso3 === 'CHN');
  assert.ok(china?.mentions.some((m) => m.text === 'Beijing' && m.form === 'metonym'));
});

test('joins a later surname to the full name', () => {
  const r = analyze('Chilean President Gabriel Boric announced a national lithium strategy. Boric said the state would take control.');
  const boric = r.entities.find((e) => e.name === 'Gabriel Boric');
  assert.equal(boric?.mentions.length, 2);
});

test('recognises US spellings and historical states with their codes', () => {
  const r = analyze('The U.S. and the Soviet Union signed the treaty in 1987, and America later lifted the grain embargo.');
  const usa = r.entities.find((e) => e.codes.iso3 === 'USA');
  assert.equal(usa?.mentions.length, 2);
  assert.equal(r.entities.find((e) => e.name === 'Soviet Union')?.codes.iso3, 'SUN');
});

test('finds commodities with HS codes and does not read "lead" the verb as the metal', () => {
  const r = analyze('Talks will lead to a deal on cobalt and palladium exports.');
  const names = r.entities.filter((e) => e.type === 'commodity').map((e) => e.name).sort();
  assert.ok(names.includes('cobalt') && names.includes('palladium'), names.join(','));
  assert.ok(!names.includes('lead'), names.join(','));
  const cobalt = r.entities.find((e) => e.name === 'cobalt');
  assert.match(cobalt!.codes.hs!, /^(2605|8105)/);
});

test('reads an unknown company from its legal-form suffix, suffix included', () => {
  const r = analyze('Shares of Kestrel Lithium Holdings Ltd rose after the loan was approved.');
  const e = r.entities.find((x) => x.mentions.some((m) => m.text.startsWith('Kestrel Lithium')));
  assert.equal(e?.type, 'organization');
  assert.equal(e?.mentions[0]!.text, 'Kestrel Lithium Holdings Ltd');
  const known = analyze('Arafura Rare Earths Ltd said the loan was approved.').entities.find((x) => x.type === 'organization');
  assert.equal(known?.mentions[0]!.text, 'Arafura Rare Earths Ltd');
});

test('resolves "the Eastern European nation" to the country named before', () => {
  const r = analyze('Poland signed a gas deal with Norway. Gas will flow to the Central European nation from October.');
  const pol = r.entities.find((e) => e.codes.iso3 === 'POL');
  assert.ok(pol?.mentions.some((m) => m.text === 'the Central European nation'), JSON.stringify(pol?.mentions));
});

test('merges "President Trump" into "Donald J. Trump" and reads no names inside the title of an investigation', () => {
  const text = 'President Donald J. Trump met Xi Jinping. The United States will suspend the Section 301 investigation on China’s Targeting the Maritime, Logistics, and Shipbuilding Sectors for Dominance, President Trump said.';
  const r = analyze(text);
  const people = r.entities.filter((e) => e.type === 'person').map((e) => e.name);
  assert.deepEqual(people.sort(), ['Donald J. Trump', 'Xi Jinping']);
  assert.ok(!r.entities.some((e) => /Logistics|Shipbuilding/.test(e.name)), r.entities.map((e) => e.name).join(', '));
});

test('does not read "Executive Order" or "the Biden-Harris Administration" as people', () => {
  const r = analyze('President Biden signed Executive Order 14017 on supply chains. The Biden-Harris Administration will invest in lithium refining, Energy Secretary Jennifer Granholm said.');
  const people = r.entities.filter((e) => e.type === 'person').map((e) => e.name);
  assert.ok(!people.some((n) => /Order|Administration/.test(n)), people.join(', '));
  assert.ok(people.includes('Jennifer Granholm'), people.join(', '));
  assert.ok(!r.entities.some((e) => e.type === 'organization' && /Order/.test(e.name)));
});
