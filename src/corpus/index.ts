// The application layer: what the command line, the HTTP server and the worker share (ingest-and-store one
// item, opening a database, the entity graph). Imports run one way: interfaces -> corpus -> stages and store.
export { processItem, settleItem, countsAndClose, Tally, CORPUS_RULES, type Outcome, type ItemOptions } from './ingest.js';
export { openDatabase } from './database.js';
export { buildGraph, entityProfile, findEntity } from './graph.js';
