// The bundled demo corpus (data/demo/articles.jsonl: US government news on minerals, energy, sanctions and
// trade, and the seed article; see data/demo/README.md), loaded into an empty database on first start so a new
// user sees a populated UI at once.
import path from 'node:path';
import { PACKAGE_ROOT } from '../knowledge/paths.js';
import { readSources, isSourceError } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { processItem, type ItemOptions } from '../corpus/index.js';

export const DEMO_FILE = path.join(PACKAGE_ROOT, 'data', 'demo', 'articles.jsonl');

export interface DemoResult { stored: number; duplicates: number; failed: number; ms: number }

/** True when the database holds no article (nor a recorded copy): a first start. */
export async function isEmpty(store: Store): Promise<boolean> {
  const c = await store.counts();
  return c.articles === 0 && c.copies === 0;
}

/**
 * Ingests the demo corpus, reporting progress through `progress(done, total?)`. Articles already stored are
 * skipped, so a start interrupted half-way finishes the rest next time.
 */
export async function loadDemo(store: Store, progress: (done: number, line?: string) => void = () => {}, file: string = DEMO_FILE, options: ItemOptions = {}): Promise<DemoResult> {
  const t0 = Date.now();
  const r: DemoResult = { stored: 0, duplicates: 0, failed: 0, ms: 0 };
  let done = 0;
  for await (const item of readSources([file], { followLinks: false })) {
    done++;
    if (isSourceError(item)) {
      r.failed++;
      progress(done, item.error);
      continue;
    }
    // the source names the bundled file, not wherever this checkout happens to live
    const o = await processItem(store, { ...item, source: path.relative(PACKAGE_ROOT, file) || file }, options);
    if (o.status === 'stored') r.stored++;
    else if (o.status === 'duplicate') r.duplicates++;
    else {
      r.failed++;
      progress(done, o.error);
      continue;
    }
    progress(done);
  }
  r.ms = Date.now() - t0;
  return r;
}
