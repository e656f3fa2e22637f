// `npm run build:knowledge`: compiles the CAMEO -> PLOVER conversion table of the PLOVER manual (draft 0.8, 2021;
// ../shared/datasets/plover-gsr/CAMEO2PLOVER-2021.txt, or $LODESTONE_DATASETS) into data/cameo-plover.json: one
// row per CAMEO code (code, PLOVER category, mode, context, description), the first line winning where the
// manual lists a code twice ("08" heads both CONCEDE and RETREAT). The project ships this compiled table, with
// its provenance and licence, not the upstream file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { datasetsDir } from '../bench/datasets.js';
import { dataPath } from '../src/knowledge/paths.js';

/** A line of the conversion table: "0311: AGREE,  ,   economic # Express intent to cooperate economically". */
const TABLE_LINE = /^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$/;

export type CameoRow = [cameo: string, plover: string, mode: string, context: string, description: string];

/** The rows of the table's text, in order, each code once. */
export function parseCameoTable(text: string): CameoRow[] {
  const seen = new Set<string>();
  const rows: CameoRow[] = [];
  for (const raw of text.split('\n')) {
    const m = TABLE_LINE.exec(raw.trim());
    if (!m || seen.has(m[1]!)) continue;
    seen.add(m[1]!);
    rows.push([m[1]!, m[2]!, (m[3] ?? '').trim(), (m[4] ?? '').trim(), (m[5] ?? '').trim()]);
  }
  return rows;
}

function main(): void {
  const source = path.join(datasetsDir(), 'plover-gsr', 'CAMEO2PLOVER-2021.txt');
  const rows = parseCameoTable(readFileSync(source, 'utf8'));
  const out = {
    about: 'CAMEO code -> PLOVER category, mode and context, compiled by eval/build-cameo-table.ts (npm run build:knowledge) from the conversion table of the PLOVER manual, draft 0.8 (17 September 2021), edited by Philip Schrodt, GitHub openeventdata/PLOVER. Copyright Open Event Data Alliance, CC BY-SA 4.0. Rows: [cameo, plover, mode, context, description].',
    licence: 'CC BY-SA 4.0 (Open Event Data Alliance)',
    rows,
  };
  const file = dataPath('cameo-plover.json');
  writeFileSync(file, JSON.stringify(out, null, 0).replace(/\],\[/g, '],\n[') + '\n');
  console.log(`build:knowledge: ${rows.length} CAMEO codes from ${source} -> ${file}`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
