import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';

/** Reads a file from test/fixtures (the tests need no ../shared). */
export function fixture(name: string): string {
  return readFileSync(path.join(PACKAGE_ROOT, 'test', 'fixtures', name), 'utf8');
}
