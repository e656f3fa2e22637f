// Opening the database a command or the server names, with one clear line on failure: what CLI, server and
// worker share (an interface never imports another interface).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openStore, resolveDatabase, describeDatabase, type Store, type StoreOptions } from '../store/index.js';
import { InputError } from '../input.js';

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

/** Creates the folders above a new database file one level at a time, so a path that cannot exist fails with
 * its reason (Node 20's recursive mkdirSync never returns for a path under /proc). */
function makeParents(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) throw new InputError(`cannot create the database under ${at}: it is a file, not a directory`);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      throw new InputError(`cannot create the folder ${d} for the database: ${(err as NodeJS.ErrnoException).code ?? firstLine(err)}`);
    }
  }
}

/**
 * Opens the store a command names (--db, else LODESTONE_DB, else ./lodestone.db). Commands that only read
 * (`mustExist`) refuse a SQLite file that does not exist rather than creating an empty database. Any failure is
 * an InputError: one line, exit code 2.
 */
export async function openDatabase(flag: string | undefined, options: { mustExist: boolean; store?: StoreOptions }): Promise<{ store: Store; target: string }> {
  const target = resolveDatabase(flag);
  const shown = describeDatabase(target);
  if (!POSTGRES_URL.test(target)) {
    const file = target.replace(/^sqlite:(?:\/\/)?/i, '');
    if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(`the database ${file} is a directory: give a file path with --db (or LODESTONE_DB)`);
    if (options.mustExist && !existsSync(file)) {
      throw new InputError(`no database at ${file}: run \`lodestone ingest SOURCE... --db ${file}\` first, or point --db (or LODESTONE_DB) at an existing one`);
    }
    if (file !== ':memory:' && !file.startsWith('file:')) makeParents(path.dirname(path.resolve(file)));
  }
  try {
    return { store: await openStore(target, options.store), target };
  } catch (err) {
    throw new InputError(`cannot open the database ${shown}: ${firstLine(err)}`);
  }
}

