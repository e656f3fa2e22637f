// `npm run bench` (part): analysis time and peak memory against article length. Real news (Reuters-21578 bodies
// one after another) of 100 KB, 1 MB and 5 MB, each analysed in a fresh process so its peak RSS is its own.
// Issue 8's bar: the 1 MB / 100 KB time ratio at most 12 (linear is 10), 5 MB in under 60 s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDatasetJsonl, datasetsDir } from './datasets.js';

const SIZES_KB = [100, 1024, 5120];
const BARS = { ratio1MbTo100Kb: 12, seconds5Mb: 60 } as const;

interface ReutersDoc { body: string }
interface Run { kb: number; seconds: number; peakMb: number; events: number }

/** In the child: analyse one file, print {seconds, peakMb, events}. */
async function child(file: string): Promise<void> {
  const { analyze } = await import('../src/index.js');
  analyze('Warm-up: Russia offered the United States rare earths, Putin said on Tuesday.', { published: '2025-01-01' });
  const text = readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  const r = analyze(text, { published: '1987-03-01' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, peakMb: process.resourceUsage().maxRSS / 1024, events: r.events.length }));
}

async function main(): Promise<void> {
  const docs = readDatasetJsonl<ReutersDoc>('reuters21578/reuters21578-train.jsonl.gz');
  if (!docs) {
    console.log(`scaling: Reuters-21578 not found under ${datasetsDir()}; nothing measured`);
    return;
  }
  const bodies = docs.map((d) => d.body?.trim()).filter((b): b is string => !!b);
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-scaling-'));
  const self = fileURLToPath(import.meta.url);
  const runs: Run[] = [];
  try {
    for (const kb of SIZES_KB) {
      let text = '';
      for (let i = 0; text.length < kb * 1024; i++) text += bodies[i % bodies.length] + '\n\n';
      const file = path.join(dir, `news-${kb}.txt`);
      writeFileSync(file, text.slice(0, kb * 1024));
      const out = execFileSync(process.execPath, [self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
      runs.push({ kb, ...(JSON.parse(out) as Omit<Run, 'kb'>) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`scaling: one article of real news (Reuters-21578 bodies), ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  for (const r of runs) console.log(`  ${String(r.kb).padStart(5)} KB  ${r.seconds.toFixed(2).padStart(6)} s  peak RSS ${r.peakMb.toFixed(0)} MB  ${r.events} events`);
  const ratio = runs[1]!.seconds / runs[0]!.seconds;
  const five = runs[2]!.seconds;
  console.log(`  1 MB / 100 KB time ratio ${ratio.toFixed(1)} (bar <= ${BARS.ratio1MbTo100Kb}); 5 MB in ${five.toFixed(1)} s (bar < ${BARS.seconds5Mb} s)`);
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else await main();
