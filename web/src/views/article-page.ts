// #/article/ID[?s=START&e=END]: a stored article with its analysis; s/e open it on a range (an event's evidence).
import { api } from '../api.js';
import { h } from '../dom.js';
import type { ViewContext } from '../router.js';
import { renderArticle } from './article.js';

export async function articleView(ctx: ViewContext): Promise<Node> {
  const id = ctx.path[1];
  if (!id) return h('div', { class: 'error' }, 'Which article? ', h('a', { href: '#/articles' }, 'See the list.'));
  const { article, analysis } = await api.article(id);
  const s = Number(ctx.query.get('s'));
  const e = Number(ctx.query.get('e'));
  const focus = ctx.query.has('s') && Number.isInteger(s) && Number.isInteger(e) && e > s ? { start: s, end: e } : null;
  const view = renderArticle(analysis, { article, focus });
  document.title = `${article.title ?? 'Article'} · Lodestone`;
  view.element.addEventListener('mounted', () => view.showFocus());
  return view.element;
}
