// Helpers both back ends share: row mappers (the column names are the same on both) and queue messages.
import { createHash } from 'node:crypto';
import type { EventEntity, EventRow, QuoteRow, EntityRow, StoryRow } from './types.js';

export type Row = Record<string, unknown>;

export function payloadHash(payload: string): string {
  return createHash('sha1').update(payload).digest('hex');
}

export function abandonedMessage(attempts: number): string {
  return `abandoned: the worker's lease expired ${attempts} times (the worker died or hung each time)`;
}

export function toEventEntity(l: Row): EventEntity {
  const codes = JSON.parse((l['codes'] as string | null) ?? '{}') as Record<string, string>;
  return {
    id: l['key'] as string, name: l['name'] as string, type: l['type'] as string, iso3: (l['iso3'] as string | null) ?? null,
    country: (l['country'] as string | null) ?? null, hs: codes['hs'] ?? null,
  };
}

export function toEventRow(r: Row, links: readonly Row[]): EventRow {
  const pick = (role: string) => links.filter((l) => l['role'] === role).map(toEventEntity);
  return {
    articleId: r['article_id'] as string, storyId: r['story_id'] as string, index: Number(r['idx']), key: r['key'] as string,
    plover: r['plover'] as string, cameo: r['cameo'] as string,
    source: pick('source'), target: pick('target'), commodities: pick('commodity'),
    date: (r['date_start'] as string | null) ?? null, dateEnd: (r['date_end'] as string | null) ?? null,
    modality: r['modality'] as string, trigger: r['trigger_text'] as string,
    evidence: { start: Number(r['evidence_start']), end: Number(r['evidence_end']), text: r['evidence'] as string },
    numArticles: Number(r['num_articles']), numSources: Number(r['num_sources']),
  };
}

export function toQuoteRow(r: Row): QuoteRow {
  return {
    articleId: r['article_id'] as string, storyId: r['story_id'] as string, index: Number(r['idx']), kind: r['kind'] as string,
    speakerId: (r['speaker_key'] as string | null) ?? null, speaker: (r['speaker_name'] as string | null) ?? null,
    speakerText: (r['speaker_text'] as string | null) ?? null, text: r['text'] as string,
    start: Number(r['span_start']), end: Number(r['span_end']), published: (r['published'] as string | null) ?? null,
    numArticles: Number(r['num_articles']),
  };
}

export function toEntityRow(r: Row): EntityRow {
  return {
    id: r['key'] as string, name: r['name'] as string, type: r['type'] as string,
    codes: JSON.parse(r['codes'] as string) as Record<string, string>, country: (r['country'] as string | null) ?? null,
    articles: Number(r['articles']), mentions: Number(r['mentions']),
  };
}

export function toStoryRow(r: Row): StoryRow {
  return {
    id: r['id'] as string, title: (r['title'] as string | null) ?? null, articles: Number(r['articles']),
    outlets: Number(r['outlets']), first: (r['first_published'] as string | null) ?? null, last: (r['last_published'] as string | null) ?? null,
  };
}
