// Shared shapes and small helpers of the evaluation scorers: the result every benchmark returns, span
// overlap arithmetic, precision/recall/F1, and the error bookkeeping that feeds the "Error analysis" section.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { datasetsDir } from '../../bench/datasets.js';

export interface Span {
  start: number;
  end: number;
}

/** One headline figure: printed on its own line, compared with its target and its floor. */
export interface Headline {
  /** Stable key within the benchmark ("f1", "direct.recall"); floors are keyed `<benchmark>.<key>`. */
  key: string;
  label: string;
  value: number;
  /** How to print it: a percentage (0-100), a 0-1 score, or a count. */
  unit: 'pct' | 'score' | 'count';
  /** The issue #3 target, when there is one (same unit as value). */
  target?: number;
}

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** A line printed under the table. */
  note?: string;
}

/** One kind of error with how often it happened. */
export interface ErrorType {
  type: string;
  count: number;
}

/** A real example of one error kind, short enough for a table cell. */
export interface ErrorExample {
  type: string;
  example: string;
}

export interface BenchmarkResult {
  /** Short name used by --only and by the floors ("conll", "polnear"). */
  name: string;
  title: string;
  /** What was scored: "eng.testa, 216 documents, 51,362 tokens". */
  data: string;
  headlines: Headline[];
  tables: Table[];
  /** How the figures were computed: mapping rules, choices, caveats. */
  method: string[];
  errorTypes: ErrorType[];
  examples: ErrorExample[];
  /** Seconds spent, filled in by the runner. */
  seconds: number;
}

/** Path of a file in the datasets folder, or null when it does not exist. */
export function datasetFile(rel: string): string | null {
  const file = path.join(datasetsDir(), rel);
  return existsSync(file) ? file : null;
}

/** Text of a file, gunzipped when its name ends in .gz. */
export function readMaybeGz(file: string): string {
  const buf = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

// --- span arithmetic ------------------------------------------------------------------------------------------

export function spanLength(spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += Math.max(0, s.end - s.start);
  return n;
}

/** Characters of `a` that lie inside any of `spans` (the spans must not overlap each other). */
export function overlapLength(a: Span, spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += Math.max(0, Math.min(a.end, s.end) - Math.max(a.start, s.start));
  return n;
}

/** True when `pred` overlaps the gold spans (taken together) by at least half of the shorter of the two. */
export function halfShorterMatch(pred: Span, gold: readonly Span[]): boolean {
  const shorter = Math.min(pred.end - pred.start, spanLength(gold));
  if (shorter <= 0) return false;
  return overlapLength(pred, gold) >= shorter / 2;
}

export function anyOverlap(a: Span, spans: readonly Span[]): boolean {
  return spans.some((s) => a.start < s.end && s.start < a.end);
}

// --- figures --------------------------------------------------------------------------------------------------

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 as fractions (0-1); 0 where a denominator is 0. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** n / d as a percentage; 0 when d is 0. */
export function pct(n: number, d: number): number {
  return d > 0 ? (100 * n) / d : 0;
}

export function fmtPct(x: number): string {
  return `${x.toFixed(1)}%`;
}

export function fmt3(x: number): string {
  return x.toFixed(3);
}

export function fmtHeadline(h: Pick<Headline, 'value' | 'unit'>): string {
  if (h.unit === 'pct') return fmtPct(h.value);
  if (h.unit === 'score') return fmt3(h.value);
  return String(Math.round(h.value * 100) / 100);
}

/** A string cut to `max` characters with an ellipsis, one line. */
export function clip(s: string, max = 120): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The text around a span with the span marked «like this», cut to about `width` characters each side; a span
 *  longer than `maxInner` characters is cut in its middle. */
export function excerpt(text: string, span: Span, width = 60, maxInner = 160): string {
  const a = Math.max(0, span.start - width);
  const b = Math.min(text.length, span.end + width);
  const pre = (a > 0 ? '…' : '') + text.slice(a, span.start);
  const post = text.slice(span.end, b) + (b < text.length ? '…' : '');
  let inner = text.slice(span.start, span.end);
  if (inner.length > maxInner) {
    const half = Math.floor((maxInner - 3) / 2);
    inner = `${inner.slice(0, half)} … ${inner.slice(inner.length - half)}`;
  }
  return `${pre}«${inner}»${post}`.replace(/\s+/g, ' ').trim();
}

// --- error bookkeeping ------------------------------------------------------------------------------------------

/** Counts errors by kind and keeps the first few examples of each kind. */
export class ErrorLog {
  private readonly counts = new Map<string, number>();
  private readonly samples = new Map<string, string[]>();
  constructor(private readonly perType = 3) {}

  add(type: string, example?: string | (() => string)): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    if (example === undefined) return;
    let list = this.samples.get(type);
    if (!list) this.samples.set(type, (list = []));
    if (list.length < this.perType) list.push(typeof example === 'function' ? example() : example);
  }

  /** Kinds, most frequent first (ties by name). */
  types(limit = 8): ErrorType[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([type, count]) => ({ type, count }));
  }

  /** Up to `limit` examples, one per kind in order of frequency, then second examples, and so on. */
  examples(limit = 5): ErrorExample[] {
    const kinds = this.types(100).map((t) => t.type);
    const out: ErrorExample[] = [];
    for (let round = 0; out.length < limit; round++) {
      let any = false;
      for (const k of kinds) {
        const ex = this.samples.get(k)?.[round];
        if (ex === undefined) continue;
        any = true;
        out.push({ type: k, example: ex });
        if (out.length >= limit) break;
      }
      if (!any) break;
    }
    return out;
  }
}

/** Micro-averaged and macro-averaged multi-label scores over documents. */
export interface MultiLabelScore {
  micro: Prf & { tp: number; fp: number; fn: number };
  /** Mean of the per-label F1 over the labels that occur in the gold or the predictions (of the vocabulary). */
  macroF1: number;
  perLabel: { label: string; tp: number; fp: number; fn: number; f1: number }[];
  docs: number;
}

/**
 * Scores document-level label sets. Every (document, label) pair counts for the micro figures; the macro F1
 * averages the per-label F1 over the labels in `vocabulary` (all labels when absent) that occur in the gold or
 * in the predictions, so a label that is predicted but never gold scores 0 and pulls the mean down.
 */
export function scoreMultiLabel(
  docs: readonly { gold: ReadonlySet<string>; pred: ReadonlySet<string> }[],
  vocabulary?: ReadonlySet<string>,
): MultiLabelScore {
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const bucket = (l: string) => {
    let b = per.get(l);
    if (!b) per.set(l, (b = { tp: 0, fp: 0, fn: 0 }));
    return b;
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const d of docs) {
    for (const l of d.pred) {
      if (d.gold.has(l)) {
        tp++;
        bucket(l).tp++;
      } else {
        fp++;
        bucket(l).fp++;
      }
    }
    for (const l of d.gold) {
      if (!d.pred.has(l)) {
        fn++;
        bucket(l).fn++;
      }
    }
  }
  const perLabel = [...per.entries()]
    .map(([label, c]) => ({ label, ...c, f1: prf(c.tp, c.fp, c.fn).f1 }))
    .sort((a, b) => b.tp + b.fn - (a.tp + a.fn) || b.fp - a.fp || a.label.localeCompare(b.label));
  const macroLabels = perLabel.filter((l) => !vocabulary || vocabulary.has(l.label));
  const macroF1 = macroLabels.length ? macroLabels.reduce((a, l) => a + l.f1, 0) / macroLabels.length : 0;
  return { micro: { ...prf(tp, fp, fn), tp, fp, fn }, macroF1, perLabel, docs: docs.length };
}

const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};

/** Reuters-21578 date field to ISO: "26-FEB-1987 15:01:01.79" -> "1987-02-26"; null when unreadable. */
export function reutersDate(raw: string): string | null {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(raw);
  return m && MONTHS[m[2]!] ? `${m[3]}-${MONTHS[m[2]!]}-${m[1]!.padStart(2, '0')}` : null;
}
