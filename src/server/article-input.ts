// A posted article ({"text"} | {"html"} | {"url"}, with "published", "title", "id") to the text that is
// analysed and what is known of it. A URL is fetched with the project's Fetcher: timeouts, a size limit, and
// no private, loopback or link-local addresses (the server must not become a way into the network it runs in).
import { htmlToArticle, type HtmlArticle } from '../ingest/html.js';
import { AnalysisInterrupted } from '../corpus/analysis-pool.js';
import { checkText, InputError, looksLikeHtml } from '../input.js';
import { ACCEPT, decodeDocument, sniffFeed, type Fetcher } from '../ingest/index.js';
import { badRequest } from './middleware.js';
import { calendarDate, stringField } from './params.js';
import { hostOf } from '../ingest/metadata.js';

export interface PostedArticle {
  text: string;
  /** The page, kept so extraction can be rerun (HTML input and fetched pages). */
  html: string | null;
  url: string | null;
  title: string | null;
  byline: string | null;
  /** The posted date, else the page's own. */
  published: string | null;
  outlet: string | null;
}

/** Reads a page's article (the server passes the analysis pool's, since a large page takes seconds). */
export type HtmlReader = (html: string, url: string | null) => Promise<HtmlArticle> | HtmlArticle;

const readInThisThread: HtmlReader = (html, url) => htmlToArticle(html, url ?? undefined);

/** Media types of a fetched URL that are not an article. */
const NOT_ARTICLE_TYPES = /^(image|audio|video|font)\/|^application\/(pdf|zip|octet-stream|msword|vnd\.|x-)/;


function checked(text: string, label: string): string {
  try {
    return checkText(text, label);
  } catch (err) {
    if (err instanceof InputError) throw badRequest(err.message);
    throw err;
  }
}

async function fromHtml(html: string, url: string | null, label: string, readHtml: HtmlReader): Promise<Omit<PostedArticle, 'published'> & { pagePublished: string | null }> {
  let article;
  try {
    article = await readHtml(html, url);
  } catch (err) {
    if (err instanceof AnalysisInterrupted) throw err;
    throw badRequest(`${label} could not be read as HTML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!article.text.trim()) throw badRequest(`no article text found in ${label}: is it an article page?`);
  const pageUrl = article.canonicalUrl ?? url;
  return {
    text: article.text, html, url: pageUrl, title: article.title, byline: article.byline,
    outlet: hostOf(pageUrl) ?? article.siteName ?? null, pagePublished: article.published,
  };
}

async function fromUrl(url: string, fetcher: Fetcher, readHtml: HtmlReader): Promise<Omit<PostedArticle, 'published'> & { pagePublished: string | null }> {
  if (!/^https?:\/\//i.test(url)) throw badRequest(`"url" must be an http:// or https:// address, not "${url.slice(0, 60)}"`);
  const res = await fetcher.fetch(url, { accept: ACCEPT.page });
  if (!res.ok) throw badRequest(`could not fetch the URL: ${res.error}`);
  if (res.contentType && NOT_ARTICLE_TYPES.test(res.contentType)) throw badRequest(`${res.url} is ${res.contentType}, not an article page`);
  const decoded = decodeDocument(res.body, res.url, res.charset);
  if (!decoded.ok) throw badRequest(decoded.error);
  if (sniffFeed(decoded.text)) throw badRequest(`${res.url} is a news feed, not an article: post the URL of one of its articles`);
  if (looksLikeHtml(decoded.text) || res.contentType === 'text/html' || res.contentType === 'application/xhtml+xml') {
    return fromHtml(decoded.text, res.url, res.url, readHtml);
  }
  return { text: checked(decoded.text, res.url), html: null, url: res.url, title: null, byline: null, outlet: hostOf(res.url), pagePublished: null };
}

/** Reads exactly one of text / html / url from a body; "published" and "title" when given win over the page's. */
export async function postedArticle(body: Record<string, unknown>, fetcher: Fetcher, readHtml: HtmlReader = readInThisThread): Promise<PostedArticle> {
  const text = stringField(body, 'text');
  const html = stringField(body, 'html');
  const url = stringField(body, 'url')?.trim();
  const given = [text !== undefined && 'text', html !== undefined && 'html', url !== undefined && 'url'].filter(Boolean);
  if (given.length !== 1) {
    throw badRequest(given.length
      ? `send exactly one of "text", "html" or "url", not ${given.join(' and ')}`
      : 'send the article as one of "text", "html" or "url", e.g. {"text": "Russia offered ...", "published": "2025-08-20"}');
  }
  const publishedRaw = stringField(body, 'published');
  const published = publishedRaw !== undefined && publishedRaw.trim() ? calendarDate(publishedRaw, '"published"') : null;
  const title = stringField(body, 'title')?.trim() || null;

  let got: Omit<PostedArticle, 'published'> & { pagePublished: string | null };
  if (text !== undefined) {
    // a posted URL alongside text is not allowed, so the text has no source URL
    got = { text: checked(text, '"text"'), html: null, url: null, title: null, byline: null, outlet: null, pagePublished: null };
  } else if (html !== undefined) {
    if (!html.trim()) throw badRequest('"html" is empty: send the page\'s HTML');
    got = await fromHtml(html, null, 'the posted HTML', readHtml);
  } else {
    got = await fromUrl(url!, fetcher, readHtml);
  }
  const { pagePublished, ...rest } = got;
  return { ...rest, title: title ?? rest.title, published: published ?? pagePublished };
}
