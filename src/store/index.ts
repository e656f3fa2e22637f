// Opening a store: a postgres:// (or postgresql://) URL opens PostgreSQL; anything else is a SQLite file path
// (default `LODESTONE_DB`, else ./lodestone.db). Pending migrations are applied on open.
import type { Store, StoreOptions } from './types.js';
import { STORE_DEFAULTS } from './defaults.js';

export type * from './types.js';
export { STORE_DEFAULTS } from './defaults.js';
export { markSnippet } from './query.js';

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** The database a command should use: the --db flag, else LODESTONE_DB, else ./lodestone.db. */
export function resolveDatabase(flag?: string | null): string {
  return flag || process.env['LODESTONE_DB'] || STORE_DEFAULTS.sqliteFile;
}

/** The database for messages: a PostgreSQL URL without its password. */
export function describeDatabase(target: string): string {
  if (!POSTGRES_URL.test(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export async function openStore(url?: string, options: StoreOptions = {}): Promise<Store> {
  const target = resolveDatabase(url);
  let store: Store;
  if (POSTGRES_URL.test(target)) {
    const { PostgresStore } = await import('./postgres/index.js');
    store = new PostgresStore(target, options);
  } else {
    const { SqliteStore } = await import('./sqlite/index.js');
    store = new SqliteStore(target.replace(/^sqlite:(?:\/\/)?/i, ''), options);
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}
