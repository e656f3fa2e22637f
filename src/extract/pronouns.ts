// Personal pronouns resolved once, for every stage that reads them: "he" and "she" become mentions (form
// "pronoun") of the person they stand for, so quote speakers, event actors and the output's mentions agree.
// The rule is subject preference (the centering idea): the subject of the pronoun's own sentence or of the
// sentence before, else the most recent person, of a gender that does not rule the pronoun out ("Rubio said
// ... whom he called a 'con artist'" -> Rubio, not Trump).
import { firstStartingAt, type Entity, type LodestoneDocument, type Token } from '../document.js';
import { allMentions, type EntityRegistry, type MentionRef } from './registry.js';

export const PRONOUN_RULES = {
  /** Pronouns resolved, with the gender that rules a person out. */
  excludes: new Map([['he', 'f'], ['she', 'm']]) as ReadonlyMap<string, string>,
} as const;

/** Resolves every "he"/"she" of the document that names a person before it, adding a pronoun mention. */
export function resolvePronouns(doc: LodestoneDocument, reg: EntityRegistry): void {
  const { tokens } = doc;
  const people = allMentions(doc).filter((m) => m.entity.type === 'person' && m.form !== 'pronoun');
  const candidates = new Map<string, MentionRef[]>();
  for (const [pronoun, excluded] of PRONOUN_RULES.excludes) candidates.set(pronoun, people.filter((m) => m.entity.attributes.gender !== excluded));
  /** A mention that is the subject of its clause: a verb or a comma after it, no preposition before it. */
  const isSubject = (m: MentionRef): boolean => {
    const first = firstStartingAt(tokens, m.start);
    const after = tokens[firstStartingAt(tokens, m.end)];
    const before = tokens[first - 1];
    const sentStartTok = doc.sentences[tokens[first]?.sentence ?? 0]?.tokenStart ?? 0;
    return (after !== undefined && (after.pos === 'VERB' || after.pos === 'AUX' || after.value === ',')) && (before === undefined || first === sentStartTok || before.pos !== 'ADP');
  };
  const resolve = (t: Token): Entity | null => {
    const list = candidates.get(t.lower);
    if (!list) return null;
    let recent: MentionRef | null = null;
    // walk back from the pronoun: the most recent candidate, and a subject in its sentence or the one before
    for (let i = firstStartingAt(list, t.start) - 1; i >= 0; i--) {
      const m = list[i]!;
      if (m.end > t.start) continue;
      recent ??= m;
      const ms = tokens[firstStartingAt(tokens, m.start)]?.sentence ?? -1;
      if (ms < t.sentence - 1) break;
      if (isSubject(m)) return m.entity;
    }
    return recent?.entity ?? null;
  };
  for (const t of tokens) {
    if (!PRONOUN_RULES.excludes.has(t.lower) || doc.sentences[t.sentence]?.removed) continue;
    const e = resolve(t);
    if (e) reg.addMention(e, t, 'pronoun', true);
  }
}
