// The article's main commodities and countries, most important first.
import type { Entity, LodestoneDocument } from '../document.js';

export const SUMMARY_RULES = {
  /** A mention in the first sentences (the lede) says more about the topic than one further down. */
  ledeSentences: 2,
  ledeWeight: 3,
  /** Taking part in an event counts like this many mentions. */
  eventWeight: 1.5,
  /** A country that is only a demonym modifier ("Russian President") counts for less. */
  demonymWeight: 0.5,
  /** A named place, organization or person counts this much toward its country ("Houston" for the US). */
  affiliationWeight: 0.5,
  /** The place of a dateline ("NEW YORK, March 3 -", "MOSCOW (Reuters) -") says where the story is. */
  datelineWeight: 2,
  /** Entities scoring below this share of the top score are not listed (a passing mention is no topic). */
  minShareOfTop: 0.3,
  maxItems: 8,
  /** A commodity needs at least this score (named twice, or once in the lede) to be a topic, not a passing word. */
  minCommodityScore: 2,
};

/** A dateline: up to five words before a date or "(Reuters)" and a dash at the very start ("NEW YORK, March 3 - "). */
const DATELINE = /^\s*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2})?\s*(?:\([A-Za-z ]+\))?\s*[-\u2013\u2014]/;

export function summarize(doc: LodestoneDocument): void {
  const ledeEnd = doc.sentences.filter((s) => !s.removed)[SUMMARY_RULES.ledeSentences - 1]?.end ?? doc.text.length;
  const score = new Map<Entity, number>();
  for (const e of doc.entities) {
    if (e.type !== 'commodity' && e.type !== 'country') continue;
    if (e.mentions.length === 0 && e.type === 'commodity') continue;
    let s = 0;
    for (const m of e.mentions) {
      const w = m.form === 'demonym' ? SUMMARY_RULES.demonymWeight : 1;
      s += m.start < ledeEnd ? w * SUMMARY_RULES.ledeWeight : w;
    }
    score.set(e, s);
  }
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const dateline = DATELINE.exec(doc.text.slice(0, 120));
  for (const e of doc.entities) {
    const cid = e.attributes.country;
    const country = typeof cid === 'string' ? byId.get(cid) : undefined;
    if (!country || !score.has(country) || e.type === 'country') continue;
    let add = 0;
    for (const m of e.mentions) {
      if (m.form === 'pronoun' || m.form === 'title') continue;
      add += dateline && m.start < dateline[0].length ? SUMMARY_RULES.datelineWeight : SUMMARY_RULES.affiliationWeight;
    }
    score.set(country, score.get(country)! + add);
  }
  for (const ev of doc.events) {
    for (const id of [...ev.source, ...ev.target, ...ev.commodities]) {
      const e = doc.entities.find((x) => x.id === id);
      if (e && score.has(e)) score.set(e, score.get(e)! + SUMMARY_RULES.eventWeight);
    }
  }
  const ranked = (type: string) => {
    const list = [...score.entries()].filter(([e]) => e.type === type).sort((a, b) => b[1] - a[1] || (a[0].mentions[0]?.start ?? 1e9) - (b[0].mentions[0]?.start ?? 1e9));
    const top = list[0]?.[1] ?? 0;
    const floor = type === 'commodity' ? SUMMARY_RULES.minCommodityScore : 0;
    return list.filter(([, s]) => s >= top * SUMMARY_RULES.minShareOfTop && s >= floor).slice(0, SUMMARY_RULES.maxItems).map(([e]) => e.id);
  };
  doc.summary = { commodities: ranked('commodity'), countries: ranked('country') };
}
