// Trains the part-of-speech tagger and the dependency parser of src/nlp/syntax/ on UD English EWT (train),
// chooses epochs on the first half of the dev documents, and writes data/syntax-model.bin.gz. The saved file is
// loaded back the way the runtime loads it and scored on dev (whole, first half, second half).
//
//   npx tsc -p . && node dist/eval/train-syntax.js [--out FILE] [--no-write] [--tag-epochs N] [--parse-epochs N]
//        [--folds K] [--datasets DIR]
//
// Deterministic: every shuffle and every exploration draw comes from seeded PRNGs, and all maps are iterated in
// insertion order of sorted input, so two runs write the same weights (only `info.trainedAt` and `info.commit`
// differ).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import { datasetsDir } from '../bench/datasets.js';
import { dataPath, PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { readConllu, type ConlluSentence } from '../src/nlp/syntax/conllu.js';
import { clusterCorpus, clusterTokens, exchangeClusters } from './syntax-clusters.js';
import { denseToSparse, KeyTable, mergeSparse, mulberry32, normWord, PerceptronTrainer, shuffle, strHash } from '../src/nlp/syntax/features.js';
import { learnLemmas } from '../src/nlp/syntax/lemma.js';
import {
  LEFT,
  labelFeatures,
  parseAtoms,
  parserAtoms,
  parserTrainBuffers,
  projectivize,
  RIGHT,
  SHIFT,
  trainerParserScorer,
  trainParserSentence,
  transitionCosts,
  transitionFeatures,
  ParseState,
  PARSER_MAX_FEATURES,
  LABEL_MAX_FEATURES,
  type LabelSpace,
  type ParserAtoms,
} from '../src/nlp/syntax/parser.js';
import { sentenceAtoms, tagAtoms, taggerFeatures, trainerScorer, trainTaggerSentence, TAG_START, TAGGER_MAX_FEATURES, type Atoms, type Lexicon } from '../src/nlp/syntax/tagger.js';
import { encodeSyntaxModel, syntaxModelFromBuffer, SYNTAX_MODEL_FILE, type SyntaxModelParts } from '../src/nlp/syntax/index.js';
import { devHalfDoc, docIndex, scoreGoldTok, type PredWord } from './ud-score.js';

const SETTINGS = {
  seed: 20140526,
  /** combined UPOS+XPOS tags seen fewer times become "UPOS <its most frequent XPOS>" */
  minTagCount: 10,
  /** exchange clustering: [classes, 'r' by following words | 'l' by preceding words]; coarse, middle, fine */
  clusterRuns: [
    [64, 'r'],
    [256, 'r'],
    [1024, 'r'],
  ] as [number, 'r' | 'l'][],
  clusterPasses: 5,
  clusterMinCount: 3,
  /** ambiguity classes for words seen at least this often in train; tags with at least this share */
  ambMinCount: 3,
  ambMinShare: 0.05,
  tagEpochs: 12,
  /** tagger features seen fewer times (with gold history) get no weights */
  tagMinCount: 2,
  /** jack-knifing folds for the parser's training tags */
  folds: 5,
  parseEpochs: 20,
  /** parser features seen fewer times on the oracle path get no weights */
  parseMinCount: 2,
  /** error exploration from this epoch on (1-based), following wrong predictions with this probability */
  exploreFrom: 2,
  pExplore: 0.9,
  /** weights below this share of the largest weight of their set are dropped from the saved model (transition
   *  weights of the parser, label weights of the parser, tagger weights) */
  pruneShare: { transitions: 0.02, labels: 0.01, tagger: 0.005 },
};

// --set key=value overrides a numeric setting (for experiments; the shipped model uses the values above)
for (let i = 0; i < process.argv.length; i++) {
  if (process.argv[i] !== '--set') continue;
  const [k, v] = process.argv[i + 1]!.split('=') as [string, string];
  if (!(k in SETTINGS) || typeof (SETTINGS as Record<string, unknown>)[k] !== 'number') throw new Error(`--set: no numeric setting ${k}`);
  (SETTINGS as Record<string, unknown>)[k] = Number(v);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
if (arg('--datasets')) process.env.LODESTONE_DATASETS = path.resolve(arg('--datasets')!);

const T0 = Date.now();
const secs = () => ((Date.now() - T0) / 1000).toFixed(0);
const log = (s: string) => console.log(`[${secs().padStart(4)} s] ${s}`);

function readSplit(name: string): ConlluSentence[] {
  const file = path.join(datasetsDir(), 'ud-english-ewt', `en_ewt-ud-${name}.conllu.gz`);
  if (!existsSync(file)) {
    console.error(`UD English EWT not found at ${file}: set LODESTONE_DATASETS or --datasets to the folder holding ud-english-ewt/`);
    process.exit(2);
  }
  return readConllu(gunzipSync(readFileSync(file)).toString('utf8'));
}

interface Prepared {
  words: string[];
  atoms: Atoms;
  gold: Int32Array;
  /** gold heads 0-based (n = root), projectivised, and label ids */
  heads: Int32Array;
  labels: Int32Array;
}

function main(): void {
  const write = !process.argv.includes('--no-write');
  const out = arg('--out') ?? dataPath(SYNTAX_MODEL_FILE);
  const tagEpochs = Number(arg('--tag-epochs') ?? SETTINGS.tagEpochs);
  const parseEpochs = Number(arg('--parse-epochs') ?? SETTINGS.parseEpochs);
  const folds = Number(arg('--folds') ?? SETTINGS.folds);

  const train = readSplit('train');
  const dev = readSplit('dev');
  const devDocs = docIndex(dev);
  const nDevDocs = devDocs[devDocs.length - 1]! + 1;
  const halfDoc = devHalfDoc(dev);
  const devA = dev.filter((_, i) => devDocs[i]! < halfDoc);
  const devB = dev.filter((_, i) => devDocs[i]! >= halfDoc);
  log(`read ${train.length} train sentences, ${dev.length} dev sentences (${nDevDocs} documents; half A: documents 1-${halfDoc}, ${devA.length} sentences; half B: ${devB.length} sentences)`);

  // --- tag set ------------------------------------------------------------------------------------------------
  const comboCount = new Map<string, number>();
  const xposByUpos = new Map<string, Map<string, number>>();
  for (const s of train) {
    for (const w of s.words) {
      const k = `${w.upos} ${w.xpos}`;
      comboCount.set(k, (comboCount.get(k) ?? 0) + 1);
      let m = xposByUpos.get(w.upos);
      if (!m) xposByUpos.set(w.upos, (m = new Map()));
      m.set(w.xpos, (m.get(w.xpos) ?? 0) + 1);
    }
  }
  const tags = [...comboCount].filter(([, c]) => c >= SETTINGS.minTagCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const tagId = new Map(tags.map((t, i) => [t, i]));
  const uposDefault = new Map<string, number>();
  for (const [upos, m] of [...xposByUpos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    let id = tagId.get(`${upos} ${best}`);
    if (id === undefined) {
      id = tags.length;
      tags.push(`${upos} ${best}`);
      tagId.set(`${upos} ${best}`, id);
    }
    uposDefault.set(upos, id);
  }
  const tagOf = (upos: string, xpos: string) => tagId.get(`${upos} ${xpos}`) ?? uposDefault.get(upos) ?? 0;
  const tagUpos = tags.map((t) => t.split(' ')[0]!);
  log(`${tags.length} combined tags`);

  // --- labels ---------------------------------------------------------------------------------------------------
  const labCount = new Map<string, number>();
  for (const s of train) for (const w of s.words) labCount.set(w.deprel, (labCount.get(w.deprel) ?? 0) + 1);
  const labels = [...labCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  if (labels.length > 64) throw new Error(`${labels.length} labels: the label sets hold 64`);
  const labelId = new Map(labels.map((l, i) => [l, i]));
  const allowedLeft = new Uint8Array(labels.length);
  const allowedRight = new Uint8Array(labels.length);
  for (const s of train) {
    for (const w of s.words) {
      if (w.head <= 0) continue;
      if (w.head > w.id) allowedLeft[labelId.get(w.deprel)!] = 1;
      else allowedRight[labelId.get(w.deprel)!] = 1;
    }
  }
  const ls: LabelSpace = { labels, root: labelId.get('root') ?? 0, allowedLeft, allowedRight };
  log(`${labels.length} dependency labels`);

  // --- word clusters -------------------------------------------------------------------------------------------
  const texts: string[][] = [];
  const jsonl = (rel: string, field: string) => {
    const file = path.join(datasetsDir(), rel);
    if (!existsSync(file)) {
      log(`clusters: ${rel} not found, skipped`);
      return;
    }
    const raw = readFileSync(file);
    const text = (rel.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const t = (JSON.parse(line) as Record<string, unknown>)[field];
      if (typeof t === 'string') texts.push(clusterTokens(t));
    }
  };
  jsonl('reuters21578/reuters21578-train.jsonl.gz', 'body');
  jsonl('public-domain-news/articles.jsonl', 'text');
  for (const s of train) texts.push(s.words.map((w) => normWord(w.form)));
  const corpus = clusterCorpus(texts, SETTINGS.clusterMinCount);
  log(`clusters: ${corpus.ids.length} tokens, ${corpus.vocab.length} words (count >= ${SETTINGS.clusterMinCount})`);
  const runs = SETTINGS.clusterRuns.map(([K, side]) => exchangeClusters(corpus, K, SETTINGS.clusterPasses, side === 'r'));
  log('clusters built');

  // --- lexicon: clusters and ambiguity classes ---------------------------------------------------------------
  const wordTags = new Map<string, Map<string, number>>();
  for (const s of train) {
    for (const w of s.words) {
      const k = normWord(w.form);
      let m = wordTags.get(k);
      if (!m) wordTags.set(k, (m = new Map()));
      m.set(w.upos, (m.get(w.upos) ?? 0) + 1);
    }
  }
  const ambIds = new Map<string, number>();
  const ambOf = new Map<string, number>();
  for (const [word, m] of wordTags) {
    let total = 0;
    for (const c of m.values()) total += c;
    if (total < SETTINGS.ambMinCount) continue;
    const set = [...m].filter(([, c]) => c >= SETTINGS.ambMinShare * total).map(([t]) => t).sort().join('|');
    let id = ambIds.get(set);
    if (id === undefined) ambIds.set(set, (id = ambIds.size + 1));
    ambOf.set(word, id);
  }
  const lexWords = [...new Set([...corpus.vocab.slice(2), ...[...ambOf.keys()].sort()])];
  const lexTable = new KeyTable(lexWords.length);
  const lexClusters = new Uint16Array(lexWords.length * 3);
  const lexAmb = new Uint16Array(lexWords.length);
  const vocabIndex = new Map(corpus.vocab.map((w, i) => [w, i]));
  for (const w of lexWords) {
    const r = lexTable.add(strHash(w));
    if (r !== lexTable.size - 1) continue; // hash collision: first word keeps the row
    const v = vocabIndex.get(w);
    if (v !== undefined) for (let k = 0; k < 3; k++) lexClusters[r * 3 + k] = runs[k]![v]! + 1;
    lexAmb[r] = ambOf.get(w) ?? 0;
  }
  const lexicon: Lexicon = { table: lexTable, clusters: lexClusters.subarray(0, lexTable.size * 3), amb: lexAmb.subarray(0, lexTable.size) };
  log(`lexicon: ${lexTable.size} words, ${ambIds.size} ambiguity classes`);

  // --- prepared sentences --------------------------------------------------------------------------------------
  let lifted = 0;
  const prepare = (s: ConlluSentence): Prepared => {
    const words = s.words.map((w) => w.form);
    const n = words.length;
    const heads = new Int32Array(n);
    const labs = new Int32Array(n);
    s.words.forEach((w, i) => {
      heads[i] = w.head <= 0 ? n : w.head - 1;
      labs[i] = labelId.get(w.deprel) ?? 0;
    });
    return { words, atoms: sentenceAtoms(words, lexicon), gold: Int32Array.from(s.words, (w) => tagOf(w.upos, w.xpos)), heads, labels: labs };
  };
  const trainP = train.map(prepare);
  for (const p of trainP) if (projectivize(p.heads) > 0) lifted++;
  const devP = dev.map(prepare);
  const devAP = devA.map(prepare);
  log(`prepared; ${lifted} training sentences had non-projective arcs lifted`);

  // --- tagger ----------------------------------------------------------------------------------------------------
  const tagUposAcc = (sents: readonly Prepared[], pred: readonly Int32Array[]) => {
    let ok = 0;
    let n = 0;
    sents.forEach((s, i) => {
      for (let k = 0; k < s.gold.length; k++) {
        n++;
        if (tagUpos[pred[i]![k]!] === tagUpos[s.gold[k]!]) ok++;
      }
    });
    return (100 * ok) / n;
  };
  const newTagger = (sents: readonly Prepared[]) => {
    const counts = new KeyTable(1 << 20);
    let cnt = new Uint32Array(1 << 20);
    const keys = new Uint32Array(TAGGER_MAX_FEATURES);
    for (const s of sents) {
      let p1 = TAG_START;
      let p2 = TAG_START;
      for (let i = 0; i < s.atoms.n; i++) {
        const nk = taggerFeatures(s.atoms, i, p1, p2, keys);
        for (let k = 0; k < nk; k++) {
          const r = counts.add(keys[k]!);
          if (r >= cnt.length) {
            const c2 = new Uint32Array(cnt.length * 2);
            c2.set(cnt);
            cnt = c2;
          }
          cnt[r]!++;
        }
        p2 = p1;
        p1 = s.gold[i]!;
      }
    }
    const tr = new PerceptronTrainer(tags.length);
    const all = counts.keyList();
    for (let r = 0; r < all.length; r++) if (cnt[r]! >= SETTINGS.tagMinCount) tr.row(all[r]!);
    tr.frozen = true;
    return tr;
  };
  const trainTagger = (sents: readonly Prepared[], epochs: number, seed: number, evalOn: readonly Prepared[] | null, label: string) => {
    const tr = newTagger(sents);
    const rand = mulberry32(seed);
    const order = sents.map((_, i) => i);
    let best: { acc: number; epoch: number; avg: Float32Array } = { acc: -1, epoch: 0, avg: new Float32Array(0) };
    for (let e = 1; e <= epochs; e++) {
      shuffle(order, rand);
      let errors = 0;
      let n = 0;
      for (const i of order) {
        errors += trainTaggerSentence(sents[i]!.atoms, sents[i]!.gold, tr);
        n += sents[i]!.atoms.n;
      }
      const avg = tr.averaged();
      if (evalOn) {
        const sc = trainerScorer(tr, avg);
        const acc = tagUposAcc(evalOn, evalOn.map((s) => tagAtoms(s.atoms, sc)));
        log(`${label} epoch ${e}: train errors ${((100 * errors) / n).toFixed(2)}%, dev A UPOS ${acc.toFixed(2)}`);
        if (acc > best.acc) best = { acc, epoch: e, avg };
      } else best = { acc: 0, epoch: e, avg };
    }
    return { tr, ...best };
  };
  log(`tagger: training on all of train, ${tagEpochs} epochs at most`);
  const fullTagger = trainTagger(trainP, tagEpochs, SETTINGS.seed, devAP, 'tagger');
  log(`tagger: best epoch ${fullTagger.epoch} (dev A UPOS ${fullTagger.acc.toFixed(2)}), ${fullTagger.tr.table.size} features`);
  const tagScorer = trainerScorer(fullTagger.tr, fullTagger.avg);
  const devTags = devP.map((s) => tagAtoms(s.atoms, tagScorer));
  log(`tagger: dev UPOS ${tagUposAcc(devP, devTags).toFixed(2)}`);
  if (process.argv.includes('--tagger-only')) return;

  // jack-knifed training tags: each document fold tagged by a tagger trained on the other folds
  const trainDocs = docIndex(train);
  const jackTags: Int32Array[] = new Array(trainP.length);
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number) => trainDocs[i]! % folds === f;
    const rest = trainP.filter((_, i) => !inFold(i));
    const t = trainTagger(rest, fullTagger.epoch, SETTINGS.seed + 1 + f, null, `fold ${f + 1}`);
    const sc = trainerScorer(t.tr, t.avg);
    trainP.forEach((s, i) => {
      if (inFold(i)) jackTags[i] = tagAtoms(s.atoms, sc);
    });
    log(`jack-knife fold ${f + 1}/${folds} tagged`);
  }
  log(`jack-knifed train UPOS ${tagUposAcc(trainP, jackTags).toFixed(2)}`);

  // --- parser ---------------------------------------------------------------------------------------------------
  const trainAt: ParserAtoms[] = trainP.map((s, i) => parserAtoms(s.atoms, jackTags[i]!));
  const devAt: ParserAtoms[] = devP.map((s, i) => parserAtoms(s.atoms, devTags[i]!));
  const devAIdx = dev.map((_, i) => i).filter((i) => devDocs[i]! < halfDoc);

  // feature counts along the oracle path
  const countT = new KeyTable(1 << 22);
  const countL = new KeyTable(1 << 20);
  let cT: Uint32Array = new Uint32Array(1 << 22);
  let cL: Uint32Array = new Uint32Array(1 << 20);
  const bump = (tab: KeyTable, cnt: Uint32Array, key: number): Uint32Array => {
    const r = tab.add(key);
    if (r >= cnt.length) {
      const c2 = new Uint32Array(cnt.length * 2);
      c2.set(cnt);
      cnt = c2;
    }
    cnt[r]!++;
    return cnt;
  };
  {
    const keysT = new Uint32Array(PARSER_MAX_FEATURES);
    const keysL = new Uint32Array(LABEL_MAX_FEATURES);
    const costs = new Int32Array(3);
    trainP.forEach((p, i) => {
      const n = p.words.length;
      const st = new ParseState(n);
      while (!st.done) {
        const nt = transitionFeatures(st, trainAt[i]!, keysT);
        for (let k = 0; k < nt; k++) cT = bump(countT, cT, keysT[k]!);
        if (st.sp > 0) {
          const nl = labelFeatures(st, trainAt[i]!, keysL);
          for (let k = 0; k < nl; k++) cL = bump(countL, cL, keysL[k]!);
        }
        transitionCosts(st, p.heads, costs);
        const t = costs[LEFT] === 0 ? LEFT : costs[RIGHT] === 0 ? RIGHT : SHIFT;
        const s0 = st.stack[st.sp - 1]!;
        st.apply(t, t === SHIFT ? 0 : t === LEFT && st.b === n ? ls.root : p.labels[s0]!);
      }
    });
  }
  const T = new PerceptronTrainer(3);
  const L = new PerceptronTrainer(2 * labels.length);
  {
    const kt = countT.keyList();
    for (let r = 0; r < kt.length; r++) if (cT[r]! >= SETTINGS.parseMinCount) T.row(kt[r]!);
    const kl = countL.keyList();
    for (let r = 0; r < kl.length; r++) if (cL[r]! >= SETTINGS.parseMinCount) L.row(kl[r]!);
    T.frozen = true;
    L.frozen = true;
    log(`parser: ${T.table.size} of ${kt.length} transition features and ${L.table.size} of ${kl.length} label features kept (count >= ${SETTINGS.parseMinCount})`);
  }

  const parseSet = (idx: readonly number[], avgT: Float32Array, avgL: Float32Array) => {
    const sc = trainerParserScorer(T, L, avgT, avgL);
    const preds: PredWord[][] = [];
    for (const i of idx) {
      const n = devP[i]!.words.length;
      const r = parseAtoms(devAt[i]!, n, ls, sc);
      preds.push(Array.from({ length: n }, (_, k) => ({ upos: tagUpos[devTags[i]![k]!]!, head: r.heads[k]! >= n ? 0 : r.heads[k]! + 1, deprel: labels[r.labels[k]!]! })));
    }
    return scoreGoldTok(
      idx.map((i) => dev[i]!.words),
      preds,
    );
  };

  const rand = mulberry32(SETTINGS.seed ^ 0x9e3779b9);
  const order = trainP.map((_, i) => i);
  const buf = parserTrainBuffers(labels.length);
  let best: { las: number; uas: number; epoch: number; avgT: Float32Array; avgL: Float32Array } = { las: -1, uas: 0, epoch: 0, avgT: new Float32Array(0), avgL: new Float32Array(0) };
  for (let e = 1; e <= parseEpochs; e++) {
    const te = Date.now();
    shuffle(order, rand);
    let mistakes = 0;
    let steps = 0;
    const explore = e >= SETTINGS.exploreFrom ? SETTINGS.pExplore : 0;
    for (const i of order) {
      const p = trainP[i]!;
      const [m, s] = trainParserSentence(trainAt[i]!, p.words.length, p.heads, p.labels, ls, T, L, buf, explore, rand);
      mistakes += m;
      steps += s;
    }
    const avgT = T.averaged();
    const avgL = L.averaged();
    const sc = parseSet(devAIdx, avgT, avgL);
    log(
      `parser epoch ${e}: train mistakes ${((100 * mistakes) / steps).toFixed(2)}%, dev A UAS ${sc.uas.toFixed(2)} LAS ${sc.las.toFixed(2)} ` +
        `(${((Date.now() - te) / 1000).toFixed(1)} s)`,
    );
    if (sc.las > best.las) best = { las: sc.las, uas: sc.uas, epoch: e, avgT, avgL };
  }
  log(`parser: best epoch ${best.epoch} (dev A UAS ${best.uas.toFixed(2)} LAS ${best.las.toFixed(2)})`);

  // --- lemmas -----------------------------------------------------------------------------------------------------
  const keepCase = Uint8Array.from(tags, (t) => (t.startsWith('PROPN ') ? 1 : 0));
  const lemmaItems = train.flatMap((s) => s.words.map((w) => ({ form: w.form, tag: tagOf(w.upos, w.xpos), lemma: w.lemma })));
  const lemmas = learnLemmas(lemmaItems, tags.length, keepCase);
  log(`lemmas: ${lemmas.table.size} table entries, ${lemmas.rules.size} suffix rules`);

  // --- save -------------------------------------------------------------------------------------------------------
  const maxAbs = (a: Float32Array) => {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
    return m;
  };
  const tw = denseToSparse(fullTagger.tr.table.keyList(), fullTagger.avg, tags.length, maxAbs(fullTagger.avg) * SETTINGS.pruneShare.tagger);
  const pt = denseToSparse(T.table.keyList(), best.avgT, 3, maxAbs(best.avgT) * SETTINGS.pruneShare.transitions);
  const pl = denseToSparse(L.table.keyList(), best.avgL, 2 * labels.length, maxAbs(best.avgL) * SETTINGS.pruneShare.labels);
  const pw = mergeSparse(pt, pl, 3);
  log(`saved weights: tagger ${tw.rows} rows / ${tw.start[tw.rows]} weights; parser ${pw.rows} rows / ${pw.start[pw.rows]} weights (transitions ${pt.rows} rows, labels ${pl.rows})`);
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse HEAD', { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    /* not a checkout */
  }
  const info: Record<string, unknown> = {
    data: 'UD English EWT v2.16 (train for training; the first half of the dev documents for epoch selection)',
    script: 'eval/train-syntax.ts',
    commit,
    settings: SETTINGS,
    tagEpoch: fullTagger.epoch,
    parseEpoch: best.epoch,
    trainedAt: new Date().toISOString(),
  };
  const parts: SyntaxModelParts = { tags, labels, allowedLeft, allowedRight, lexicon, tagger: tw, parser: pw, lemmas, info };
  const bytes = gzipSync(encodeSyntaxModel(parts), { level: 9 });
  log(`model file: ${(bytes.length / 1e6).toFixed(2)} MB`);

  // --- the artifact itself on dev --------------------------------------------------------------------------------
  const tl = Date.now();
  const model = syntaxModelFromBuffer(bytes);
  const loadMs = Date.now() - tl;
  const evalModel = (sents: readonly ConlluSentence[]) => {
    const preds = sents.map((s) => model.parse(s.words.map((w) => w.form)).map((t) => ({ upos: t.upos, head: t.head, deprel: t.deprel, lemma: t.lemma })));
    return scoreGoldTok(
      sents.map((s) => s.words),
      preds,
    );
  };
  const tp = Date.now();
  const all = evalModel(dev);
  const wps = all.words / ((Date.now() - tp) / 1000);
  const a = evalModel(devA);
  const b = evalModel(devB);
  const fmt = (x: ReturnType<typeof evalModel>) =>
    `UPOS ${x.upos.toFixed(2)}  UAS ${x.uas.toFixed(2)}  LAS ${x.las.toFixed(2)}  LAS(full labels) ${x.lasFull.toFixed(2)}  UAS/LAS without punct ${x.uasNoPunct.toFixed(2)}/${x.lasNoPunct.toFixed(2)}  lemma ${x.lemma.toFixed(2)}  (${x.words} words)`;
  log(`saved model, dev:        ${fmt(all)}`);
  log(`saved model, dev half A: ${fmt(a)}`);
  log(`saved model, dev half B: ${fmt(b)}`);
  log(`decode ${loadMs} ms (in memory); tagging + parsing ${Math.round(wps)} words/s (first pass, cold JIT)`);
  info.dev = { upos: +all.upos.toFixed(2), uas: +all.uas.toFixed(2), las: +all.las.toFixed(2), lasFull: +all.lasFull.toFixed(2) };
  info.devA = { upos: +a.upos.toFixed(2), uas: +a.uas.toFixed(2), las: +a.las.toFixed(2) };
  info.devB = { upos: +b.upos.toFixed(2), uas: +b.uas.toFixed(2), las: +b.las.toFixed(2) };
  info.trainingSeconds = Math.round((Date.now() - T0) / 1000);
  if (write) {
    writeFileSync(out, gzipSync(encodeSyntaxModel(parts), { level: 9 }));
    log(`wrote ${out}`);
  }
}

main();
