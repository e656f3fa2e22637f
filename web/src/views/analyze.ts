// #/analyze: paste text, an HTML page or a URL (and optionally its publication date); the server analyses it
// without storing it and the result is shown in the article view. "Save to corpus" ingests it.
import { api, ApiError, type AnalysisJson, type AnalyzeInput } from '../api.js';
import { h, routeHref } from '../dom.js';
import type { ViewContext } from '../router.js';
import { renderArticle } from './article.js';

/** What the form held and showed last, so coming back to #/analyze finds it again (this tab only). */
interface AnalyzeState { input: string; kind: Kind; published: string; result: AnalysisJson | null }
type Kind = 'auto' | 'text' | 'html' | 'url';

const KINDS: readonly { id: Kind; label: string }[] = [
  { id: 'auto', label: 'Detect' }, { id: 'text', label: 'Text' }, { id: 'html', label: 'HTML' }, { id: 'url', label: 'URL' },
];

const state: AnalyzeState = { input: '', kind: 'auto', published: '', result: null };

/** A single http(s) URL is fetched; a page starting with a tag is HTML; anything else is text. */
export function detectKind(input: string): Exclude<Kind, 'auto'> {
  const t = input.trim();
  if (/^https?:\/\/\S+$/i.test(t)) return 'url';
  if (/^<(!doctype\s+html|html|head|body|article|main|div|p|section|h[1-6])[\s>]/i.test(t)) return 'html';
  return 'text';
}

function body(input: string, kind: Kind, published: string): AnalyzeInput {
  const k = kind === 'auto' ? detectKind(input) : kind;
  const b: AnalyzeInput = k === 'url' ? { url: input.trim() } : k === 'html' ? { html: input } : { text: input };
  if (published) b.published = published;
  return b;
}

export async function analyzeView(_ctx: ViewContext): Promise<Node> {
  document.title = 'Analyze · Lodestone';
  const textarea = h('textarea', { attrs: { name: 'text', rows: 10, spellcheck: false, 'aria-label': 'Article text, HTML or URL',
    placeholder: 'Paste an article, an HTML page, or a URL (https://…)' } });
  textarea.value = state.input;
  const published = h('input', { type: 'date', attrs: { name: 'published', 'aria-label': 'Publication date' } });
  published.value = state.published;
  const kind = h('select', { attrs: { name: 'kind', 'aria-label': 'Input kind' } },
    KINDS.map((k) => h('option', { attrs: { value: k.id, selected: k.id === state.kind } }, k.label)));
  const detected = h('span', { class: 'hint' }, '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Analyze');
  const save = h('button', { type: 'button', title: 'Store the article in the corpus (timeline, network, search)' }, 'Save to corpus');
  const token = h('input', { type: 'password', attrs: { name: 'token', placeholder: 'API token (only when the server asks)', autocomplete: 'off' } });
  const status = h('p', { class: 'form-status', role: 'status' });
  const out = h('div', { class: 'analyze-result' });

  const updateDetected = () => {
    detected.textContent = kind.value === 'auto' && textarea.value.trim() ? `reads as ${detectKind(textarea.value)}` : '';
  };
  textarea.addEventListener('input', updateDetected);
  kind.addEventListener('change', updateDetected);
  updateDetected();

  const show = (result: AnalysisJson) => {
    out.replaceChildren(renderArticle(result).element);
  };
  if (state.result) show(state.result);

  const form = h('form', { class: 'analyze-form' },
    h('label', { class: 'block' }, 'Article', textarea),
    h('div', { class: 'row' },
      h('label', null, 'Published ', published),
      h('label', null, 'Input ', kind), detected,
      h('span', { class: 'spacer' }),
      submit, save),
    h('details', { class: 'token' }, h('summary', null, 'Access token'),
      h('p', { class: 'hint' }, 'Analyzing and saving need a token when the server listens beyond this machine (LODESTONE_TOKEN).'), token),
    status);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = textarea.value;
    if (!input.trim()) { status.textContent = 'Paste some text, HTML or a URL first.'; return; }
    Object.assign(state, { input, kind: kind.value as Kind, published: published.value });
    submit.disabled = true;
    status.textContent = 'Analyzing…';
    const t0 = performance.now();
    try {
      const result = await api.analyze(body(input, state.kind, state.published), token.value.trim() || undefined);
      state.result = result;
      status.textContent = `Analyzed in ${Math.round(performance.now() - t0)} ms: ${result.entities.length} entities, ${result.quotes.length} quotes, ${result.events.length} events, ${result.removed.length} passages set aside. Not stored.`;
      show(result);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      status.textContent = e?.status === 401 ? 'The server needs a token to analyze: open “Access token”.' : `Could not analyze: ${e?.message ?? String(err)}`;
    } finally {
      submit.disabled = false;
    }
  });

  save.addEventListener('click', async () => {
    const input = textarea.value;
    if (!input.trim()) { status.textContent = 'Paste some text, HTML or a URL first.'; return; }
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      const r = await api.ingest(body(input, kind.value as Kind, published.value), token.value.trim() || undefined);
      status.replaceChildren(r.status === 'stored' ? 'Saved: ' : 'Already in the corpus: ', h('a', { href: routeHref('article', r.id) }, 'open the stored article'));
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      status.textContent = e?.status === 401 ? 'The server needs a token to save: open “Access token”.' : `Could not save: ${e?.message ?? String(err)}`;
    } finally {
      save.disabled = false;
    }
  });

  return h('section', { class: 'page analyze' },
    h('div', { class: 'page-head' }, h('h1', null, 'Analyze an article'),
      h('p', { class: 'lede' }, 'See what Lodestone reads from a text before storing it: quotes and their speakers, events, commodities, dates, and the promotion it sets aside.')),
    form, out);
}
