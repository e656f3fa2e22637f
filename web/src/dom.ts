// DOM building without HTML strings: every piece of data becomes a text node, never markup. Nothing here
// (or anywhere in the UI) assigns innerHTML, outerHTML or insertAdjacentHTML, and no attribute named on*
// is ever set, so text from an article cannot become a script, an image or a link.

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  title?: string;
  href?: string;
  id?: string;
  type?: string;
  role?: string;
  /** Set through the CSSOM (el.style), which a Content-Security-Policy without 'unsafe-inline' styles allows. */
  style?: Record<string, string>;
  /** Other attributes (data-*, aria-*, for, name, value, placeholder, ...); on* names are refused. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
}

/** Creates an element; string children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, children);
  return el;
}

function applyProps(el: Element, props: Props): void {
  if (props.class) el.setAttribute('class', props.class);
  if (props.title != null) el.setAttribute('title', props.title);
  if (props.href != null) el.setAttribute('href', safeHref(props.href));
  if (props.id) el.setAttribute('id', props.id);
  if (props.type) el.setAttribute('type', props.type);
  if (props.role) el.setAttribute('role', props.role);
  if (props.style) for (const [k, v] of Object.entries(props.style)) (el as HTMLElement).style.setProperty(k, v);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value == null || value === false) continue;
    if (/^on/i.test(name) || /^(srcdoc|style)$/i.test(name)) throw new Error(`refusing attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, handler] of Object.entries(props.on ?? {})) {
    if (handler) el.addEventListener(name, handler as EventListener);
  }
}

/** Only in-app hash links and http(s) links are ever written into href. */
export function safeHref(href: string): string {
  if (href.startsWith('#') || href.startsWith('/')) return href;
  return /^https?:\/\//i.test(href) ? href : '#';
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (typeof c === 'string' || typeof c === 'number') parent.appendChild(document.createTextNode(String(c)));
    else parent.appendChild(c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes are set with setAttribute (on* names are refused), children as for h(). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name) || /href$/i.test(name)) throw new Error(`refusing attribute ${name}`);
    el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/** A link inside the app: `#/entity/person/Vladimir%20Putin`. */
export function routeHref(...parts: (string | number)[]): string {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

export function withQuery(href: string, query: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v != null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${href}?${s}` : href;
}

export function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

/** Briefly marks elements (a CSS animation), restarting it when they are already marked. */
export function flash(els: readonly Element[]): void {
  for (const el of els) {
    el.classList.remove('flash');
    // Reading layout restarts the animation.
    void (el as HTMLElement).offsetWidth;
    el.classList.add('flash');
  }
}
