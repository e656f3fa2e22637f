// Defaults of the storage layer.
export const STORE_DEFAULTS = {
  /** The SQLite file when neither --db nor LODESTONE_DB says otherwise. */
  sqliteFile: './lodestone.db',
  /** A claimed job returns to the queue when its worker has not completed it within this time. */
  leaseMs: 10 * 60 * 1000,
  /** A job whose lease expired this many times (its worker died on it each time) is failed, not retried. */
  maxAttempts: 3,
} as const;
