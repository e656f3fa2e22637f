// `npm run eval`: measured accuracy on the public development data. Runs every benchmark in-process through
// analyze(), prints one line per headline figure, writes docs/EVALUATION.md and, with --check-floors, fails
// when a figure falls below its floor in eval/floors.json.
//
//   npx tsc -p . && node dist/eval/run.js [--only conll,polnear,reuters,plover,extraction,seed]
//        [--datasets DIR] [--check-floors] [--set-floors] [--write | --no-write] [--out FILE]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { datasetsDir } from '../bench/datasets.js';
import { fmtHeadline, type BenchmarkResult, type Headline } from './scorers/common.js';
import { runConll } from './scorers/conll-ner.js';
import { runPolnear } from './scorers/polnear.js';
import { runReuters } from './scorers/reuters.js';
import { runPlover } from './scorers/plover.js';
import { runExtraction } from './scorers/extraction.js';
import { runSeed } from './scorers/seed.js';
import { runUdEwt } from './scorers/ud-ewt.js';

const BENCHMARKS: readonly { name: string; run: () => BenchmarkResult | null }[] = [
  { name: 'conll', run: runConll },
  { name: 'polnear', run: runPolnear },
  { name: 'reuters', run: runReuters },
  { name: 'plover', run: runPlover },
  { name: 'extraction', run: runExtraction },
  { name: 'seed', run: runSeed },
  { name: 'syntax', run: runUdEwt },
];

const FLOORS_FILE = path.join(PACKAGE_ROOT, 'eval', 'floors.json');
const DEFAULT_OUT = path.join(PACKAGE_ROOT, 'docs', 'EVALUATION.md');

/** How far below the measured value --set-floors puts each floor. */
const FLOOR_MARGIN: Readonly<Record<Headline['unit'], number>> = { pct: 1.5, score: 0.015, count: 1 };

export interface Options {
  only: string[] | null;
  datasets: string | null;
  checkFloors: boolean;
  setFloors: boolean;
  write: boolean | null;
  out: string;
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = { only: null, datasets: null, checkFloors: false, setFloors: false, write: null, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--only' || a.startsWith('--only=')) o.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--datasets' || a.startsWith('--datasets=')) o.datasets = value();
    else if (a === '--out' || a.startsWith('--out=')) o.out = path.resolve(value());
    else if (a === '--check-floors') o.checkFloors = true;
    else if (a === '--set-floors') o.setFloors = true;
    else if (a === '--write') o.write = true;
    else if (a === '--no-write') o.write = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node dist/eval/run.js [--only NAME[,NAME]] [--datasets DIR] [--check-floors] [--set-floors] [--write|--no-write] [--out FILE]');
      console.log(`benchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.only) {
    const known = new Set(BENCHMARKS.map((b) => b.name));
    for (const n of o.only) if (!known.has(n)) throw new Error(`unknown benchmark "${n}" (known: ${[...known].join(', ')})`);
  }
  return o;
}

// --- floors ------------------------------------------------------------------------------------------------------

interface FloorsFile {
  about: string;
  floors: Record<string, number>;
}

export function readFloors(file = FLOORS_FILE): FloorsFile {
  if (!existsSync(file)) return { about: '', floors: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as FloorsFile;
}

/** The figures that fell below their floor, as printable lines; figures not measured in this run are skipped. */
export function checkFloors(results: readonly BenchmarkResult[], floors: Readonly<Record<string, number>>): string[] {
  const failures: string[] = [];
  for (const r of results) {
    for (const h of r.headlines) {
      const key = `${r.name}.${h.key}`;
      const floor = floors[key];
      if (floor === undefined) continue;
      if (!(h.value >= floor)) failures.push(`${key} (${h.label}) = ${fmtHeadline(h)} is below its floor ${fmtHeadline({ value: floor, unit: h.unit })}`);
    }
  }
  return failures;
}

/** Floors a little below the measured figures (FLOOR_MARGIN), keeping the floors of benchmarks not run. */
export function floorsFrom(results: readonly BenchmarkResult[], previous: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...previous };
  for (const r of results) {
    for (const h of r.headlines) {
      const raw = Math.max(0, h.value - FLOOR_MARGIN[h.unit]);
      const floor = h.unit === 'score' ? Math.floor(raw * 1000) / 1000 : Math.floor(raw * 10) / 10;
      // floors only rise: a figure that fell keeps its old floor (and fails the check)
      const key = `${r.name}.${h.key}`;
      out[key] = Math.max(previous[key] ?? floor, floor);
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

// --- targets -----------------------------------------------------------------------------------------------------

/** "met (+1.2 points)" / "missed by 3.4 points" / "" when the figure has no target. */
export function targetStatus(h: Headline): string {
  if (h.target === undefined) return '';
  const d = h.value - h.target;
  const amount = h.unit === 'pct' ? `${Math.abs(d).toFixed(1)} points` : h.unit === 'score' ? Math.abs(d).toFixed(3) : String(Math.abs(d));
  return d >= 0 ? `met (+${amount})` : `missed by ${amount}`;
}

function targetText(h: Headline): string {
  return h.target === undefined ? '' : `>= ${fmtHeadline({ value: h.target, unit: h.unit })}`;
}

// --- the report ------------------------------------------------------------------------------------------------------

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const out = [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const r of rows) out.push(`| ${r.map(cell).join(' | ')} |`);
  return out.join('\n');
}

interface RunInfo {
  date: string;
  commit: string;
  machine: string;
  datasets: string;
  totalSeconds: number;
  partial: boolean;
  skipped: string[];
  failed: { name: string; error: string }[];
}

export function renderReport(results: readonly BenchmarkResult[], info: RunInfo, floors: Readonly<Record<string, number>>): string {
  const md: string[] = [];
  md.push('# Evaluation', '');
  md.push('Measured accuracy on the public development data. This file is generated by `npm run eval` (eval/run.ts); do not edit it by hand.', '');
  md.push(`- Date: ${info.date}`);
  md.push(`- Commit: ${info.commit}`);
  md.push(`- Machine: ${info.machine}`);
  md.push(`- Datasets: ${info.datasets} (development portions only; the held-out portions are not used)`);
  md.push(`- Time: ${info.totalSeconds.toFixed(1)} s in all (${results.map((r) => `${r.name} ${r.seconds.toFixed(1)} s`).join(', ')})`);
  if (info.partial) md.push('- Partial run (--only): the other benchmarks are not in this file.');
  if (info.skipped.length) md.push(`- Not run, dataset absent: ${info.skipped.join(', ')}`);
  if (info.failed.length) md.push(`- Failed: ${info.failed.map((f) => `${f.name} (${f.error})`).join('; ')}`);
  md.push('');
  md.push('## Summary', '');
  md.push('Targets are those of issue #3; floors (eval/floors.json) are the regression gate of `--check-floors`.', '');
  const rows: string[][] = [];
  for (const r of results) {
    for (const h of r.headlines) {
      const floor = floors[`${r.name}.${h.key}`];
      rows.push([r.name, h.label, fmtHeadline(h), targetText(h), targetStatus(h), floor === undefined ? '' : fmtHeadline({ value: floor, unit: h.unit })]);
    }
  }
  md.push(mdTable(['benchmark', 'figure', 'value', 'target', 'status', 'floor'], rows), '');
  results.forEach((r, i) => {
    md.push(`## ${i + 1}. ${r.title}`, '');
    md.push(`Data: ${r.data}. Time: ${r.seconds.toFixed(1)} s.`, '');
    md.push('How it is measured:', '');
    for (const m of r.method) md.push(`- ${m}`);
    md.push('');
    for (const t of r.tables) {
      md.push(`**${t.title}**`, '');
      md.push(mdTable(t.header, t.rows), '');
      if (t.note) md.push(t.note, '');
    }
  });
  md.push('## Error analysis', '');
  md.push('The most frequent kinds of error per benchmark, with real examples (short excerpts; «…» marks the span in question).', '');
  for (const r of results) {
    if (!r.errorTypes.length && !r.examples.length) continue;
    md.push(`### ${r.title}`, '');
    if (r.errorTypes.length) md.push(mdTable(['error kind', 'count'], r.errorTypes.map((e) => [e.type, String(e.count)])), '');
    if (r.examples.length) md.push(mdTable(['kind', 'example'], r.examples.map((e) => [e.type, e.example])), '');
  }
  return md.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function machine(): string {
  const c = cpus();
  return `${c.length} cores, ${c[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (opts.datasets) process.env['LODESTONE_DATASETS'] = path.resolve(opts.datasets);
  const dir = datasetsDir();
  if (!existsSync(dir)) {
    if (opts.checkFloors) console.log('datasets not found: gate skipped');
    else console.log(`datasets not found under ${dir} (set LODESTONE_DATASETS or pass --datasets DIR): nothing evaluated`);
    return 0;
  }
  const chosen = BENCHMARKS.filter((b) => !opts.only || opts.only.includes(b.name));
  const results: BenchmarkResult[] = [];
  const skipped: string[] = [];
  const failed: { name: string; error: string }[] = [];
  const t0 = performance.now();
  for (const b of chosen) {
    const t = performance.now();
    let r: BenchmarkResult | null;
    try {
      r = b.run();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      console.log(`${b.name.padEnd(10)} FAILED: ${msg}`);
      if (e instanceof Error && e.stack) console.error(e.stack);
      failed.push({ name: b.name, error: msg });
      continue;
    }
    const secs = (performance.now() - t) / 1000;
    if (!r) {
      console.log(`${b.name.padEnd(10)} dataset not found under ${dir}: skipped`);
      skipped.push(b.name);
      continue;
    }
    r.seconds = secs;
    results.push(r);
    for (const h of r.headlines) {
      const st = targetStatus(h);
      console.log(`${b.name.padEnd(10)} ${h.label.padEnd(50)} ${fmtHeadline(h).padStart(7)}${st ? `   target ${targetText(h)}: ${st}` : ''}`);
    }
    if (!r.headlines.length) console.log(`${b.name.padEnd(10)} no figures (${r.method[r.method.length - 1]})`);
    console.log(`${b.name.padEnd(10)} ${secs.toFixed(1)} s`);
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  console.log(`total ${totalSeconds.toFixed(1)} s`);

  const floorsFile = readFloors();
  let floors = floorsFile.floors;
  if (opts.setFloors) {
    floors = floorsFrom(results, floors);
    const about = floorsFile.about || 'Regression floors of `node dist/eval/run.js --check-floors`: one per headline figure, keyed <benchmark>.<figure>, set a little below the measured value (1.5 points for percentages, 0.015 for 0-1 scores, 1 for counts) by `--set-floors`. Raise them as the figures improve; never lower one to make a change pass.';
    writeFileSync(FLOORS_FILE, JSON.stringify({ about, floors }, null, 2) + '\n');
    console.log(`floors written to ${path.relative(process.cwd(), FLOORS_FILE)}`);
  }

  const write = opts.write ?? (!opts.only && !opts.checkFloors);
  if (write) {
    const report = renderReport(results, {
      date: new Date().toISOString().slice(0, 10),
      commit: gitCommit(),
      machine: machine(),
      datasets: path.relative(PACKAGE_ROOT, dir) || dir,
      totalSeconds,
      partial: !!opts.only,
      skipped,
      failed,
    }, floors);
    mkdirSync(path.dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, report);
    console.log(`report written to ${path.relative(process.cwd(), opts.out)}`);
  }

  if (opts.checkFloors) {
    const failures = checkFloors(results, floors);
    for (const f of failures) console.log(`below floor: ${f}`);
    for (const f of failed) console.log(`benchmark failed: ${f.name}: ${f.error}`);
    if (failures.length || failed.length) return 1;
    console.log('floors: all figures at or above their floors');
  }
  return failed.length ? 1 : 0;
}

// Run only as the entry point, so the tests can import the helpers above.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(PACKAGE_ROOT, 'dist', 'eval', 'run.js')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
