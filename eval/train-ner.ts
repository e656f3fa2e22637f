// Trains the named-entity recogniser of src/nlp/ner.ts on CoNLL-2003 eng.train, scores it on eng.testa after
// every epoch (conlleval rules), keeps the averaged weights of the best epoch, prunes and quantises them and
// writes data/ner-model.bin.gz. The saved file is then loaded back the way the runtime loads it and scored
// again, so the reported figures are those of the committed artifact.
//
//   npx tsc -p . && node dist/eval/train-ner.js [--epochs N] [--folds K] [--out FILE] [--no-write]
import { exchangeClusters } from './exchange-clusters.js';
import { mulberry32 } from '../src/nlp/syntax/features.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import { conllPath, datasetsDir, chunks, formatScore, readConll, scoreChunks, type ConllDocument } from './conll.js';
import { dataPath, PACKAGE_ROOT } from '../src/knowledge/paths.js';
import {
  buildGazetteer,
  decodeDocument,
  documentContext,
  featureSpace,
  labelSpans,
  spanConfidence,
  encodeModel,
  FeatureIndex,
  gazetteerPhrases,
  labelIndex,
  NER_CONFIG,
  NER_LABELS,
  NER_RULES,
  NER_MODEL_FILE,
  NER_TYPES,
  nerModelFromBuffer,
  NL,
  PAD_WORDS,
  prepareDocument,
  TEMPLATES,
  wordShape,
  type Dicts,
  type FeatureSpace,
  type Gazetteer,
  type NerModelFile,
  type DocumentContext,
  type PreparedDocument,
} from '../src/nlp/ner.js';

/** Training settings (chosen on eng.testa F1). */
const SETTINGS = {
  /** maximum epochs; the best epoch on testa is kept */
  epochs: 20,
  /** cross-fold split of the training documents for gazetteer features */
  folds: 4,
  seed: 20030531,
  /** words seen fewer times than this in eng.train are unknown words ("w0" absent) */
  minWordCount: 2,
  /** affixes seen fewer times than this are dropped */
  minAffixCount: 3,
  /** features whose largest absolute averaged weight is below this share of the largest weight are dropped */
  pruneShare: 0.0005,
  /** words seen fewer times in the unlabelled text get no cluster */
  clusterMinCount: 3,
  /** exchange clustering runs: [classes, passes, 'r' (by following words) or 'l' (by preceding words)] */
  clusterRuns: [
    [64, 6, 'r'],
    [320, 6, 'r'],
    [256, 6, 'l'],
  ] as [number, number, 'r' | 'l'][],
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}


/** IOB1 tags -> BIO label indices (via conlleval chunking). */
function bioLabels(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  for (const c of chunks(tags)) {
    out[c.start] = labelIndex(`B-${c.type}`);
    for (let i = c.start + 1; i < c.end; i++) out[i] = labelIndex(`I-${c.type}`);
  }
  return out;
}

const TYPE_BIT: Record<string, number> = { PER: 1, ORG: 2, LOC: 4, MISC: 8 };

function entityPhrases(docs: readonly ConllDocument[]): [string[], number][] {
  const out: [string[], number][] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      const words = s.tokens.map((t) => t.word);
      for (const c of chunks(s.tokens.map((t) => t.tag))) out.push([words.slice(c.start, c.end), TYPE_BIT[c.type] ?? 0]);
    }
  }
  return out;
}

function buildDicts(docs: readonly ConllDocument[]): Dicts {
  const words = new Map<string, number>();
  const shapes = new Map<string, number>();
  const pre = new Map<string, number>();
  const suf = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const d of docs)
    for (const s of d.sentences)
      for (const t of s.tokens) {
        const lower = t.word.toLowerCase();
        inc(words, lower);
        inc(shapes, wordShape(t.word));
        for (let k = 1; k <= NER_CONFIG.affixLengths && k <= lower.length; k++) {
          inc(pre, lower.slice(0, k));
          inc(suf, lower.slice(lower.length - k));
        }
      }
  const dict = (counts: Map<string, number>, min: number) => {
    const m = new Map<string, number>();
    for (const p of PAD_WORDS) m.set(p, m.size);
    for (const [k, c] of counts) if (c >= min && !m.has(k)) m.set(k, m.size);
    return m;
  };
  return {
    w: dict(words, SETTINGS.minWordCount),
    s: dict(shapes, 1),
    p: dict(pre, SETTINGS.minAffixCount),
    x: dict(suf, SETTINGS.minAffixCount),
    c: new Map(),
  };
}

/** Splits a name into tokens the way news tokenisers do ("Côte d'Ivoire", "U.S.", "Foreign, Commonwealth ..."). */
const NAME_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.&'’-]*|[^\s\p{L}\p{N}]/gu;
const nameTokens = (name: string) => name.match(NAME_TOKEN) ?? [];

/** Name lists that do not come from CoNLL: countries, capitals and demonyms (world-countries and
 *  data/countries-extra.json), places (data/places.json) and organisations (data/organizations.json). */
function externalNames(): [string[], number][] {
  const out: [string[], number][] = [];
  const add = (name: unknown, bit: number) => {
    if (typeof name !== 'string' || name.length < 2) return;
    // two-letter codes ("CD", "AW") are no names in running text
    if (/^[A-Z]{2}$/.test(name)) return;
    const toks = nameTokens(name);
    if (toks.length > 0 && toks.length <= NER_CONFIG.maxPhrase) out.push([toks, bit]);
  };
  const require = createRequire(import.meta.url);
  const countries = require('world-countries/countries.json') as {
    name: { common: string; official: string };
    altSpellings?: string[];
    capital?: string[];
    demonyms?: { eng?: { f?: string; m?: string } };
  }[];
  for (const c of countries) {
    add(c.name.common, TYPE_BIT.LOC!);
    add(c.name.official, TYPE_BIT.LOC!);
    for (const a of c.altSpellings ?? []) add(a, TYPE_BIT.LOC!);
    for (const a of c.capital ?? []) add(a, TYPE_BIT.LOC!);
    add(c.demonyms?.eng?.m, TYPE_BIT.MISC!);
    add(c.demonyms?.eng?.f, TYPE_BIT.MISC!);
  }
  const json = (name: string) => {
    try {
      return JSON.parse(readFileSync(dataPath(name), 'utf8')) as Record<string, unknown>;
    } catch {
      console.warn(`external names: cannot read data/${name}`);
      return {};
    }
  };
  const extra = json('countries-extra.json') as {
    overrides?: Record<string, { addAliases?: string[]; demonyms?: string[]; capitals?: string[] }>;
    historical?: { name: string; aliases?: string[]; demonyms?: string[]; capitals?: string[] }[];
  };
  for (const o of Object.values(extra.overrides ?? {})) {
    for (const a of o.addAliases ?? []) add(a, TYPE_BIT.LOC!);
    for (const a of o.capitals ?? []) add(a, TYPE_BIT.LOC!);
    for (const a of o.demonyms ?? []) add(a, TYPE_BIT.MISC!);
  }
  for (const h of extra.historical ?? []) {
    add(h.name, TYPE_BIT.LOC!);
    for (const a of h.aliases ?? []) add(a, TYPE_BIT.LOC!);
    for (const a of h.capitals ?? []) add(a, TYPE_BIT.LOC!);
    for (const a of h.demonyms ?? []) add(a, TYPE_BIT.MISC!);
  }
  const places = json('places.json') as { groups?: { places?: unknown[] }[] };
  for (const g of places.groups ?? []) for (const p of g.places ?? []) for (const n of Array.isArray(p) ? p : [p]) add(n, TYPE_BIT.LOC!);
  const orgs = json('organizations.json') as { groups?: { orgs?: unknown[] }[] };
  for (const g of orgs.groups ?? []) {
    for (const o of g.orgs ?? []) {
      if (Array.isArray(o)) for (const n of o) add(n, TYPE_BIT.ORG!);
      else if (o && typeof o === 'object') {
        const r = o as { name?: unknown; aliases?: unknown[] };
        add(r.name, TYPE_BIT.ORG!);
        for (const n of r.aliases ?? []) add(n, TYPE_BIT.ORG!);
      }
    }
  }
  return out;
}

/** A CoNLL headline in capitals ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .") set in Title
 *  Case as web headlines are ("Soccer - Japan Get Lucky Win , China in Surprise Defeat ."), or null. */
function titleCased(words: readonly string[]): string[] | null {
  const cased = words.filter((w) => /\p{L}\p{L}/u.test(w));
  if (cased.length < 4 || cased.filter((w) => w === w.toUpperCase()).length < 0.8 * cased.length) return null;
  return words.map((w, i) => {
    if (w.includes('.') || !/\p{L}/u.test(w)) return w;
    const lower = w.toLowerCase();
    if (i > 0 && NER_RULES.titleCaseMinor.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}

/** Copies of the training documents that open with capitalised headlines, the headlines in Title Case. */
function titleCaseCopies(docs: readonly ConllDocument[]): { doc: ConllDocument; of: number }[] {
  const out: { doc: ConllDocument; of: number }[] = [];
  docs.forEach((d, i) => {
    let changed = false;
    const sentences = d.sentences.map((s) => {
      const t = titleCased(s.tokens.map((x) => x.word));
      if (!t) return s;
      changed = true;
      return { tokens: s.tokens.map((x, k) => ({ ...x, word: t[k]! })) };
    });
    if (changed) out.push({ doc: { sentences }, of: i });
  });
  return out;
}

const sentencesOf = (d: ConllDocument) => d.sentences.map((s) => s.tokens.map((t) => t.word));
const tagsOf = (docs: readonly ConllDocument[]) => docs.flatMap((d) => d.sentences.map((s) => s.tokens.map((t) => t.tag)));

function evaluate(docs: readonly PreparedDocument[], space: FeatureSpace, W: Float32Array, goldTags: string[][]) {
  const pred: string[][] = [];
  for (const d of docs) for (const ls of decodeDocument(d.context, space, () => W, d)) pred.push([...ls].map((l) => NER_LABELS[l]!));
  return scoreChunks(goldTags, pred);
}

/** The softmax temperature that makes span confidence best match span correctness (Brier score) on testa. */
function calibrate(docs: readonly PreparedDocument[], space: FeatureSpace, W: Float32Array, goldTags: string[][]): number {
  const spans: { sc: Float32Array; ls: Uint8Array; start: number; end: number; ok: number }[] = [];
  let s = 0;
  for (const d of docs) {
    const scores: Float32Array[] = [];
    const labels = decodeDocument(d.context, space, () => W, d, undefined, scores);
    labels.forEach((ls, k) => {
      const gold = new Set(chunks(goldTags[s]!).map((c) => `${c.start}:${c.end}:${c.type}`));
      for (const sp of labelSpans(ls)) spans.push({ sc: scores[k]!, ls, start: sp.start, end: sp.end, ok: gold.has(`${sp.start}:${sp.end}:${sp.type}`) ? 1 : 0 });
      s++;
    });
  }
  let best = { t: 1, brier: Infinity };
  for (let t = 0.5; t <= 200; t *= 1.25) {
    let b = 0;
    for (const sp of spans) b += (spanConfidence(sp.sc, sp.ls, sp.start, sp.end, t) - sp.ok) ** 2;
    b /= spans.length;
    if (b < best.brier) best = { t, brier: b };
  }
  console.log(`confidence temperature ${best.t.toFixed(2)} (Brier ${best.brier.toFixed(4)} over ${spans.length} testa spans)`);
  return best.t;
}

/** BIO -> IOB1 (B- only between touching spans of one type), for token accuracy against IOB1 gold. */
function toIob1(tags: readonly string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('B-')) return t;
    const prev = i > 0 ? tags[i - 1]! : 'O';
    return prev !== 'O' && prev.slice(2) === t.slice(2) ? t : `I-${t.slice(2)}`;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Word clusters from unlabelled news (predictive exchange clustering, Uszkoreit & Brants 2008): a word's
// class is chosen to best predict the words that follow it (or, for the left-context run, precede it),
// maximising sum N(c,w) log N(c,w) - sum N(c) log N(c). Each run gives a flat clustering; runs at several
// sizes serve as coarse-to-fine levels.

/** Unlabelled text whose terms allow deriving statistics from it: Reuters-21578 (1987 newswire, free
 *  distribution for research), public-domain news (VOA, State Department, White House; 2020s) and the words
 *  of eng.train (never testa). PolNeAr is left out: its texts are for evaluation only. */
function unlabelledTexts(train: readonly ConllDocument[]): string[] {
  const dir = datasetsDir();
  const texts: string[] = [];
  const jsonl = (file: string, field: string, key?: string) => {
    let raw: Buffer;
    try {
      raw = readFileSync(path.join(dir, file));
    } catch {
      console.warn(`clusters: ${file} not found, skipped`);
      return;
    }
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const seen = new Set<string>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const j = JSON.parse(line) as Record<string, unknown>;
      if (key) {
        const k = String(j[key]);
        if (seen.has(k)) continue;
        seen.add(k);
      }
      const t = j[field];
      if (typeof t === 'string') texts.push(t);
    }
  };
  jsonl('reuters21578/reuters21578-train.jsonl.gz', 'body');
  jsonl('public-domain-news/articles.jsonl', 'text');
  for (const d of train) texts.push(d.sentences.map((s) => s.tokens.map((t) => t.word).join(' ')).join('\n'));
  return texts;
}

/** Tokens much as wink-nlp cuts them: words keep inner . - ' & ("U.S.", "Coca-Cola", "AT&T"), a possessive
 *  's stands apart, other punctuation is one token per character. Line breaks are sentence ends (""). */
const CLUSTER_TOKEN =
  /\n|['’]s\b|n['’]t\b|['’](?:re|ve|ll|d|m)\b|[\p{L}\p{N}](?:[\p{L}\p{N}&-]|(?!['’]s\b|n['’]t\b|['’](?:re|ve|ll|d|m)\b)[.'’](?=[\p{L}\p{N}])|(?<=\p{N}),(?=\p{N}))*\.?(?<=\p{Lu}\.|[^.])|[^\s\p{L}\p{N}]/gu;
function clusterTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/\r/g, '').replace(/([.!?])\s+(?=[A-Z"])/g, '$1\n').matchAll(CLUSTER_TOKEN)) out.push(m[0] === '\n' ? '' : m[0]);
  return out;
}

interface ClusterCorpus {
  vocab: string[];
  /** token ids; 0 = sentence boundary, 1 = rare word */
  ids: Int32Array;
  counts: Float64Array;
}

function clusterCorpus(texts: readonly string[], minCount: number): ClusterCorpus {
  const freq = new Map<string, number>();
  const all: string[][] = texts.map(clusterTokens);
  for (const toks of all) for (const t of toks) if (t !== '') freq.set(t, (freq.get(t) ?? 0) + 1);
  const vocab = ['<s>', '<unk>', ...[...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1]).map(([w]) => w)];
  const id = new Map(vocab.map((w, i) => [w, i]));
  let n = 0;
  for (const toks of all) n += toks.length + 1;
  const ids = new Int32Array(n);
  let k = 0;
  for (const toks of all) {
    ids[k++] = 0;
    for (const t of toks) ids[k++] = t === '' ? 0 : (id.get(t) ?? 1);
  }
  const counts = new Float64Array(vocab.length);
  for (let i = 0; i < ids.length; i++) counts[ids[i]!]!++;
  return { vocab, ids, counts };
}

/** Flat classes of every vocabulary word; `right` clusters by following words, else by preceding words. */

/** word -> cluster names, one per run ("r64:17", "r400:212", "l256:3"). */
function buildClusters(train: readonly ConllDocument[]): Map<string, string[]> {
  const t0 = Date.now();
  const corpus = clusterCorpus(unlabelledTexts(train), SETTINGS.clusterMinCount);
  console.log(`clusters: ${corpus.ids.length} tokens, ${corpus.vocab.length} words (count >= ${SETTINGS.clusterMinCount})`);
  const runs = SETTINGS.clusterRuns.map(([K, passes, side]) => ({ name: `${side}${K}`, cls: exchangeClusters(corpus, K, passes, side === 'r', (line) => console.log(line)) }));
  const out = new Map<string, string[]>();
  for (let v = 2; v < corpus.vocab.length; v++) out.set(corpus.vocab[v]!, runs.map((r) => `${r.name}:${r.cls[v]}`));
  console.log(`clusters built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return out;
}

function main(): void {
  const epochs = Number(arg('--epochs') ?? SETTINGS.epochs);
  const folds = Number(arg('--folds') ?? SETTINGS.folds);
  const out = arg('--out') ?? dataPath(NER_MODEL_FILE);
  const write = !process.argv.includes('--no-write');
  const t0 = Date.now();
  if (!existsSync(conllPath('eng.train'))) {
    console.error(`CoNLL-2003 not found at ${conllPath('eng.train')}: set LODESTONE_DATASETS to the folder holding conll2003/`);
    process.exit(2);
  }
  const train = readConll(conllPath('eng.train'));
  const testa = readConll(conllPath('eng.testa'));
  console.log(`read ${train.length} train documents, ${testa.length} testa documents`);

  const dicts = buildDicts(train);
  const clusters = process.argv.includes('--no-clusters') ? new Map<string, string[]>() : buildClusters(train);
  for (const names of clusters.values()) for (const c of names) if (!dicts.c.has(c)) dicts.c.set(c, dicts.c.size);
  const index = new FeatureIndex(1 << 20);
  const space = featureSpace(dicts, clusters, index, true);
  const evalSpace = featureSpace(dicts, clusters, index, false);
  const extGaz = buildGazetteer(externalNames());

  // gazetteers: each training fold sees the names of the other folds only
  const foldGaz: Gazetteer[] = [];
  for (let k = 0; k < folds; k++) foldGaz.push(buildGazetteer(entityPhrases(train.filter((_, i) => i % folds !== k))));
  const fullGaz = buildGazetteer(entityPhrases(train));

  const context = (d: ConllDocument, gaz: Gazetteer, sp: FeatureSpace): DocumentContext => documentContext(sentencesOf(d), sp, gaz, extGaz);
  const copies = process.argv.includes('--no-title-case') ? [] : titleCaseCopies(train);
  const trainDocs = [...train.map((doc, i) => ({ doc, of: i })), ...copies];
  console.log(`${copies.length} training documents copied with Title Case headlines`);
  const prepTrain = trainDocs.map(({ doc, of }) => prepareDocument(context(doc, foldGaz[of % folds]!, space), space));
  const gold = trainDocs.map(({ doc }) => doc.sentences.map((s) => bioLabels(s.tokens.map((t) => t.tag))));
  const prepTesta = testa.map((d) => prepareDocument(context(d, fullGaz, evalSpace), evalSpace));
  const testaTags = tagsOf(testa);
  console.log(`prepared: ${index.size} static features, ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // averaged perceptron: w current weights, u time-weighted updates; average = w - u / c
  let w = new Float64Array(index.size * NL * 2);
  let u = new Float64Array(index.size * NL * 2);
  let c = 1;
  const ensure = () => {
    if (index.size * NL <= w.length) return;
    const nw = new Float64Array(index.size * NL * 2);
    nw.set(w);
    w = nw;
    const nu = new Float64Array(index.size * NL * 2);
    nu.set(u);
    u = nu;
  };
  const update = (rows: Int32Array, n: number, g: number, guess: number) => {
    for (let k = 0; k < n; k++) {
      const base = rows[k]! * NL;
      w[base + g]! += 1;
      u[base + g]! += c;
      w[base + guess]! -= 1;
      u[base + guess]! -= c;
    }
  };
  const averaged = () => {
    const avg = new Float32Array(index.size * NL);
    for (let i = 0; i < avg.length; i++) avg[i] = w[i]! - u[i]! / c;
    return avg;
  };

  const rand = mulberry32(SETTINGS.seed);
  const order = trainDocs.map((_, i) => i);
  let best = { f1: -1, epoch: 0, weights: new Float32Array(0), size: 0 };
  for (let e = 1; e <= epochs; e++) {
    const te = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    let tokens = 0;
    for (const di of order) {
      const doc = prepTrain[di]!;
      const learner = {
        gold: gold[di]!,
        ensure,
        update: (rows: Int32Array, n: number, gl: number, guess: number) => {
          mistakes++;
          update(rows, n, gl, guess);
        },
      };
      decodeDocument(doc.context, space, () => w, doc, learner);
      for (const s of doc.context.sentences) {
        tokens += s.n;
        c += s.n;
      }
    }
    ensure();
    const avg = averaged();
    const score = evaluate(prepTesta, evalSpace, avg, testaTags);
    const f = score.overall.f1;
    console.log(
      `epoch ${e}: train errors ${((100 * mistakes) / tokens).toFixed(2)}%  testa F1 ${f.toFixed(2)}  ` +
        NER_TYPES.map((t) => `${t} ${score.byType[t]?.f1.toFixed(2)}`).join('  ') +
        `  (${((Date.now() - te) / 1000).toFixed(1)} s)`,
    );
    if (f > best.f1) best = { f1: f, epoch: e, weights: avg, size: index.size };
  }
  console.log(`best epoch ${best.epoch}: testa F1 ${best.f1.toFixed(2)}; training took ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  // prune, remap atoms to those still used, quantise
  const W = best.weights;
  let maxAbs = 0;
  for (let i = 0; i < W.length; i++) maxAbs = Math.max(maxAbs, Math.abs(W[i]!));
  const threshold = maxAbs * SETTINGS.pruneShare;
  const keys = index.keys();
  const kinds = { w: dicts.w, s: dicts.s, p: dicts.p, x: dicts.x, c: dicts.c } as const;
  const used: Record<string, Map<number, number>> = { w: new Map(), s: new Map(), p: new Map(), x: new Map(), c: new Map() };
  const names: Record<string, string[]> = {};
  for (const [k, m] of Object.entries(kinds)) {
    names[k] = [];
    for (const [s, id] of m) names[k]![id] = s;
  }
  // the padding words must survive (looked up by name at run time)
  for (const p of PAD_WORDS) {
    for (const k of ['w', 's'] as const) {
      const id = kinds[k].get(p)!;
      used[k]!.set(id, used[k]!.size);
    }
  }
  const keptRows: number[] = [];
  for (let r = 0; r < best.size; r++) {
    let m = 0;
    for (let l = 0; l < NL; l++) m = Math.max(m, Math.abs(W[r * NL + l]!));
    if (m < threshold) continue;
    keptRows.push(r);
  }
  const remap = (kind: string, id: number) => {
    if (kind === 'k' || kind === '-') return id;
    const m = used[kind]!;
    let v = m.get(id);
    if (v === undefined) m.set(id, (v = m.size));
    return v;
  };
  const outKeys = new Int32Array(keptRows.length * 3);
  const q = new Int16Array(keptRows.length * NL);
  const scale = maxAbs / 32767;
  keptRows.forEach((r, j) => {
    const t = keys[r * 3]!;
    const [, ka, kb] = TEMPLATES[t]!;
    outKeys[j * 3] = t;
    outKeys[j * 3 + 1] = remap(ka, keys[r * 3 + 1]!);
    outKeys[j * 3 + 2] = kb === '-' ? -1 : remap(kb, keys[r * 3 + 2]!);
    for (let l = 0; l < NL; l++) q[j * NL + l] = Math.round(W[r * NL + l]! / scale);
  });
  const dictOut = {} as Record<keyof Dicts, string[]>;
  for (const k of Object.keys(kinds) as (keyof Dicts)[]) {
    const arr: string[] = [];
    for (const [old, nw] of used[k]!) arr[nw] = names[k]![old]!;
    dictOut[k] = arr;
  }
  const usedCluster = new Set(dictOut.c);
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse HEAD', { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    /* no commit yet */
  }
  const header: NerModelFile = {
    about: 'Averaged-perceptron NER (BIO over PER, ORG, LOC, MISC) trained on CoNLL-2003 eng.train by eval/train-ner.ts; see data/ner-model.README.md.',
    labels: NER_LABELS,
    templates: TEMPLATES.map((t) => t[0]),
    dicts: dictOut,
    gazetteer: gazetteerPhrases(fullGaz),
    external: gazetteerPhrases(extGaz),
    clusters: Object.fromEntries([...clusters].filter(([, names]) => names.some((c) => usedCluster.has(c)))),
    temperature: calibrate(prepTesta, evalSpace, W, testaTags),
    features: keptRows.length,
    scale,
    provenance: {
      data: 'CoNLL-2003 English eng.train (training), eng.testa (epoch selection)',
      script: 'eval/train-ner.ts',
      commit,
      epochs: best.epoch,
      folds,
      settings: SETTINGS,
      testaF1: Number(best.f1.toFixed(2)),
      trainedAt: new Date().toISOString(),
    },
  };
  const bytes = gzipSync(encodeModel(header, outKeys, q), { level: 9 });
  console.log(`model: ${keptRows.length} of ${best.size} features kept, ${(bytes.length / 1e6).toFixed(2)} MB gzip'd`);

  // score the artifact itself through the runtime path, and time it
  const model = nerModelFromBuffer(bytes);
  const pred: string[][] = [];
  const tt = Date.now();
  let ntok = 0;
  for (const d of testa) {
    const sents = sentencesOf(d);
    const spans = model.tagDocument(sents);
    sents.forEach((ws, s) => {
      ntok += ws.length;
      const tags = ws.map(() => 'O');
      for (const sp of spans[s]!) for (let i = sp.start; i < sp.end; i++) tags[i] = `${i === sp.start ? 'B' : 'I'}-${sp.type}`;
      pred.push(toIob1(tags));
    });
  }
  const secs = (Date.now() - tt) / 1000;
  const final = scoreChunks(testaTags, pred);
  console.log(`saved model on testa (tagDocument, ${Math.round(ntok / secs)} tokens/s incl. preparation):\n${formatScore(final)}`);
  (header.provenance as Record<string, unknown>).testa = {
    overall: round(final.overall),
    ...Object.fromEntries(Object.entries(final.byType).map(([t, p]) => [t, round(p)])),
  };
  if (write) {
    const finalBytes = gzipSync(encodeModel(header, outKeys, q), { level: 9 });
    writeFileSync(out, finalBytes);
    console.log(`wrote ${out}`);
  }
}

const round = (p: { precision: number; recall: number; f1: number }) => ({
  precision: Number(p.precision.toFixed(2)),
  recall: Number(p.recall.toFixed(2)),
  f1: Number(p.f1.toFixed(2)),
});

main();
