// The readable text report `lodestone analyze` prints on a terminal.
import type { AnalysisJson } from './output.js';

const line = (s = '') => s + '\n';

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

export function formatReport(a: AnalysisJson): string {
  const name = new Map(a.entities.map((e) => [e.id, e.name]));
  const names = (ids: readonly string[]) => ids.map((i) => name.get(i) ?? i).join(', ') || '-';
  let out = '';
  out += line(`Article ${a.id}  ·  published ${a.published ?? 'unknown'}  ·  language ${a.language}  ·  ${a.text.length} characters`);
  for (const w of a.warnings) out += line(`warning: ${w}`);
  out += line();
  out += line(`Main commodities: ${names(a.summary.commodities)}`);
  out += line(`Main countries:   ${names(a.summary.countries)}`);
  out += line();
  out += line(`Quotes (${a.quotes.length})`);
  for (const q of a.quotes) {
    const who = q.speakerName ?? (q.speakerMention ? `"${q.speakerMention.text}" (unresolved)` : 'unknown speaker');
    out += line(`  [${q.kind}] ${who}: "${clip(q.text, 110)}"  @${q.start}-${q.end}`);
  }
  out += line();
  out += line(`Events (${a.events.length})`);
  for (const e of a.events) {
    const extra = [
      e.commodities.length ? `over ${names(e.commodities)}` : '',
      e.place ? `in ${name.get(e.place)}` : '',
      e.date ? `${e.date.text} (${e.date.start}..${e.date.end})` : '',
      e.modality !== 'asserted' ? e.modality : '',
      e.attributedTo ? `per ${name.get(e.attributedTo)}` : '',
    ].filter(Boolean).join('; ');
    out += line(`  ${e.plover.padEnd(9)} ${e.cameo.padEnd(5)} ${names(e.source)} -> ${names(e.target)}  "${e.trigger.text}"${extra ? '  ' + extra : ''}`);
    out += line(`            evidence: "${clip(e.evidence.text, 100)}"`);
  }
  out += line();
  out += line(`Entities (${a.entities.length})`);
  const order = ['person', 'organization', 'country', 'place', 'commodity', 'nationality', 'other'];
  for (const type of order) {
    const list = a.entities.filter((e) => e.type === type);
    if (!list.length) continue;
    out += line(`  ${type}:`);
    for (const e of list) {
      const codes = Object.entries(e.codes).map(([k, v]) => `${k} ${v}`).join(', ');
      const attrs = Object.entries(e.attributes).map(([k, v]) => `${k} ${name.get(String(v)) ?? v}`).join(', ');
      const forms = [...new Set(e.mentions.map((m) => m.text))].filter((t) => t !== e.name).slice(0, 6).map((t) => `"${clip(t, 40)}"`).join(', ');
      out += line(`    ${e.name} ×${e.mentions.length}${codes ? `  [${codes}]` : ''}${attrs ? `  (${attrs})` : ''}${forms ? `  also ${forms}` : ''}`);
    }
  }
  out += line();
  out += line(`Dates (${a.dates.length})`);
  for (const d of a.dates) out += line(`  "${d.text}" -> ${d.value ? `${d.value.start}..${d.value.end}` : 'unresolved'}`);
  out += line();
  out += line(`Set aside (${a.removed.length}, not analysed)`);
  for (const r of a.removed) out += line(`  ${r.reason} (${r.rule}): "${clip(r.text, 100)}"`);
  return out;
}
