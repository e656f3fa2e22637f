// Ingest: where articles come from (files, directories, JSONL, feeds, URLs), how they are fetched and decoded,
// and what a page says about itself. HTML main-content extraction is html.ts.
export { readSources, readJsonl, isSourceError, jsonlLineItem, SOURCE_LIMITS, type SourceItem, type SourceError, type SourceErrorReason, type ReadSourcesOptions } from './sources.js';
export { Fetcher, HostPoliteness, MemoryConditionalCache, nonPublicRange, FETCH_DEFAULTS, ACCEPT, type ConditionalCache, type Validators, type FetchOptions, type FetchResult, type FetchFailure } from './fetch.js';
export { decodeDocument, declaredCharset, normaliseCharset, looksLikeHtml, type DecodeResult } from './decode.js';
export { readFeed, sniffFeed, type FeedEntry, type ParsedFeed, type FeedFormat } from './feed.js';
export { readPageMetadata, completeMetadata, parseDateString, saneDate, hostOf, type PageMetadata } from './metadata.js';
export { htmlToArticle, type HtmlArticle } from './html.js';
