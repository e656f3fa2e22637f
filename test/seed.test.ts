// The founding example against its hand-made reading (test/fixtures/seed-article.gold.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisJson } from '../src/index.js';
import { fixture } from './fixtures.js';

const text = fixture('seed-article.txt');
const gold = JSON.parse(fixture('seed-article.gold.json')) as {
  published: string;
  promotional_lines: number[];
  entities: Record<string, { name: string; aliases?: string[]; metonym_of?: string }[] | string[]>;
  quotes: { line: number; starts: string; ends: string; speaker: string }[];
  events: { lines: number[]; kind: string; actor: string; target: string; commodities?: string[] }[];
};
const result: AnalysisJson = analyze(text, { published: gold.published });
const lines = text.split('\n');
const lineSpan = (n: number) => {
  const start = lines.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
  return { start, end: start + lines[n - 1]!.length };
};
const norm = (s: string) => s.toLowerCase().replace(/\([^)]*\)/g, '').replace(/^(the|a|an)\s+/, '').replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const byId = new Map(result.entities.map((e) => [e.id, e]));
const ISO: Record<string, string> = { Russia: 'RUS', 'United States': 'USA', Ukraine: 'UKR' };
const goldEntities = Object.entries(gold.entities).flatMap(([type, list]) =>
  Array.isArray(list) ? (list as { name?: string; aliases?: string[]; metonym_of?: string }[]).filter((g) => typeof g === 'object' && g.name).map((g) => ({ type, ...g, name: g.name! })) : []);
const goldNames = (name: string) => {
  const g = goldEntities.find((x) => x.name === name);
  return new Set([name, ...(g?.aliases ?? [])].map(norm));
};
/** Does predicted entity `id` stand for the gold entity `name` (a person also stands for their country when the gold actor is a country)? */
const isEntity = (id: string, name: string): boolean => {
  const e = byId.get(id);
  if (!e) return false;
  if (goldNames(name).has(norm(e.name))) return true;
  if (ISO[name] && e.codes.iso3 === ISO[name]) return true;
  return false;
};

test('finds all four direct quotes with the right speakers', () => {
  for (const gq of gold.quotes) {
    const ls = lineSpan(gq.line);
    const gs = ls.start + text.slice(ls.start, ls.end).indexOf(gq.starts);
    const ge = ls.start + text.slice(ls.start, ls.end).indexOf(gq.ends) + gq.ends.length;
    const q = result.quotes.find((x) => x.kind === 'direct' && Math.min(x.end, ge) - Math.max(x.start, gs) >= (Math.min(x.end - x.start, ge - gs)) / 2);
    assert.ok(q, `quote on line ${gq.line} not found`);
    assert.equal(q.speakerName, gq.speaker, `speaker of the quote on line ${gq.line}`);
  }
});

test('does not read the scare-quoted "mineral agreement" as a quote', () => {
  const at = text.indexOf('mineral agreement');
  assert.ok(!result.quotes.some((q) => q.kind === 'direct' && q.start < at + 17 && at < q.end));
});

test('marks the promotional tail as removed and reads no entity from it', () => {
  const rem = result.removed.filter((r) => r.reason === 'promotional');
  for (const n of gold.promotional_lines) {
    const { start, end } = lineSpan(n);
    for (let i = start; i < end; i++) {
      if (/\s/.test(text[i]!)) continue;
      assert.ok(rem.some((r) => r.start <= i && i < r.end), `line ${n} char ${i - start} not marked promotional`);
    }
  }
  for (const e of result.entities) {
    for (const m of e.mentions) assert.ok(!/binance|key difference wire/i.test(m.text), `entity from spam: ${e.name}`);
  }
});

test('finds every gold entity with its type, canonical name and codes', () => {
  for (const g of goldEntities) {
    const want = g.type;
    const found = result.entities.find((e) => e.type === want && (norm(e.name) === norm(g.name) || e.mentions.some((m) => norm(m.text) === norm(g.name))))
      ?? (g.metonym_of ? result.entities.find((e) => e.name === g.metonym_of && e.mentions.some((m) => norm(m.text) === norm(g.name))) : undefined);
    assert.ok(found, `${g.type} ${g.name} not found`);
    if (ISO[g.name]) assert.equal(found.codes.iso3, ISO[g.name]);
  }
  const hs = (name: string) => result.entities.find((e) => e.type === 'commodity' && e.name === name)?.codes.hs;
  assert.equal(hs('rare earth elements'), '2805.30');
  assert.equal(hs('uranium'), '2612.10');
  assert.equal(hs('liquefied natural gas'), '2711.11');
  assert.equal(hs('steel'), '72');
  const manturov = result.entities.find((e) => e.name === 'Denis Manturov')!;
  assert.equal(manturov.attributes.title, 'Deputy Prime Minister');
  assert.equal(byId.get(String(manturov.attributes.country))?.codes.iso3, 'RUS');
});

test('resolves speakers through descriptions: the Russian Deputy Prime Minister, the Kremlin leader, the US president', () => {
  const mentionsOf = (name: string) => result.entities.find((e) => e.name === name)!.mentions.map((m) => m.text);
  assert.ok(mentionsOf('Denis Manturov').includes('the Russian Deputy Prime Minister'));
  assert.ok(mentionsOf('Vladimir Putin').includes('the Kremlin leader'));
  assert.ok(mentionsOf('Donald Trump').includes('the US president'));
});

test('matches at least ten of the twelve gold events with source, target and commodities', () => {
  const missing: string[] = [];
  let matched = 0;
  for (const ge of gold.events) {
    const spans = ge.lines.map(lineSpan);
    const sym = ge.kind === 'meet' || ge.kind === 'cooperate';
    const ok = result.events.some((e) => {
      if (!spans.some((l) => e.evidence.start < l.end && l.start < e.evidence.end)) return false;
      const inSrc = (n: string) => e.source.some((id) => isEntity(id, n));
      const inTgt = (n: string) => (goldEntities.some((g) => g.name === n) ? e.target.some((id) => isEntity(id, n)) : e.target.every((id) => norm(byId.get(id)!.name).includes(norm(n))));
      const roles = sym ? (inSrc(ge.actor) && inTgt(ge.target)) || (inSrc(ge.target) && inTgt(ge.actor)) : inSrc(ge.actor) && inTgt(ge.target);
      if (!roles) return false;
      return (ge.commodities ?? []).every((c) => e.commodities.some((id) => {
        const ent = byId.get(id)!;
        return c === 'energy' ? (ent.codes.hs ?? '').startsWith('27') : goldNames(c).has(norm(ent.name));
      }));
    });
    if (ok) matched++;
    else missing.push(`${ge.kind} ${ge.actor}->${ge.target} (line ${ge.lines.join(',')})`);
  }
  assert.ok(matched >= 10, `matched ${matched}/12; missing: ${missing.join('; ')}`);
});

test('resolves relative dates against the publication date', () => {
  const val = (phrase: string) => result.dates.find((d) => d.text.toLowerCase().includes(phrase.toLowerCase()))?.value;
  assert.deepEqual(val('February'), { start: '2025-02-01', end: '2025-02-28' });
  const spring = val('spring')!;
  assert.ok(spring.start >= '2025-03-01' && spring.end <= '2025-06-30', JSON.stringify(spring));
  assert.deepEqual(val('2022'), { start: '2022-01-01', end: '2022-12-31' });
  const lastWeek = val('last week')!;
  assert.ok(lastWeek.start >= '2025-08-10' && lastWeek.end <= '2025-08-19', JSON.stringify(lastWeek));
});

test('summarises the article as rare earths and Russia/US first', () => {
  const first = byId.get(result.summary.commodities[0]!)!;
  assert.equal(first.name, 'rare earth elements');
  const countries = result.summary.countries.slice(0, 2).map((id) => byId.get(id)!.codes.iso3).sort();
  assert.deepEqual(countries, ['RUS', 'USA']);
});

test('keeps the text exactly as given and every mention points at its words', () => {
  assert.equal(result.text, text);
  for (const e of result.entities) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  for (const q of result.quotes) assert.equal(text.slice(q.start, q.end), q.text);
});
