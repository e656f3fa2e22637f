// `npm run bench`: words per second and peak memory of `analyze --jsonl` over the first N Reuters-21578
// training documents (default 2,000; LODESTONE_BENCH_DOCS to change), through the CLI's own batch code.
import { reutersDate } from '../eval/scorers/common.js';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import path from 'node:path';
import { readDatasetJsonl, datasetsDir } from './datasets.js';
import { runAnalyzeJsonl } from '../src/cli/analyze.js';
import { analyze } from '../src/index.js';

interface ReutersDoc { id: number; body: string; date: string }


async function main() {
  const n = Number(process.env.LODESTONE_BENCH_DOCS ?? 2000);
  const docs = readDatasetJsonl<ReutersDoc>('reuters21578/reuters21578-train.jsonl.gz');
  if (!docs) {
    console.log(`bench: Reuters-21578 not found under ${datasetsDir()} (set LODESTONE_DATASETS); nothing measured`);
    return;
  }
  const sample = docs.filter((d) => d.body && d.body.trim()).slice(0, n);
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-bench-'));
  const inPath = path.join(dir, 'in.jsonl');
  const outPath = path.join(dir, 'out.jsonl');
  writeFileSync(inPath, sample.map((d) => JSON.stringify({ id: String(d.id), text: d.body, published: reutersDate(d.date) })).join('\n') + '\n');
  const words = sample.reduce((a, d) => a + (d.body.match(/\S+/g) ?? []).length, 0);
  const chars = sample.reduce((a, d) => a + d.body.length, 0);
  analyze('Warm-up: Russia offered the United States rare earths, Putin said on Tuesday.', { published: '2025-01-01' });
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await runAnalyzeJsonl(inPath, outPath);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const outLines = readFileSync(outPath, 'utf8').trim().split('\n');
  const errors = outLines.filter((l) => l.includes('"error"')).length;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  rmSync(dir, { recursive: true, force: true });
  const cpuModel = cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine: ${cpus().length} cores (${cpuModel}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`analyze --jsonl: ${sample.length} Reuters-21578 documents, ${words} words, ${(chars / 1e6).toFixed(2)} M chars, ${errors} errors`);
  console.log(`wall ${secs.toFixed(2)} s  ·  ${Math.round(words / secs)} words/s wall (one process)  ·  ${(sample.length / secs).toFixed(0)} docs/s  ·  peak RSS ${peakMb.toFixed(0)} MB`);
  // CPU time is the fair figure on a shared machine: words per CPU-second is words per second per core
  console.log(`cpu ${cpuSecs.toFixed(2)} s  ·  ${Math.round(words / cpuSecs)} words per CPU-second (per core)  ·  load average ${loadavg()[0]!.toFixed(1)}`);
}

await main();
