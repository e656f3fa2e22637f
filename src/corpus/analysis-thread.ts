// One analysis thread of the pool (src/corpus/analysis-pool.ts): loads the models by analysing a short article,
// says it is ready, then runs one task at a time: analyse a text (answering the contract JSON, as an object or
// already serialised) or read an HTML page. An error of the task is answered with its first line; the pool
// stops a task that runs too long by terminating this thread.
import { parentPort } from 'node:worker_threads';
import { analyze } from '../index.js';
import { htmlToArticle } from '../ingest/html.js';
import type { ThreadReply, ThreadRequest } from './analysis-pool.js';

/** Enough to load every model and gazetteer the stages use (names, titles, quotes, dates, events). */
const WARM_UP = 'MOSCOW, March 3 - Russia offered to supply uranium to the United States, Deputy Prime Minister Denis Manturov said on Tuesday. '
  + '"We are ready to cooperate," he told reporters. China imported record volumes of copper last year.';

function reply(m: ThreadReply): void {
  parentPort!.postMessage(m);
}

function run(m: ThreadRequest): unknown {
  if (m.kind === 'html') return htmlToArticle(m.html, m.url ?? undefined);
  const result = analyze(m.text, { id: m.id, published: m.published });
  return m.json ? JSON.stringify(result) : result;
}

if (parentPort) {
  analyze(WARM_UP, { id: 'warm-up', published: '2025-03-04' });
  reply({ type: 'ready' });
  parentPort.on('message', (m: ThreadRequest) => {
    let value: unknown;
    try {
      value = run(m);
    } catch (err) {
      reply({ type: 'failed', seq: m.seq, message: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim() });
      return;
    }
    reply({ type: 'done', seq: m.seq, value });
  });
}
