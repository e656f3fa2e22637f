// The ordered stages of analysis. Each stage is a named function that adds layers to the document; none
// rewrites the text. Stages can be switched off by name (`analyze(text, { disable: ['events'] })`).
import { createHash } from 'node:crypto';
import { franc } from 'franc-min';
import { createDocument, type LodestoneDocument } from './document.js';
import { findRemovedSpans } from './clean/removed.js';
import { tokenize } from './nlp/tokenize.js';
import { parseAll } from './nlp/parse.js';
import { loadKnowledge, type Knowledge } from './knowledge/index.js';
import { EntityRegistry } from './extract/registry.js';
import { extractEntities } from './extract/entities.js';
import { resolveCoreference } from './extract/coref.js';
import { resolvePronouns } from './extract/pronouns.js';
import { extractQuotes } from './extract/quotes.js';
import { findDates } from './extract/dates.js';
import { extractEvents } from './extract/events.js';
import { summarize } from './extract/summary.js';

export interface StageContext {
  knowledge: Knowledge;
  registry: EntityRegistry;
  options: AnalyzeOptions;
}

export interface Stage {
  name: string;
  /** Layers the stage adds. */
  assigns: readonly string[];
  /** Layers it reads. */
  needs: readonly string[];
  run(doc: LodestoneDocument, ctx: StageContext): void;
}

/** ISO 639-3 codes from franc mapped to the ISO 639-1 codes the contract uses (the common news languages). */
const LANGUAGE_CODES: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', rus: 'ru', ukr: 'uk', cmn: 'zh', jpn: 'ja', kor: 'ko', arb: 'ar', por: 'pt',
  ita: 'it', nld: 'nl', pol: 'pl', tur: 'tr', pes: 'fa', hin: 'hi', ind: 'id', vie: 'vi', swe: 'sv', ces: 'cs', ron: 'ro',
};
/** franc needs some text to be sure; shorter texts are taken as English, the tool's working language. */
const LANGUAGE_MIN_CHARS = 120;
const LANGUAGE_SAMPLE_CHARS = 2000;
/** English function words; when they make up this share of the words, the text is English and franc (the
 *  costliest step of the pipeline on short newswire) is not needed. */
const ENGLISH_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'said', 'was', 'with', 'it', 'by', 'as', 'at', 'from', 'he', 'has', 'have', 'be', 'will', 'its', 'an', 'are', 'were', 'would']);
const ENGLISH_SHARE = 0.12;

function looksEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/[a-z\u00C0-\u024F]+/g) ?? [];
  if (words.length < 20) return false;
  let hits = 0;
  for (const w of words) if (ENGLISH_FUNCTION_WORDS.has(w)) hits++;
  return hits / words.length >= ENGLISH_SHARE;
}

export const STAGES: readonly Stage[] = [
  {
    name: 'removed', assigns: ['removed'], needs: [],
    run: (doc) => { doc.removed = findRemovedSpans(doc.text); },
  },
  {
    name: 'language', assigns: ['language'], needs: ['removed'],
    run: (doc) => {
      const sample = doc.text.slice(0, LANGUAGE_SAMPLE_CHARS);
      if (sample.replace(/\s+/g, '').length < LANGUAGE_MIN_CHARS || looksEnglish(sample)) return;
      const code = franc(sample, { minLength: 50 });
      if (code === 'und') return;
      doc.language = LANGUAGE_CODES[code] ?? code;
      if (doc.language !== 'en') doc.warnings.push(`the text looks like ${doc.language}, not English: names and dates are found where they are written as in English; quotes and events are English-only`);
    },
  },
  {
    name: 'tokens', assigns: ['tokens', 'sentences'], needs: ['removed'],
    run: (doc) => { Object.assign(doc, tokenize(doc.text, doc.removed)); },
  },
  {
    // sentences are parsed on demand by the stages that read syntax; `syntax: true` parses all of them
    name: 'syntax', assigns: ['syntax'], needs: ['tokens'],
    run: (doc, ctx) => { if (ctx.options.syntax) parseAll(doc); },
  },
  {
    name: 'entities', assigns: ['entities'], needs: ['tokens'],
    run: (doc, ctx) => extractEntities(doc, ctx.registry, ctx.knowledge),
  },
  {
    name: 'coreference', assigns: ['entities'], needs: ['entities'],
    run: (doc, ctx) => {
      resolveCoreference(doc, ctx.registry, ctx.knowledge);
      resolvePronouns(doc, ctx.registry);
    },
  },
  {
    name: 'quotes', assigns: ['quotes'], needs: ['entities'],
    run: (doc, ctx) => { if (doc.language === 'en') extractQuotes(doc, ctx.registry); },
  },
  {
    name: 'ids', assigns: ['entities'], needs: ['quotes'],
    run: (doc, ctx) => {
      const ids = ctx.registry.finalize();
      for (const q of doc.quotes) if (q.speaker) q.speaker = ids.get(q.speaker) ?? q.speaker;
    },
  },
  {
    name: 'dates', assigns: ['dates'], needs: ['removed'],
    run: (doc) => { doc.dates = findDates(doc.text, doc.published, doc.removed); },
  },
  {
    name: 'events', assigns: ['events'], needs: ['entities', 'quotes', 'dates'],
    run: (doc) => { if (doc.language === 'en') extractEvents(doc); },
  },
  {
    name: 'summary', assigns: ['summary'], needs: ['entities', 'events'],
    run: (doc) => summarize(doc),
  },
];

/** Layers a document has before any stage runs. */
const BASE_LAYERS: readonly string[] = ['text', 'published', 'id'];
/** Stages that cannot be switched off: `ids` gives the entities their final ids, which every layer refers to. */
const REQUIRED_STAGES: ReadonlySet<string> = new Set(['ids']);

/**
 * Checks an ordered list of stages: unique names, every layer a stage needs assigned by an earlier stage (or
 * present from the start), every assigned layer a field of the document. Throws with the first problem.
 */
export function checkStages(stages: readonly Stage[]): void {
  const doc = createDocument('', { id: '' }) as unknown as Record<string, unknown>;
  const available = new Set(BASE_LAYERS);
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw new Error(`pipeline: two stages are named "${stage.name}"`);
    names.add(stage.name);
    for (const need of stage.needs) {
      if (!available.has(need)) throw new Error(`pipeline: stage "${stage.name}" needs "${need}", which no earlier stage assigns`);
    }
    for (const layer of stage.assigns) {
      if (!(layer in doc)) throw new Error(`pipeline: stage "${stage.name}" assigns "${layer}", which is not a layer of the document`);
      available.add(layer);
    }
  }
}

checkStages(STAGES);

/** Stage names, in order (what `disable` may name). */
export function stageNames(): string[] {
  return STAGES.map((s) => s.name);
}

/** The stages to skip, checked: an unknown name, or a stage that cannot be switched off, is an error. */
function disabledStages(names: readonly string[] | undefined): ReadonlySet<string> {
  const disabled = new Set(names ?? []);
  for (const name of disabled) {
    if (!STAGES.some((s) => s.name === name)) throw new Error(`unknown stage "${name}" in disable: the stages are ${stageNames().join(', ')}`);
    if (REQUIRED_STAGES.has(name)) throw new Error(`the stage "${name}" cannot be disabled: it gives entities their final ids`);
  }
  return disabled;
}

export interface AnalyzeOptions {
  id?: string;
  /** Publication date, YYYY-MM-DD; relative dates stay unresolved without it. */
  published?: string | null;
  /** Parse every sentence (tags, lemmas, dependency trees) and add them to the output as `sentences`. */
  syntax?: boolean;
  /** Stage names to skip (an unknown name is an error; see stageNames()). */
  disable?: readonly string[];
}

/** A stable id for a text without one: the first 16 hex digits of its SHA-256. */
export function contentId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): LodestoneDocument {
  const doc = createDocument(text, { id: options.id ?? contentId(text), published: options.published ?? null });
  const ctx: StageContext = { knowledge: loadKnowledge(), registry: new EntityRegistry(doc), options };
  // a disabled stage leaves its layers empty; the stages after it run on what there is
  const disabled = disabledStages(options.disable);
  for (const stage of STAGES) {
    if (disabled.has(stage.name)) continue;
    stage.run(doc, ctx);
    for (const layer of stage.assigns) {
      if ((doc as unknown as Record<string, unknown>)[layer] === undefined) throw new Error(`pipeline: stage "${stage.name}" left "${layer}" undefined`);
    }
  }
  return doc;
}
