// Part-of-speech tags, lemmas and labelled dependency trees for English sentences: the runtime side of the
// tagger (tagger.ts) and parser (parser.ts) trained on UD English EWT by eval/train-syntax.ts. The model file
// data/syntax-model.bin.gz (CC BY-SA 4.0, see data/syntax-model.README.md) is read on first use.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../../knowledge/paths.js';
import { KeyTable, type SparseWeights } from './features.js';
import { lemmatize, type LemmaTables } from './lemma.js';
import { decodeWeights, encodeWeights, packModel, unpackModel } from './model-io.js';
import { parseAtomsMerged, parserAtoms, type LabelSpace } from './parser.js';
import { sentenceAtoms, sparseScorer, tagAtoms, type Lexicon, type TagScorer } from './tagger.js';

export interface SyntaxToken {
  text: string;
  upos: string;
  /** Penn Treebank tag */
  xpos: string;
  lemma: string;
  /** 1-based head index in the sentence, 0 = root (as in CoNLL-U) */
  head: number;
  /** UD relation, with subtype where EWT has one ("nmod:poss", "compound:prt") */
  deprel: string;
}

export const SYNTAX_MODEL_FILE = 'syntax-model.bin.gz';

/** Everything the model file holds, as the trainer builds it and the runtime reads it. */
export interface SyntaxModelParts {
  /** combined tags "UPOS XPOS" */
  tags: string[];
  labels: string[];
  allowedLeft: Uint8Array;
  allowedRight: Uint8Array;
  lexicon: Lexicon;
  tagger: SparseWeights;
  /** transition weights (classes 0-2) and label weights (3 + labels for LEFT, then for RIGHT) in one table */
  parser: SparseWeights;
  lemmas: LemmaTables;
  /** free-form provenance and settings, stored in the header */
  info: Record<string, unknown>;
}

export class SyntaxModel {
  readonly upos: string[];
  readonly xpos: string[];
  readonly labelSpace: LabelSpace;
  private readonly tagScorer: TagScorer;

  constructor(readonly parts: SyntaxModelParts) {
    this.upos = parts.tags.map((t) => t.split(' ')[0]!);
    this.xpos = parts.tags.map((t) => t.split(' ')[1] ?? '_');
    const root = parts.labels.indexOf('root');
    this.labelSpace = { labels: parts.labels, root: root < 0 ? 0 : root, allowedLeft: parts.allowedLeft, allowedRight: parts.allowedRight };
    this.tagScorer = sparseScorer(parts.tagger, parts.tags.length);
  }

  /** Tag ids of the words (indexes into parts.tags). */
  tagIds(words: readonly string[]): Int32Array {
    if (words.length === 0) return new Int32Array(0);
    return tagAtoms(sentenceAtoms(words, this.parts.lexicon), this.tagScorer);
  }

  /** Tags only (no parse): UPOS, XPOS and lemma per word. */
  tag(words: readonly string[]): { upos: string; xpos: string; lemma: string }[] {
    const ids = this.tagIds(words);
    return Array.from(ids, (t, i) => ({ upos: this.upos[t]!, xpos: this.xpos[t]!, lemma: lemmatize(this.parts.lemmas, words[i]!, t) }));
  }

  /** Tags and parses one sentence of words; `tags` (tag ids) replaces the tagger's when given. */
  parse(words: readonly string[], tags?: ArrayLike<number>): SyntaxToken[] {
    const n = words.length;
    if (n === 0) return [];
    const atoms = sentenceAtoms(words, this.parts.lexicon);
    const ids = tags ?? tagAtoms(atoms, this.tagScorer);
    const { heads, labels } = parseAtomsMerged(parserAtoms(atoms, ids), n, this.labelSpace, this.parts.parser);
    const out: SyntaxToken[] = [];
    for (let i = 0; i < n; i++) {
      const t = ids[i]!;
      const h = heads[i]!;
      out.push({
        text: words[i]!,
        upos: this.upos[t]!,
        xpos: this.xpos[t]!,
        lemma: lemmatize(this.parts.lemmas, words[i]!, t),
        head: h < 0 || h >= n ? 0 : h + 1,
        deprel: this.parts.labels[labels[i]!] ?? 'dep',
      });
    }
    return out;
  }
}

// --- file format -----------------------------------------------------------------------------------------

export function encodeSyntaxModel(p: SyntaxModelParts): Buffer {
  const tw = encodeWeights(p.tagger, 'tagger');
  const tp = encodeWeights(p.parser, 'parser');
  const lemmaStrings = p.lemmas.strings;
  const header = {
    about: 'Lodestone part-of-speech tagger and dependency parser trained on UD English EWT v2.16 (CC BY-SA 4.0); see data/syntax-model.README.md.',
    license: 'CC BY-SA 4.0',
    tags: p.tags,
    labels: p.labels,
    scales: { tagger: tw.scale, parser: tp.scale },
    lemmaStrings,
    info: p.info,
  };
  return packModel(header, {
    allowedLeft: p.allowedLeft,
    allowedRight: p.allowedRight,
    'lex.keys': p.lexicon.table.keyList(),
    'lex.clusters': p.lexicon.clusters,
    'lex.amb': p.lexicon.amb,
    ...tw.sections,
    ...tp.sections,
    'lemma.keys': p.lemmas.table.keyList(),
    'lemma.lemma': p.lemmas.lemma,
    'lemma.rules': p.lemmas.rules.keyList(),
    'lemma.strip': p.lemmas.ruleStrip,
    'lemma.add': p.lemmas.ruleAdd,
    'lemma.keepCase': p.lemmas.keepCase,
  });
}

export function syntaxModelFromBuffer(buf: Buffer): SyntaxModel {
  // gunzip into one buffer of the size the gzip trailer announces (no growing and copying of output chunks)
  const gz = buf.length > 18 && buf[0] === 0x1f && buf[1] === 0x8b;
  const raw = gz ? gunzipSync(buf, { chunkSize: Math.max(64 * 1024, buf.readUInt32LE(buf.length - 4) + 16) }) : buf;
  const { header, sections } = unpackModel(raw);
  const h = header as { tags: string[]; labels: string[]; scales: Record<string, number>; lemmaStrings: string[]; info: Record<string, unknown> };
  const get = <T>(name: string) => {
    const s = sections.get(name);
    if (!s) throw new Error(`syntax model: section ${name} missing`);
    return s as unknown as T;
  };
  const lexKeys = get<Uint32Array>('lex.keys');
  const lexicon: Lexicon = { table: KeyTable.fromKeys(lexKeys), clusters: get<Uint16Array>('lex.clusters'), amb: get<Uint16Array>('lex.amb') };
  const lemmas: LemmaTables = {
    table: KeyTable.fromKeys(get<Uint32Array>('lemma.keys')),
    lemma: get<Uint32Array>('lemma.lemma'),
    rules: KeyTable.fromKeys(get<Uint32Array>('lemma.rules')),
    ruleStrip: get<Uint8Array>('lemma.strip'),
    ruleAdd: get<Uint32Array>('lemma.add'),
    strings: h.lemmaStrings,
    keepCase: get<Uint8Array>('lemma.keepCase'),
  };
  return new SyntaxModel({
    tags: h.tags,
    labels: h.labels,
    allowedLeft: get<Uint8Array>('allowedLeft'),
    allowedRight: get<Uint8Array>('allowedRight'),
    lexicon,
    tagger: decodeWeights(sections, 'tagger', h.scales.tagger!),
    parser: decodeWeights(sections, 'parser', h.scales.parser!),
    lemmas,
    info: h.info,
  });
}

let loaded: SyntaxModel | null = null;

/** The shipped model (data/syntax-model.bin.gz), loaded on first use and cached. */
export function loadSyntaxModel(): SyntaxModel {
  if (loaded === null) loaded = syntaxModelFromBuffer(readFileSync(dataPath(SYNTAX_MODEL_FILE)));
  return loaded;
}

/** Tags and parses one sentence given as words (tokenised as UD does: "do" "n't", punctuation apart). */
export function parseWords(words: readonly string[], model: SyntaxModel = loadSyntaxModel()): SyntaxToken[] {
  return model.parse(words);
}
