import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countryAt, countryByIso3, findCountry, isAmbiguousName, loadCountries, nameKey, type CountryEntry,
} from '../src/knowledge/countries.js';
import { findPlace, isAmbiguousPlaceName, loadPlaces } from '../src/knowledge/places.js';
import { findOrganization, isAmbiguousOrganizationName, loadOrganizations } from '../src/knowledge/organizations.js';
import { findTitle, loadPersonDescriptors, loadTitles } from '../src/knowledge/titles.js';

/** What a phrase reads as, for the sentence-level tests below. */
type Reading = { surface: string; what: string };

/**
 * A greedy longest-match reading of a sentence against the four gazetteers, over word tokens
 * (a stand-in for the entity stage's matcher, enough to show the data covers real sentences).
 */
function readSentence(sentence: string): Reading[] {
  const tokens = sentence.match(/[\p{L}\p{N}][\p{L}\p{N}.'’&+-]*[\p{L}\p{N}.+]|[\p{L}\p{N}]/gu) ?? [];
  const out: Reading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let best: { end: number; reading: Reading } | null = null;
    for (let j = i; j < Math.min(tokens.length, i + 7); j++) {
      const surface = tokens.slice(i, j + 1).join(' ');
      // the article is not part of the name: "the Kremlin", "the Telegraph"
      if (surface.startsWith('the ')) break;
      const candidates = [surface, surface.replace(/\.$/, '')];
      for (const s of candidates) {
        const c = findCountry(s);
        const o = findOrganization(s);
        const p = findPlace(s);
        const t = findTitle(s);
        const what = c ? `${c.form}:${c.entry.iso3}` : o ? `org:${o.kind}:${o.name}` : p ? `place:${p.kind}:${p.country}` : t ? `title:${t.title}` : null;
        if (what) { best = { end: j, reading: { surface: s, what } }; break; }
      }
    }
    if (best) {
      out.push(best.reading);
      i = best.end;
    }
  }
  return out;
}

function iso3Of(surface: string): string | undefined {
  return findCountry(surface)?.entry.iso3;
}

test('reads "U.S.", "US", "USA", "America" and "the United States" as the United States', () => {
  for (const s of ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'the United States', 'United States of America']) {
    assert.equal(iso3Of(s), 'USA', s);
  }
  assert.equal(countryByIso3('USA')?.name, 'United States');
});

test('uses the names news uses as canonical names, not the official or ISO ones', () => {
  assert.equal(countryByIso3('RUS')?.name, 'Russia');
  assert.equal(countryByIso3('CZE')?.name, 'Czech Republic');
  assert.equal(countryByIso3('TUR')?.name, 'Turkey');
  assert.equal(iso3Of('Russian Federation'), 'RUS');
  assert.equal(iso3Of('Czechia'), 'CZE');
  assert.equal(iso3Of('Türkiye'), 'TUR');
  assert.equal(iso3Of('Turkiye'), 'TUR');
  assert.equal(iso3Of('Britain'), 'GBR');
  assert.equal(iso3Of('U.K.'), 'GBR');
  assert.equal(iso3Of('Holland'), 'NLD');
  assert.equal(iso3Of('Burma'), 'MMR');
  assert.equal(iso3Of('DRC'), 'COD');
  assert.equal(iso3Of('S.Korea'), 'KOR');
  assert.equal(iso3Of('DPRK'), 'PRK');
});

test('maps the Soviet Union, East Germany, Czechoslovakia, Yugoslavia and Zaire to their ISO 3166-3 codes', () => {
  assert.equal(iso3Of('Soviet Union'), 'SUN');
  assert.equal(iso3Of('USSR'), 'SUN');
  assert.equal(iso3Of('Soviets'), 'SUN');
  assert.equal(iso3Of('East Germany'), 'DDR');
  assert.equal(iso3Of('GDR'), 'DDR');
  assert.equal(iso3Of('Czechoslovakia'), 'CSK');
  assert.equal(iso3Of('Yugoslav'), 'YUG');
  assert.equal(iso3Of('Zaire'), 'ZAR');
  // West Germany continues as the Federal Republic: DEU is accepted by the contract
  assert.equal(iso3Of('West Germany'), 'DEU');
  assert.equal(iso3Of('West German'), 'DEU');
  assert.equal(countryByIso3('SUN')?.historical, true);
});

test('reads Moscow and the Kremlin as the Soviet Union in a 1987 story and as Russia in 2025', () => {
  const moscow = findCountry('Moscow');
  assert.equal(moscow?.form, 'capital');
  assert.equal(moscow?.entry.iso3, 'RUS');
  assert.equal(countryAt('RUS', '1987-03-02')?.iso3, 'SUN');
  assert.equal(countryAt('RUS', '2025-08-20')?.iso3, 'RUS');
  assert.equal(countryAt('RUS', null)?.iso3, 'RUS');
  assert.equal(countryAt('SRB', '1995-06-01')?.iso3, 'YUG');
  assert.equal(countryAt('SRB', '2004-06-01')?.iso3, 'SCG');
  assert.equal(countryAt('COD', '1996-01-01')?.iso3, 'ZAR');
  // Bonn was West Germany's seat of government: it stays with DEU, East Germany was absorbed
  assert.equal(countryAt('DEU', '1987-03-02')?.iso3, 'DEU');
  assert.equal(countryByIso3('DDR')?.successor, 'DEU');
});

test('knows capitals and seats of government as metonyms for the state', () => {
  assert.deepEqual(findCountry('Kremlin'), { entry: countryByIso3('RUS'), form: 'seat' });
  assert.equal(findCountry('the Kremlin')?.entry.iso3, 'RUS');
  assert.deepEqual(findCountry('White House'), { entry: countryByIso3('USA'), form: 'seat' });
  assert.equal(findCountry('Downing Street')?.entry.iso3, 'GBR');
  assert.equal(findCountry('Zhongnanhai')?.entry.iso3, 'CHN');
  assert.equal(findCountry('Élysée')?.entry.iso3, 'FRA');
  assert.equal(findCountry('Elysee')?.entry.iso3, 'FRA');
  for (const s of ['Kyiv', 'Kiev']) assert.deepEqual(findCountry(s), { entry: countryByIso3('UKR'), form: 'capital' }, s);
  assert.equal(findCountry('Washington')?.entry.iso3, 'USA');
  assert.equal(findCountry('Beijing')?.form, 'capital');
  assert.equal(findCountry('Peking')?.entry.iso3, 'CHN');
  assert.equal(findCountry('Bogota')?.entry.iso3, 'COL');
  assert.equal(findCountry('Bonn')?.entry.iso3, 'DEU');
});

test('maps demonyms, singular and plural, to their country', () => {
  const expect: Record<string, string> = {
    Russian: 'RUS', Russians: 'RUS', Ukrainian: 'UKR', Chinese: 'CHN', Saudi: 'SAU', Saudis: 'SAU', American: 'USA',
    British: 'GBR', Emirati: 'ARE', Iranian: 'IRN', Filipino: 'PHL', Dutch: 'NLD', Swiss: 'CHE', Turkish: 'TUR',
    Kazakh: 'KAZ', Congolese: 'COD', Soviet: 'SUN', Czechs: 'CZE', Afghans: 'AFG', Thai: 'THA',
  };
  for (const [demonym, iso3] of Object.entries(expect)) {
    const hit = findCountry(demonym);
    assert.equal(hit?.form, 'demonym', demonym);
    assert.equal(hit?.entry.iso3, iso3, demonym);
  }
  // no made-up plurals for demonyms that take none
  assert.equal(findCountry('Chineses'), undefined);
  assert.equal(findCountry('Swisss'), undefined);
});

test('drops two-letter codes that read as English words and keeps only US and UK', () => {
  const all = loadCountries().flatMap((c) => [c.name, ...c.aliases, ...c.demonyms, ...c.capitals, ...c.seats]);
  for (const word of ['IN', 'IT', 'TO', 'AS', 'BE', 'ME', 'NO', 'AM', 'IS', 'OR', 'GO', 'US', 'UK']) {
    const present = all.includes(word);
    assert.equal(present, word === 'US' || word === 'UK', word);
  }
  const twoLetter = all.filter((n) => /^[A-Z]{2}$/.test(n));
  assert.deepEqual([...new Set(twoLetter)].sort(), ['UK', 'US']);
  // world-countries lists "Island" for Iceland and "Mann" for the Isle of Man: plain words
  assert.equal(findCountry('Island'), undefined);
  assert.equal(findCountry('Mann'), undefined);
});

test('matches lower-case words never, and all-capitals headlines only for real names', () => {
  assert.equal(findCountry('china'), undefined);
  assert.equal(findCountry('turkey'), undefined);
  assert.equal(findCountry('us'), undefined);
  assert.equal(iso3Of('CHINA'), 'CHN');
  assert.equal(iso3Of('SOVIET UNION'), 'SUN');
  assert.equal(iso3Of('WEST GERMAN'), 'DEU');
});

test('flags names that are ambiguous in English text', () => {
  for (const s of ['Georgia', 'Jordan', 'Chad', 'Turkey', 'Congo', 'Niger', 'Korea', 'Washington']) assert.equal(isAmbiguousName(s), true, s);
  for (const s of ['Russia', 'Ukraine', 'Kazakhstan', 'U.S.']) assert.equal(isAmbiguousName(s), false, s);
  assert.equal(isAmbiguousPlaceName('Georgia'), true);
  assert.equal(isAmbiguousPlaceName('Anchorage'), false);
  assert.equal(isAmbiguousOrganizationName('Total'), true);
  assert.equal(isAmbiguousOrganizationName('Reuters'), false);
});

test('knows Alaska as a US state and Anchorage as a US city', () => {
  assert.deepEqual(findPlace('Alaska'), { name: 'Alaska', kind: 'state', country: 'USA', aliases: [] });
  const anchorage = findPlace('Anchorage');
  assert.equal(anchorage?.kind, 'city');
  assert.equal(anchorage?.country, 'USA');
  assert.equal(findPlace('Calif.')?.name, 'California');
  assert.equal(findPlace('Texas')?.kind, 'state');
});

test('reads Soviet-era and Russian spellings of Ukrainian places as today\'s places', () => {
  assert.equal(findPlace('Odessa')?.name, 'Odesa');
  assert.equal(findPlace('Odessa')?.country, 'UKR');
  assert.equal(findPlace('Kharkov')?.name, 'Kharkiv');
  assert.equal(findPlace('Donbass')?.name, 'Donbas');
  assert.equal(findPlace('Crimea')?.country, 'UKR');
  assert.equal(findPlace('Leningrad')?.name, 'St. Petersburg');
  assert.equal(findPlace('Bombay')?.name, 'Mumbai');
});

test('knows the shipping chokepoints, seas, regions and mining hubs of commodity news', () => {
  assert.equal(findPlace('Strait of Hormuz')?.kind, 'sea');
  assert.equal(findPlace('the Strait of Malacca')?.kind, 'sea');
  assert.equal(findPlace('Suez Canal')?.country, 'EGY');
  assert.equal(findPlace('South China Sea')?.kind, 'sea');
  assert.equal(findPlace('Arctic')?.kind, 'region');
  assert.equal(findPlace('Permian Basin')?.country, 'USA');
  assert.equal(findPlace('Kolwezi')?.country, 'COD');
  assert.equal(findPlace('Baotou')?.country, 'CHN');
  assert.equal(findPlace('Ras Tanura')?.country, 'SAU');
  assert.equal(findPlace('Lithium Triangle')?.kind, 'region');
  assert.equal(findPlace('Africa')?.kind, 'continent');
  // capitals belong to the country gazetteer, not to places
  assert.equal(findPlace('Moscow'), undefined);
});

test('finds news agencies, international bodies and companies with the right kinds', () => {
  assert.equal(findOrganization('Reuters')?.kind, 'news');
  const tass = findOrganization('TASS');
  assert.equal(tass?.kind, 'news');
  assert.equal(tass?.country, 'RUS');
  const telegraph = findOrganization('The Telegraph');
  assert.equal(telegraph?.kind, 'news');
  assert.equal(telegraph?.country, 'GBR');
  assert.equal(telegraph?.aliases.includes('Telegraph'), true);
  assert.equal(findOrganization('the Telegraph'), telegraph);
  assert.deepEqual([findOrganization('OPEC')?.kind, findOrganization('OPEC')?.cameo], ['igo', 'IGOOPC']);
  assert.equal(findOrganization('OPEC+')?.name, 'OPEC+');
  assert.deepEqual([findOrganization('IMF')?.name, findOrganization('IMF')?.cameo], ['International Monetary Fund', 'IGOIMF']);
  assert.deepEqual([findOrganization('EU')?.name, findOrganization('EU')?.kind], ['European Union', 'igo']);
  assert.equal(findOrganization('U.N.')?.cameo, 'IGOUNO');
  assert.equal(findOrganization('Gazprom')?.kind, 'company');
  assert.equal(findOrganization('Norilsk Nickel')?.name, 'Nornickel');
  assert.equal(findOrganization('State Duma')?.kind, 'legislature');
  assert.equal(findOrganization('Pentagon')?.country, 'USA');
  // the Kremlin is a seat of government, not an organisation
  assert.equal(findOrganization('Kremlin'), undefined);
});

test('gives national bodies CAMEO codes built from country and role', () => {
  assert.equal(findOrganization('State Department')?.cameo, 'USAGOV');
  assert.equal(findOrganization('Duma')?.cameo, 'RUSLEG');
  assert.equal(findOrganization('Pentagon')?.cameo, 'USAMIL');
  assert.equal(findOrganization('Xinhua')?.cameo, 'CHNMED');
  assert.equal(findOrganization('Rosneft')?.cameo, 'RUSBUS');
  assert.equal(findOrganization('CIA')?.cameo, 'USASPY');
  const foreignMinistry = findOrganization('Foreign Ministry');
  assert.equal(foreignMinistry?.generic, true);
  assert.equal(foreignMinistry?.country, null);
  assert.equal(foreignMinistry?.cameo, undefined);
});

test('every place and organisation with a country points at a country in the gazetteer', () => {
  const codes = new Set(loadCountries().map((c) => c.iso3));
  for (const p of loadPlaces()) if (p.country !== null) assert.ok(codes.has(p.country), `${p.name}: ${p.country}`);
  for (const o of loadOrganizations()) if (o.country !== null) assert.ok(codes.has(o.country), `${o.name}: ${o.country}`);
  for (const c of loadCountries()) assert.match(c.iso3, /^[A-Z]{3}$/);
});

/** Names (case-folded) that two different entries of one gazetteer share. */
function sharedNames<T>(entries: readonly T[], names: (e: T) => string[]): Map<string, number> {
  const owners = new Map<string, Set<T>>();
  for (const e of entries) {
    for (const n of names(e)) {
      const key = nameKey(n);
      const set = owners.get(key) ?? new Set<T>();
      set.add(e);
      owners.set(key, set);
    }
  }
  return new Map([...owners].filter(([, set]) => set.size > 1).map(([key, set]) => [key, set.size]));
}

test('no name belongs to two entries of one gazetteer unless it is listed as ambiguous', () => {
  const countryNames = (c: CountryEntry) => [c.name, ...c.aliases, ...c.demonyms, ...c.capitals, ...c.seats];
  for (const key of sharedNames(loadCountries(), countryNames).keys()) assert.ok(isAmbiguousName(key), `countries: ${key}`);
  for (const key of sharedNames(loadPlaces(), (p) => [p.name, ...p.aliases]).keys()) assert.ok(isAmbiguousPlaceName(key), `places: ${key}`);
  for (const key of sharedNames(loadOrganizations(), (o) => [o.name, ...o.aliases]).keys()) assert.ok(isAmbiguousOrganizationName(key), `organizations: ${key}`);
  assert.deepEqual([...sharedNames(loadTitles(), (t) => [t.title, ...t.variants]).keys()], []);
});

test('reads titles in any case and their true variants', () => {
  assert.equal(findTitle('Deputy Prime Minister')?.role, 'minister');
  assert.equal(findTitle('the deputy prime minister')?.title, 'Deputy Prime Minister');
  assert.equal(findTitle('Deputy PM')?.title, 'Deputy Prime Minister');
  assert.equal(findTitle('Sen.')?.title, 'Senator');
  assert.equal(findTitle('Lt. Gen.')?.title, 'Lieutenant General');
  assert.equal(findTitle('CEO')?.role, 'executive');
  assert.equal(findTitle('spokeswoman')?.role, 'spokesperson');
  assert.equal(findTitle('Secretary of State')?.role, 'minister');
  assert.equal(findTitle('Fed Chairman')?.title, 'Federal Reserve Chair');
  assert.equal(findTitle('General')?.commonWord, true);
  assert.equal(findTitle('Foreign Minister')?.commonWord, undefined);
  const descriptors = loadPersonDescriptors();
  for (const d of ['leader', 'official', 'counterpart', 'spokesman', 'envoy', 'negotiator']) assert.ok(descriptors.includes(d), d);
});

test('reads a 2025 web-news sentence about rare earths', () => {
  const r = readSentence('Russian Deputy Prime Minister Denis Manturov told TASS that Moscow could supply uranium to the United States, after the Anchorage summit in Alaska.');
  assert.deepEqual(r, [
    { surface: 'Russian', what: 'demonym:RUS' },
    { surface: 'Deputy Prime Minister', what: 'title:Deputy Prime Minister' },
    { surface: 'TASS', what: 'org:news:TASS' },
    { surface: 'Moscow', what: 'capital:RUS' },
    { surface: 'United States', what: 'name:USA' },
    { surface: 'Anchorage', what: 'place:city:USA' },
    { surface: 'Alaska', what: 'place:state:USA' },
  ]);
});

test('reads a 1987 Reuters-style sentence with West German, EC and GATT names', () => {
  const r = readSentence('West German Economics Minister Martin Bangemann told the Bundestag that Bonn would press the EC to cut farm subsidies before GATT talks in Geneva.');
  assert.deepEqual(r, [
    { surface: 'West German', what: 'demonym:DEU' },
    { surface: 'Economics Minister', what: 'title:Economy Minister' },
    { surface: 'Bundestag', what: 'org:legislature:Bundestag' },
    { surface: 'Bonn', what: 'capital:DEU' },
    { surface: 'EC', what: 'org:igo:European Union' },
    { surface: 'GATT', what: 'org:igo:General Agreement on Tariffs and Trade' },
    { surface: 'Geneva', what: 'place:city:CHE' },
  ]);
});

test('reads a commodity-news sentence about tankers, Kyiv and the Kremlin', () => {
  const r = readSentence('Tankers avoided the Strait of Hormuz after Houthi attacks in the Red Sea, while Kiev accused the Kremlin of striking Odessa port.');
  assert.deepEqual(r.map((x) => x.what), [
    'place:sea:null', 'org:other:Houthis', 'place:sea:null', 'capital:UKR', 'seat:RUS', 'place:city:UKR',
  ]);
});
