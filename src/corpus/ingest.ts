// Ingest-and-store one item, and the running tally of a run: the application layer that `lodestone ingest`,
// `lodestone worker`, the HTTP API and the demo loader share. An item's outcome always carries its reason.
import { analyze } from '../index.js';
import { contentId } from '../pipeline.js';
import { htmlToArticle } from '../ingest/html.js';
import { hostOf } from '../ingest/metadata.js';
import type { SourceItem } from '../ingest/sources.js';
import type { Store, StoreCounts } from '../store/index.js';
import { firstLine } from './database.js';
import { AnalysisInterrupted } from './analysis-pool.js';
import type { AnalysisJson } from '../output.js';

export const CORPUS_RULES = {
  /** Errors listed in a run's JSON summary (all of them are counted). */
  errorsKept: 1000,
} as const;

/** What became of one item. */
export type Outcome =
  | { status: 'stored'; storyId: string; /** only a feed's teaser, its page out of reach */ partial?: boolean }
  | { status: 'duplicate'; reason: 'same-id' | 'same-text'; existingId: string }
  | { status: 'failed'; reason: string; error: string };

export interface ItemOptions {
  /** Publication date for items whose source gives none (YYYY-MM-DD). */
  publishedDefault?: string | null;
  /** What analyses the text (default: `analyze` in this thread). The server and the worker pass one that runs in
   * the analysis pool (src/corpus/analysis-pool.ts); its AnalysisInterrupted (timeout, cancelled, busy) is thrown
   * on, not recorded as the item's failure. */
  analyzer?: (text: string, opts: { id: string; published: string | null }) => Promise<AnalysisJson> | AnalysisJson;
}

/** The store's counts for the closing summary (null when they cannot be read), then the store closed. */
export async function countsAndClose(store: { counts(): Promise<StoreCounts>; close(): Promise<void> }): Promise<StoreCounts | null> {
  let counts: StoreCounts | null = null;
  try {
    counts = await store.counts();
  } catch {
    counts = null;
  }
  await store.close();
  return counts;
}

function labelOf(item: SourceItem): string {
  return item.url ?? (item.id !== undefined ? `${item.source} (id ${item.id})` : item.source);
}

/** The article text of an item: as given, else extracted from its HTML. */
function textOf(item: SourceItem): string {
  if (typeof item.text === 'string') return item.text;
  if (typeof item.html === 'string') return htmlToArticle(item.html, item.url ?? undefined).text;
  return '';
}

/** The item with its id fixed (the source's, else a hash of the text) and the default date applied: what goes on
 * the queue, so a worker stores it under the same id as a direct ingest would. */
export function settleItem(item: SourceItem, options: ItemOptions = {}): SourceItem {
  const text = textOf(item);
  return {
    ...item,
    id: item.id ?? contentId(text),
    published: item.published ?? options.publishedDefault ?? null,
  };
}

/**
 * Analyses one item and stores it. An id already stored (or recorded as a copy) is a duplicate without being
 * analysed again. Errors of the item (no text, analysis failure) come back as a failed outcome; a store error
 * is thrown, since it usually means the database itself is in trouble.
 */
export async function processItem(store: Store, item: SourceItem, options: ItemOptions = {}): Promise<Outcome> {
  const label = labelOf(item);
  let text: string;
  try {
    text = textOf(item);
  } catch (err) {
    return { status: 'failed', reason: 'no_text', error: `${label}: the page could not be read (${firstLine(err)})` };
  }
  if (!text.trim()) return { status: 'failed', reason: 'no_text', error: `${label}: no article text` };
  const id = item.id ?? contentId(text);
  if (await store.hasArticle(id)) return { status: 'duplicate', reason: 'same-id', existingId: id };
  const published = item.published ?? options.publishedDefault ?? null;
  let analysis;
  try {
    analysis = await (options.analyzer ?? analyze)(text, { id, published });
  } catch (err) {
    if (err instanceof AnalysisInterrupted) throw err;
    return { status: 'failed', reason: 'analysis', error: `${label}: analysis failed (${firstLine(err)})` };
  }
  // a feed's teaser kept because its page was out of reach: stored, and marked so nobody takes it for the article
  if (item.partial) analysis = { ...analysis, partial: true, warnings: [...analysis.warnings, `partial text: only the feed's own text was stored; ${item.partial}`] };
  const res = await store.putArticle({
    id,
    url: item.url,
    title: item.title,
    byline: item.byline,
    published,
    source: item.source,
    // the host is the same for every page of an outlet; a site name may be spelt several ways
    outlet: hostOf(item.url) ?? item.outlet ?? null,
    raw: item.html ?? null,
    analysis,
  });
  if (res.status === 'stored') return { status: 'stored', storyId: res.storyId, ...(item.partial ? { partial: true } : {}) };
  return { status: 'duplicate', reason: res.reason, existingId: res.existingId };
}

/** Running counts of an ingest or worker run, and the summary made from them. */
export class Tally {
  /** The counts both the ingest and the worker summaries print as JSON. */
  summaryJson(): { stored: number; partial: number; duplicates: number; duplicatesByReason: Record<string, number>; failed: number; failedByReason: Record<string, number>; errors: unknown } {
    return {
      stored: this.stored,
      partial: this.partial,
      duplicates: this.duplicates,
      duplicatesByReason: { 'same-id': this.sameId, 'same-text': this.sameText },
      failed: this.failed,
      failedByReason: this.failedByReason,
      errors: this.errors,
    };
  }
  read = 0;
  stored = 0;
  /** Stored with only the feed's own text (see SourceItem.partial). */
  partial = 0;
  sameId = 0;
  sameText = 0;
  failed = 0;
  skipped = 0;
  queued = 0;
  alreadyQueued = 0;
  readonly failedByReason: Record<string, number> = {};
  readonly skippedByReason: Record<string, number> = {};
  readonly errors: { source: string; reason: string; error: string }[] = [];

  get duplicates(): number {
    return this.sameId + this.sameText;
  }

  outcome(o: Outcome, source: string): void {
    if (o.status === 'stored') {
      this.stored++;
      if (o.partial) this.partial++;
    }
    else if (o.status === 'duplicate') {
      if (o.reason === 'same-id') this.sameId++;
      else this.sameText++;
    } else this.fail(source, o.reason, o.error);
  }

  fail(source: string, reason: string, error: string): void {
    this.failed++;
    this.failedByReason[reason] = (this.failedByReason[reason] ?? 0) + 1;
    if (this.errors.length < CORPUS_RULES.errorsKept) this.errors.push({ source, reason, error });
  }

  skip(reason: string): void {
    this.skipped++;
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + 1;
  }
}

