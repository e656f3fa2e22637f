import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../src/store/index.js';
import { processItem, Tally } from '../src/corpus/index.js';

test('an item with only its feed teaser is stored, marked partial with the reason, and counted apart', async () => {
  const store = await openStore(':memory:');
  try {
    const tally = new Tally();
    const item = {
      url: 'https://blog.example.org/chile', title: 'Chile lithium talks', byline: null, published: '2024-05-16', source: 'feed.xml', outlet: null,
      text: "Chile's Codelco and SQM resumed talks on a lithium partnership in the Atacama salt flat, officials said on Wednesday [\u2026]",
      partial: 'its page could not be fetched: connection refused',
    };
    const outcome = await processItem(store, item);
    tally.outcome(outcome, item.source);
    assert.equal(outcome.status, 'stored');
    assert.equal(tally.stored, 1);
    assert.equal(tally.partial, 1);
    assert.equal(tally.summaryJson().partial, 1);
    const stored = (await store.listArticles({ limit: 5, offset: 0 }))[0]!;
    assert.equal(stored.analysis.partial, true);
    assert.ok(stored.analysis.warnings.some((w) => /partial text: .*connection refused/.test(w)));
    // a whole article carries no mark
    const whole = await processItem(store, { ...item, url: 'https://blog.example.org/peru', text: 'Peru banned copper exports to Japan on Monday, the mining ministry said.', partial: undefined });
    assert.equal(whole.status, 'stored');
    const peru = (await store.listArticles({ limit: 5, offset: 0 })).find((a) => a.url?.endsWith('/peru'));
    assert.ok(peru);
    assert.equal(peru.analysis.partial, undefined);
  } finally {
    await store.close();
  }
});
