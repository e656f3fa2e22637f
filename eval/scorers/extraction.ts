// The Zyte (ScrapingHub) article-extraction benchmark, development pages: article text from HTML with
// htmlToArticle, scored with the benchmark's own metric (4-token shingles, per-document TP/FP/FN, means over
// documents) as its README describes it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { htmlToArticle } from '../../src/ingest/html.js';
import { ErrorLog, clip, datasetFile, fmt3, readMaybeGz, type BenchmarkResult } from './common.js';

/** Python's `\w+` over str (letters, digits, underscore; Unicode). */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Multiset of 4-token shingles; a text of fewer than 4 tokens is one shingle of all of them (none if empty). */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const out = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const s = tokens.slice(i, i + n).join(' ');
    if (s) out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

/** Normalised [tp, fp, fn] of one document (each divided by their sum, when it is positive). */
export function shingleMatch(truth: string, pred: string): [number, number, number] {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const k of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(k) ?? 0;
    const b = p.get(k) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

/** Per-document precision and recall: 1 when nothing is wrong, 0 when nothing is right. */
export function docPrecisionRecall([tp, fp, fn]: readonly [number, number, number]): [number, number] {
  if (fp === 0 && fn === 0) return [1, 1];
  if (tp === 0) return [0, 0];
  return [tp / (tp + fp), tp / (tp + fn)];
}

export interface ExtractionScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** The benchmark's figures over documents: precision mean over docs with TP+FP>0, recall over docs with TP+FN>0. */
export function scoreExtraction(docs: readonly { truth: string; pred: string }[]): ExtractionScore {
  const ps: number[] = [];
  const rs: number[] = [];
  let exact = 0;
  for (const d of docs) {
    const m = shingleMatch(d.truth, d.pred);
    const [p, r] = docPrecisionRecall(m);
    if (m[0] + m[1] > 0) ps.push(p);
    if (m[0] + m[2] > 0) rs.push(r);
    const a = tokenize(d.truth);
    const b = tokenize(d.pred);
    if (a.length === b.length && a.every((t, i) => t === b[i])) exact++;
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, accuracy: docs.length ? exact / docs.length : 0 };
}

/** Lines of `a` most of whose shingles are absent from `b`: text one side has and the other lacks. */
export function unmatchedLines(a: string, b: string, limit = 2): string[] {
  const have = shingles(b);
  const out: string[] = [];
  for (const line of a.split('\n')) {
    const s = shingles(line);
    let total = 0;
    let miss = 0;
    for (const [k, c] of s) {
      total += c;
      if (!have.has(k)) miss += c;
    }
    if (total >= 2 && miss / total > 0.5) out.push(clip(line, 100));
    if (out.length >= limit) break;
  }
  return out;
}

const PEERS: readonly [string, number, number, number, number][] = [
  // name, F1, precision, recall, accuracy: upstream README, all 181 pages
  ['rs_trafilatura', 0.970, 0.951, 0.990, 0.287],
  ['AutoExtract (2019)', 0.970, 0.984, 0.956, 0.470],
  ['go_trafilatura', 0.960, 0.940, 0.980, 0.287],
  ['trafilatura 2.0.0', 0.958, 0.938, 0.978, 0.293],
  ['readability_js 0.6.0', 0.947, 0.914, 0.982, 0.166],
];

export function runExtraction(): BenchmarkResult | null {
  const gtFile = datasetFile('article-extraction-benchmark/ground-truth.json');
  const htmlDir = datasetFile('article-extraction-benchmark/html');
  if (!gtFile || !htmlDir) return null;
  const truth = JSON.parse(readFileSync(gtFile, 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const pages = readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).map((f) => f.slice(0, -'.html.gz'.length)).filter((id) => truth[id]).sort();
  const docs: { id: string; truth: string; pred: string; ms: number; url: string }[] = [];
  let extractMs = 0;
  for (const id of pages) {
    const html = readMaybeGz(path.join(htmlDir, `${id}.html.gz`));
    const t0 = performance.now();
    let pred = '';
    try {
      pred = htmlToArticle(html).text;
    } catch {
      pred = '';
    }
    const ms = performance.now() - t0;
    extractMs += ms;
    docs.push({ id, truth: truth[id]!.articleBody, pred, ms, url: truth[id]!.url ?? id });
  }
  const s = scoreExtraction(docs);
  const errors = new ErrorLog(3);
  for (const d of docs) {
    const [p, r] = docPrecisionRecall(shingleMatch(d.truth, d.pred));
    const site = d.url.replace(/^https?:\/\/(www\.)?/, '').split('/')[0];
    if (!d.pred.trim()) {
      errors.add('nothing extracted', `${site}: empty text`);
      continue;
    }
    if (r < 0.9) errors.add('article text left out (recall < 0.9)', () => `${site}: P ${fmt3(p)} R ${fmt3(r)}; missing e.g. "${unmatchedLines(d.truth, d.pred, 1)[0] ?? '?'}"`);
    if (p < 0.9) errors.add('page furniture kept (precision < 0.9)', () => `${site}: P ${fmt3(p)} R ${fmt3(r)}; extra e.g. "${unmatchedLines(d.pred, d.truth, 1)[0] ?? '?'}"`);
    else if (p < 1 && r >= 0.9) errors.add('small extras (0.9 <= precision < 1)', () => `${site}: P ${fmt3(p)}; extra e.g. "${unmatchedLines(d.pred, d.truth, 1)[0] ?? '?'}"`);
  }
  const perPage = docs.length ? extractMs / docs.length : 0;
  const sorted = [...docs].sort((a, b) => a.ms - b.ms);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]!.ms : 0;
  return {
    name: 'extraction',
    title: 'Article extraction from HTML (Zyte benchmark, development pages)',
    data: `${docs.length} development pages with ground truth`,
    headlines: [
      { key: 'f1', label: 'Extraction F1', value: s.f1, unit: 'score', target: 0.96 },
      { key: 'precision', label: 'Extraction precision', value: s.precision, unit: 'score' },
      { key: 'recall', label: 'Extraction recall', value: s.recall, unit: 'score' },
      { key: 'accuracy', label: 'Extraction accuracy (exact token match)', value: s.accuracy, unit: 'score' },
    ],
    tables: [
      {
        title: 'Scores beside the published ones',
        header: ['system', 'F1', 'precision', 'recall', 'accuracy'],
        rows: [
          ['**Lodestone htmlToArticle** (91 dev pages)', fmt3(s.f1), fmt3(s.precision), fmt3(s.recall), fmt3(s.accuracy)],
          ...PEERS.map(([n, f, p, r, a]) => [`${n} (181 pages)`, fmt3(f), fmt3(p), fmt3(r), fmt3(a)]),
        ],
        note: `Time per page: mean ${perPage.toFixed(1)} ms, median ${median.toFixed(1)} ms (gunzip excluded). Peers are the upstream README's figures on all 181 pages; ours are on the 91 development pages.`,
      },
    ],
    method: [
      'Every development page (html/<id>.html.gz with an entry in ground-truth.json) goes through `htmlToArticle` from src/html.ts; only the article text is scored (no title).',
      'Metric as the benchmark README describes upstream evaluate.py: tokens are `\\w+` (Unicode), texts become multisets of 4-token shingles, per document TP = Σmin, FP = Σ(pred−true)+, FN = Σ(true−pred)+ normalised by their sum; precision is the mean over documents with TP+FP>0 and recall the mean over documents with TP+FN>0 (1 when FP = FN = 0, 0 when TP = 0); F1 = 2PR/(P+R) of the means; accuracy = share of documents whose token lists are equal.',
    ],
    errorTypes: errors.types(),
    examples: errors.examples(5),
    seconds: 0,
  };
}
