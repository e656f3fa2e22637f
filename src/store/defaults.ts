// Defaults of the storage layer.
export const STORE_DEFAULTS = {
  /** The SQLite file when neither --db nor LODESTONE_DB says otherwise. */
  sqliteFile: './lodestone.db',
  /** A claimed job returns to the queue when its worker has neither renewed its lease (src/cli/worker.ts does
   * every third of it while it works) nor completed it within this time: a dead worker's job is taken again
   * within a minute. */
  leaseMs: 60 * 1000,
  /** A job whose lease expired this many times (its worker died on it each time) is failed, not retried. */
  maxAttempts: 3,
} as const;
