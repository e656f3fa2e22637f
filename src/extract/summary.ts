// The article's main commodities and countries, most important first.
import type { Entity, LodestoneDocument } from '../document.js';

export const SUMMARY_RULES = {
  /** A mention in the first sentences (the lede) says more about the topic than one further down. */
  ledeSentences: 3,
  ledeWeight: 2,
  /** Taking part in an event counts like this many mentions. */
  eventWeight: 1.5,
  /** A country that is only a demonym modifier ("Russian President") counts for less. */
  demonymWeight: 0.5,
  /** Entities scoring below this share of the top score are not listed (a passing mention is no topic). */
  minShareOfTop: 0.15,
  maxItems: 8,
};

export function summarize(doc: LodestoneDocument): void {
  const ledeEnd = doc.sentences.filter((s) => !s.removed)[SUMMARY_RULES.ledeSentences - 1]?.end ?? doc.text.length;
  const score = new Map<Entity, number>();
  for (const e of doc.entities) {
    if (e.type !== 'commodity' && e.type !== 'country') continue;
    let s = 0;
    for (const m of e.mentions) {
      const w = m.form === 'demonym' ? SUMMARY_RULES.demonymWeight : 1;
      s += m.start < ledeEnd ? w * SUMMARY_RULES.ledeWeight : w;
    }
    score.set(e, s);
  }
  for (const ev of doc.events) {
    for (const id of [...ev.source, ...ev.target, ...ev.commodities]) {
      const e = doc.entities.find((x) => x.id === id);
      if (e && score.has(e)) score.set(e, score.get(e)! + SUMMARY_RULES.eventWeight);
    }
  }
  const ranked = (type: string) => {
    const list = [...score.entries()].filter(([e]) => e.type === type).sort((a, b) => b[1] - a[1] || a[0].mentions[0]!.start - b[0].mentions[0]!.start);
    const top = list[0]?.[1] ?? 0;
    return list.filter(([, s]) => s >= top * SUMMARY_RULES.minShareOfTop).slice(0, SUMMARY_RULES.maxItems).map(([e]) => e.id);
  };
  doc.summary = { commodities: ranked('commodity'), countries: ranked('country') };
}
