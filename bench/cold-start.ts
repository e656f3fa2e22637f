// `npm run bench` (part): the cost of starting the command line for one short article, in CPU seconds
// (user + system of the whole process: module loading, models and tables, the analysis, the output).
// Issue 8's bar: under 1 s of CPU. Median of five runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

const RUNS = 5;
const BAR_CPU_SECONDS = 1;

function cpuSecondsOf(args: string[]): { cpu: number; wall: number } {
  // /usr/bin/time is not everywhere; ask the child for its own resource usage at exit instead
  const probe = path.join(PACKAGE_ROOT, 'dist', 'bench', 'cold-start-probe.cjs');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', probe, path.join(PACKAGE_ROOT, 'bin', 'lodestone.js'), ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`lodestone ${args.join(' ')} failed: ${r.stderr}`);
  const m = /COLD_START_CPU=([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error('the probe printed nothing');
  return { cpu: Number(m[1]), wall };
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-cold-'));
  try {
    const file = path.join(dir, 'short.txt');
    writeFileSync(file, 'Chile signed a lithium supply deal with China on Tuesday, the mining minister said, as Beijing seeks battery metals.\n');
    writeFileSync(path.join(PACKAGE_ROOT, 'dist', 'bench', 'cold-start-probe.cjs'),
      "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('COLD_START_CPU=' + ((u.userCPUTime + u.systemCPUTime) / 1e6) + '\\n'); });\n");
    const runs = Array.from({ length: RUNS }, () => cpuSecondsOf(['analyze', file, '--format', 'json', '--published', '2025-01-02']));
    const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    const wall = runs.map((r) => r.wall).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    console.log(`cold start: \`lodestone analyze\` of one short article, median of ${RUNS}: ${cpu.toFixed(2)} s CPU (bar < ${BAR_CPU_SECONDS} s), ${wall.toFixed(2)} s wall, load average ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
