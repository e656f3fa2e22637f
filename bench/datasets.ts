// Where the public development datasets live: ../shared/datasets beside the checkout, or $LODESTONE_DATASETS.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

export function datasetsDir(): string {
  return process.env.LODESTONE_DATASETS ?? path.resolve(PACKAGE_ROOT, '..', 'shared', 'datasets');
}

/** Reads a JSONL file (gzip when the name ends in .gz) under the datasets folder, or null when it is absent. */
export function readDatasetJsonl<T>(rel: string): T[] | null {
  const file = path.join(datasetsDir(), rel);
  if (!existsSync(file)) return null;
  const raw = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
  return raw.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}
