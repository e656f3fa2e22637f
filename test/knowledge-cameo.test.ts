import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cameoInfo,
  cameoTable,
  findTriggers,
  loadEventTriggers,
  mirrorCameo,
  normalizePlover,
  ploverFor,
  type TriggerMatch,
} from '../src/knowledge/cameo.js';
import { tokenize } from '../src/nlp/tokenize.js';

/** The PLOVER 2021 categories (manual draft 0.8). */
const PLOVER_2021 = new Set([
  'AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'ACCUSE', 'REQUEST', 'REJECT',
  'THREATEN', 'PROTEST', 'MOBILIZE', 'SANCTION', 'COERCE', 'ASSAULT',
]);

/** Trigger matches in every sentence of `text`, as "words=CAMEO/PLOVER". */
function triggersIn(text: string): { found: string[]; matches: TriggerMatch[] } {
  const { tokens, sentences } = tokenize(text);
  const matches: TriggerMatch[] = [];
  for (const s of sentences) matches.push(...findTriggers(tokens, s.tokenStart, s.tokenEnd));
  const found = matches.map((m) => {
    const words = tokens.slice(m.start, m.end).map((t) => t.value).join(' ');
    return `${words}=${m.trigger.cameo}/${ploverFor(m.trigger.cameo)}`;
  });
  return { found, matches };
}

function ploversIn(text: string): string[] {
  return triggersIn(text).matches.map((m) => ploverFor(m.trigger.cameo));
}

test('parses every line of the CAMEO to PLOVER table into a 2021 PLOVER category', () => {
  const table = cameoTable();
  assert.ok(table.size > 250, `only ${table.size} codes parsed`);
  for (const [code, info] of table) {
    assert.match(code, /^\d{2,4}$/);
    assert.ok(PLOVER_2021.has(info.plover), `${code} -> ${info.plover}`);
  }
  // every category of the set appears in the table
  assert.deepEqual(new Set([...table.values()].map((i) => i.plover)), PLOVER_2021);
  assert.equal(table.get('163')!.plover, 'COERCE'); // impose embargo, boycott or sanctions
  assert.equal(table.get('057')!.plover, 'SUPPORT'); // sign formal agreement
  assert.deepEqual(table.get('0871'), { cameo: '0871', plover: 'RETREAT', mode: 'ceasefire', context: 'military', description: 'Declare truce, ceasefire' });
  assert.equal(table.get('0311')!.context, 'economic');
});

test('falls back to the nearest parent code and keeps the code asked for', () => {
  const info = cameoInfo('0315')!;
  assert.equal(info.cameo, '0315');
  assert.equal(info.plover, 'AGREE');
  assert.equal(info.description, 'Agree to engage in material cooperation'); // from 031
  assert.equal(cameoInfo('1955')!.plover, 'ASSAULT'); // 195 -> employ aerial weapons
  assert.equal(cameoInfo('0311')!.description, 'Express intent to cooperate economically');
  // CAMEO 01 and 02 (statements, appeals) are not PLOVER events
  assert.equal(cameoInfo('020'), undefined);
  assert.equal(ploverFor('010'), '');
});

test('maps the 2016 PLOVER names of the gold records onto the 2021 categories', () => {
  assert.equal(normalizePlover('DEMAND'), 'REQUEST');
  assert.equal(normalizePlover('DISAPPROVE'), 'ACCUSE');
  assert.equal(normalizePlover('INVESTIGATE'), 'ACCUSE');
  assert.equal(normalizePlover('FIGHT'), 'ASSAULT');
  assert.equal(normalizePlover('agree'), 'AGREE');
});

test('codes intended, demanded and refused acts through the mirrored CAMEO blocks', () => {
  assert.equal(mirrorCameo('042', 'intend'), '036'); // "will visit Albania in June"
  assert.equal(ploverFor(mirrorCameo('042', 'intend')!), 'AGREE');
  assert.equal(mirrorCameo('0862', 'intend'), '0355'); // "would allow the return of U.N. inspectors"
  assert.equal(mirrorCameo('1724', 'intend'), '1324'); // "prepared to impose martial law"
  assert.equal(ploverFor(mirrorCameo('172', 'intend')!), 'THREATEN'); // "plans to impose restrictions"
  assert.equal(mirrorCameo('087', 'demand'), '1056'); // "demanded the withdrawal of Serbian forces"
  assert.equal(mirrorCameo('081', 'reject'), '1241'); // "refusing to lift the curfew"
  assert.equal(ploverFor(mirrorCameo('046', 'reject')!), 'REJECT');
  assert.equal(mirrorCameo('190', 'demand'), undefined);
});

test('every trigger codes to a CAMEO code with a PLOVER category', () => {
  const triggers = loadEventTriggers();
  assert.ok(triggers.length > 500, `${triggers.length} triggers`);
  for (const t of triggers) {
    assert.ok(t.lemmas.length > 0 && t.lemmas.every((l) => l === l.toLowerCase() && !l.startsWith('$')), t.lemmas.join(' '));
    assert.ok(PLOVER_2021.has(ploverFor(t.cameo)), `${t.lemmas.join(' ')} -> ${t.cameo}`);
    if (t.economicCameo) assert.ok(PLOVER_2021.has(ploverFor(t.economicCameo)), `${t.lemmas.join(' ')} -> ${t.economicCameo}`);
    assert.ok(t.pos.length > 0);
  }
  // the loader gives verbs the passive default and expands lemma sets
  const invade = triggers.find((t) => t.lemmas.join(' ') === 'invade')!;
  assert.equal(invade.passive, 'swap');
  assert.equal(triggers.find((t) => t.lemmas.join(' ') === 'support')!.passive, 'none');
  assert.equal(triggers.find((t) => t.lemmas.join(' ') === 'release hostage')!.cameo, '0841');
  assert.equal(triggers.find((t) => t.lemmas.join(' ') === 'willing')!.intent, true);
});

test('no lemma sequence is listed twice with different codes for the same part of speech', () => {
  const seen = new Map<string, string>();
  for (const t of loadEventTriggers()) {
    for (const pos of t.pos) {
      const key = `${t.lemmas.join(' ')}/${pos}`;
      const code = `${t.cameo}/${t.economicCameo ?? ''}`;
      const before = seen.get(key);
      assert.ok(before === undefined || before === code, `${key}: ${before} vs ${code}`);
      seen.set(key, code);
    }
  }
});

test('finds offers, meetings, sanctions and invasions in news sentences', () => {
  const offer = triggersIn('Russia offered the United States access to its rare earth deposits.').matches;
  assert.equal(offer.length, 1);
  assert.equal(ploverFor(offer[0]!.trigger.cameo), 'AGREE');
  assert.equal(offer[0]!.trigger.economicCameo, '0311');
  assert.equal(offer[0]!.trigger.intent, true);

  const met = triggersIn('The two leaders met in Anchorage on Friday.').matches;
  assert.deepEqual(met.map((m) => ploverFor(m.trigger.cameo)), ['CONSULT']);
  assert.equal(met[0]!.trigger.symmetric, true);

  // one trigger spans "imposed sanctions"; 163 is COERCE in the 2021 table
  assert.deepEqual(triggersIn("Washington imposed sanctions on Moscow's oil exports.").found, ['imposed sanctions=163/COERCE']);
  assert.deepEqual(triggersIn('Washington imposed tough new sanctions on Moscow.').found, ['imposed tough new sanctions=163/COERCE']);
  assert.deepEqual(ploversIn('Russian troops invaded Ukraine in 2022.'), ['ASSAULT']);
  assert.deepEqual(ploversIn('Beijing imposed export controls on gallium and germanium.'), ['COERCE']);
});

test('reads the longer phrase before its parts: lifting sanctions is a retreat, cutting ties a sanction', () => {
  assert.deepEqual(triggersIn('The European Union agreed to lift sanctions on the central bank.').found, ['agreed=030/AGREE', 'lift sanctions=085/RETREAT']);
  assert.deepEqual(ploversIn('Pakistan threatened to break off diplomatic relations with Congo.'), ['THREATEN', 'SANCTION']);
  assert.deepEqual(ploversIn('Japan said it had halted economic aid to Serbia.'), ['SANCTION']);
  assert.deepEqual(ploversIn('Iran released two detained French nationals on Friday.'), ['RETREAT']);
  assert.deepEqual(ploversIn('Gazprom signed a long-term supply contract with CNPC.'), ['SUPPORT']);
  assert.deepEqual(ploversIn('Palestinian officials called for talks with Israel.'), ['REQUEST']);
});

test('tells a labour strike from a military one and an earthquake from an attack', () => {
  assert.deepEqual(ploversIn('Workers at the Escondida mine went on strike on Monday.'), ['PROTEST']);
  assert.deepEqual(ploversIn('Israeli jets struck targets near Damascus overnight.'), ['ASSAULT']);
  assert.deepEqual(ploversIn('A drone strike hit a fuel depot in Sevastopol.'), ['ASSAULT']);
  assert.deepEqual(ploversIn('A magnitude 6.8 earthquake struck central Morocco.'), []);
  assert.deepEqual(ploversIn('Up to 1,000 ethnic Turks began a hunger strike on Monday.'), ['PROTEST']);
});

test('stays quiet on commodity-market wording', () => {
  // price support, market demand, supplies, the month of March, a data release, "declined to comment"
  assert.deepEqual(triggersIn('Copper found support near $9,000 as Chinese demand recovered and supplies tightened.').found, []);
  assert.deepEqual(triggersIn('Coffee for March shipment was offered at 1,750 dlrs, dealers said.').found, []);
  assert.deepEqual(triggersIn('Futures slipped after the release of inventory data.').found, []);
  assert.deepEqual(triggersIn('The company declined to comment on the report.').found, []);
  assert.deepEqual(triggersIn('Output will meet demand this year, and prices declined to 5 dlrs.').found, []);
  assert.deepEqual(triggersIn('The proposed merger was announced by the Organisation for Economic Cooperation.').found, []);
});

test('reads a capitalised noun that opens a sentence as the common noun', () => {
  assert.deepEqual(ploversIn('Talks between the two delegations resumed in Geneva.'), ['CONSULT']);
  assert.deepEqual(ploversIn('Protesters blocked roads in the capital.'), ['PROTEST', 'PROTEST']);
  // a verb trigger is not read into a capitalised noun: "Imports of palm oil rose"
  assert.deepEqual(ploversIn('Imports of palm oil rose 12 pct in May.'), []);
});

test('the conversion table compiler reads codes, categories, modes, contexts and descriptions; the first line of a code wins', async () => {
  const { parseCameoTable } = await import('../eval/build-cameo-table.js');
  const text = '# CAMEO to PLOVER conversion table\n\n03: AGREE\n0311: AGREE,  ,   economic # Express intent to cooperate economically\n08: CONCEDE\n08: RETREAT\n17: COERCE, seize , # Coerce\n';
  assert.deepEqual(parseCameoTable(text), [
    ['03', 'AGREE', '', '', ''],
    ['0311', 'AGREE', '', 'economic', 'Express intent to cooperate economically'],
    ['08', 'CONCEDE', '', '', ''],
    ['17', 'COERCE', 'seize', '', 'Coerce'],
  ]);
});
