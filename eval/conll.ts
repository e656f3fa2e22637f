// CoNLL-2003 reader and a conlleval-compatible chunk scorer (entity level: exact span and type).
// The reader keeps the CoNLL structure (documents -> sentences -> tokens); the scorer extracts chunks from
// IOB1 or IOB2/BIO tag sequences exactly as conlleval.pl does, so one function scores both schemes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

export interface ConllToken {
  word: string;
  pos: string;
  chunk: string;
  tag: string;
}
export interface ConllSentence {
  tokens: ConllToken[];
}
export interface ConllDocument {
  sentences: ConllSentence[];
}

/** The folder holding conll2003/: $LODESTONE_DATASETS, else ../shared/datasets beside the repository. */
export function datasetsDir(): string {
  return process.env.LODESTONE_DATASETS ?? path.resolve(PACKAGE_ROOT, '..', 'shared', 'datasets');
}

/** Path of a CoNLL-2003 file ("eng.train", "eng.testa") in the datasets folder. */
export function conllPath(name: string): string {
  return path.join(datasetsDir(), 'conll2003', name);
}

/** Parses CoNLL-2003 text: `word POS chunk NER` lines, blank lines between sentences, -DOCSTART- lines
 *  opening documents. Text before the first -DOCSTART- forms a document of its own. */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: ConllToken[] = [];
  const closeSentence = () => {
    if (sent.length > 0) {
      if (doc === null) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push({ tokens: sent });
    }
    sent = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      closeSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      closeSentence();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    if (cols.length < 2) throw new Error(`bad CoNLL line: ${JSON.stringify(line)}`);
    const word = cols[0]!;
    const tag = cols[cols.length - 1]!;
    sent.push({ word, pos: cols.length >= 4 ? cols[1]! : '', chunk: cols.length >= 4 ? cols[2]! : '', tag });
  }
  closeSentence();
  return docs.filter((d) => d.sentences.length > 0);
}

/** Reads a CoNLL-2003 file. */
export function readConll(file: string): ConllDocument[] {
  return parseConll(readFileSync(file, 'utf8'));
}

export interface Chunk {
  start: number;
  /** exclusive */
  end: number;
  type: string;
}

function split(tag: string): [string, string] {
  if (tag === 'O' || tag === '') return ['O', ''];
  const dash = tag.indexOf('-');
  if (dash < 0) return [tag, ''];
  return [tag.slice(0, dash), tag.slice(dash + 1)];
}

// conlleval.pl endOfChunk / startOfChunk, including its E/S (IOBES) cases.
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  if (prevTag === 'I' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  if (prevTag === 'E' || prevTag === 'S') return true;
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) return true;
  return false;
}
function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === 'B' || tag === 'S') return true;
  if ((prevTag === 'E' || prevTag === 'S' || prevTag === 'O') && (tag === 'E' || tag === 'I')) return true;
  if (tag !== 'O' && tag !== '.' && prevType !== type) return true;
  return false;
}

/** The chunks of one tag sequence (IOB1, IOB2/BIO or IOBES), as conlleval.pl reads them. */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let prevTag = 'O';
  let prevType = '';
  let open: Chunk | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? split(tags[i]!) : ['O', ''];
    if (open !== null && endOfChunk(prevTag, tag, prevType, type)) {
      open.end = i;
      out.push(open);
      open = null;
    }
    if (i < tags.length && startOfChunk(prevTag, tag, prevType, type)) open = { start: i, end: i + 1, type };
    prevTag = tag;
    prevType = type;
  }
  return out;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** chunks found by both (exact span and type) */
  correct: number;
  /** predicted chunks */
  predicted: number;
  /** gold chunks */
  gold: number;
}
export interface ChunkScore {
  overall: Prf;
  byType: Record<string, Prf>;
  /** token accuracy (tags equal), as conlleval reports it */
  accuracy: number;
}

function prf(correct: number, predicted: number, gold: number): Prf {
  const precision = predicted > 0 ? (100 * correct) / predicted : 0;
  const recall = gold > 0 ? (100 * correct) / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, correct, predicted, gold };
}

/** Entity-level precision, recall and F1 (percentages), overall and per type, over sentences of tags.
 *  A chunk counts as correct only when a gold chunk has the same start, end and type: a right span with the
 *  wrong type is one false positive and one false negative. */
export function scoreChunks(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): ChunkScore {
  if (gold.length !== pred.length) throw new Error(`sentence count differs: ${gold.length} gold, ${pred.length} predicted`);
  const counts = new Map<string, { correct: number; predicted: number; gold: number }>();
  const bucket = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { correct: 0, predicted: 0, gold: 0 }));
    return c;
  };
  let tokens = 0;
  let same = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s]!;
    const p = pred[s]!;
    if (g.length !== p.length) throw new Error(`sentence ${s}: ${g.length} gold tags, ${p.length} predicted`);
    for (let i = 0; i < g.length; i++) {
      tokens++;
      if (g[i] === p[i]) same++;
    }
    const gc = chunks(g);
    const pc = chunks(p);
    const goldKeys = new Set(gc.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of gc) bucket(c.type).gold++;
    for (const c of pc) {
      const b = bucket(c.type);
      b.predicted++;
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) b.correct++;
    }
  }
  let correct = 0;
  let predicted = 0;
  let goldN = 0;
  const byType: Record<string, Prf> = {};
  for (const t of [...counts.keys()].sort()) {
    const c = counts.get(t)!;
    byType[t] = prf(c.correct, c.predicted, c.gold);
    correct += c.correct;
    predicted += c.predicted;
    goldN += c.gold;
  }
  return { overall: prf(correct, predicted, goldN), byType, accuracy: tokens > 0 ? (100 * same) / tokens : 0 };
}

/** A conlleval-style report of a score. */
export function formatScore(s: ChunkScore): string {
  const f = (x: number) => x.toFixed(2).padStart(6);
  const line = (name: string, p: Prf) =>
    `${name.padEnd(8)} precision ${f(p.precision)}%  recall ${f(p.recall)}%  F1 ${f(p.f1)}  (${p.correct}/${p.predicted} predicted, ${p.gold} gold)`;
  return [`accuracy ${f(s.accuracy)}%`, line('overall', s.overall), ...Object.entries(s.byType).map(([t, p]) => line(t, p))].join('\n');
}
