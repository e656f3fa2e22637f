import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root: this file is compiled to dist/src/knowledge/paths.js. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Absolute path of a file under data/. */
export function dataPath(name: string): string {
  return path.join(PACKAGE_ROOT, 'data', name);
}

/** Reads and parses a JSON data file under data/. */
export function readDataJson<T>(name: string): T {
  return JSON.parse(readFileSync(dataPath(name), 'utf8')) as T;
}
