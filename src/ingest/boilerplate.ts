// Page furniture that is not the article: navigation, share bars, related-story lists, newsletter boxes,
// captions and credits, bylines and time stamps. Three passes, each driven by a table below:
//   - pruneFurniture: blocks of the whole page, by tag, ARIA role, hidden state and class/id (FURNITURE_TAGS,
//     FURNITURE_CLASSES), before Readability scores the page (as trafilatura prunes before it extracts);
//   - pruneContent: what Readability kept, by the same tests plus teasers made of links to the same site
//     (LINK_BLOCK_LIMITS);
//   - dropFurnitureLines: single lines of the extracted text (FURNITURE_LINES).
// Every rule is general (a kind of block many sites have), never a selector for one site.

/** Elements that never hold article prose. */
export const FURNITURE_TAGS: ReadonlySet<string> = new Set([
  'NAV', // site menus (every news site)
  'ASIDE', // pull-outs, "related" rails (theguardian.com, bbc.com)
  'FOOTER', // page and article footers: copyright, tags, share bars (thehill.com)
  'HEADER', // the article header: headline, byline and date, which the article text excludes (cbsnews.com)
  'FIGURE', // photos with their captions and credits (thesun.co.uk "Credit: EPA")
  'FIGCAPTION',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'SVG',
  'CANVAS',
  'BUTTON', // "Share", "Enlarge Image" (nypost.com)
  'SELECT',
  'INPUT',
  'TEXTAREA',
  'LABEL',
  'FORM', // newsletter and comment forms
  'DIALOG',
  'MENU',
  'NOSCRIPT',
  'TEMPLATE',
  'OBJECT',
  'EMBED',
  'STYLE',
  'SCRIPT',
]);

/**
 * Class and id patterns of page furniture. The class and id are matched after splitting camelCase
 * ("relatedStories" -> "related-stories") and lower-casing; `(?<![a-z])` anchors a word at the start of a
 * class token so "share" does not match inside "timeshare-guide".
 */
export const FURNITURE_CLASSES: readonly { name: string; pattern: RegExp }[] = [
  // "site-nav", "navbar", "breadcrumbs", "skip-link" (every news site's menus)
  { name: 'navigation', pattern: /(?<![a-z])(nav|navbar|navigation|menu|breadcrumbs?|subnav|skip-?links?|pagination|pager)(?![a-z])/ },
  // "masthead", "site-header", "top-bar" (Hearst papers: sfgate.com, chron.com)
  { name: 'masthead', pattern: /(?<![a-z])(masthead|site-header|global-header|top-?bar|header-bar)(?![a-z])/ },
  // "footer", "article-footer", "copyright-wrp" (thehill.com's address and copyright block)
  { name: 'footer', pattern: /footer|(?<![a-z])(copyright|colophon|site-info|legal)(?![a-z])/ },
  // "sidebar", "right-rail" (cnbc.com); not layout flags such as Drupal's "one-sidebar", "content-with-sidebar-wrp" (thehill.com)
  { name: 'sidebar', pattern: /(?<![a-z])(?<!(has|with|no|one|two|three)-)(sidebar|side-bar|rail|right-col|widget)/ },
  // "related-stories", "more-from", "you-may-also-like", "read-next" (express.co.uk "DON'T MISS", cleveland.com)
  { name: 'related', pattern: /(?<![a-z])(related|relacionad|more-(stories|from|news|articles|on)|recommend|trending|most-(popular|read|viewed)|popular-(posts|stories)|read-?next|up-?next|next-(article|story|post)|also-(like|read)|you-may|outbrain|taboola|zergnet|revcontent|story-timeline)/ },
  // "share-bar", "social-links", "sharedaddy", "addthis" (thehill.com, slashgear.com)
  { name: 'share', pattern: /(?<![a-z])(share|sharing|sharedaddy|social|sociable|addthis|sharethis|shareaholic|follow-us)/ },
  // "newsletter-signup", "subscribe-box", "paywall" (nj.com "Subscribe to NJ.com's newsletters")
  { name: 'newsletter', pattern: /(?<![a-z])(newsletter|subscri|signup|sign-up|promo|paywall|piano-|membership|donate|cta)(?![a-z]{3})/ },
  // "advert", "ad-slot", "ad-container", "dfp-ad", "sponsored" (morebikes.co.uk "Advert")
  { name: 'advert', pattern: /(?<![a-z])(ad|ads|advert|advertisement|advertising|ad-slot|ad-container|ad-wrapper|adsbygoogle|dfp|gpt-ad|sponsor|sponsored|commercial)(?![a-z])/ },
  // "comments", "disqus_thread", "respond" (blogs: kabarislamia.com)
  { name: 'comments', pattern: /(?<![a-z])(comment|comments|disqus|respond|replies|reply)(?![a-z])|comment-(list|form|section)|comments-/ },
  // "byline", "post-meta", "entry-date", "timestamp", "author-bio" (9to5mac.com "About the Author")
  { name: 'byline', pattern: /(?<![a-z])(byline|by-line|author|authors|timestamp|dateline-time|publish-?date|pub-?date|post-date|entry-date|article-date|date-published|posted-on|meta|entry-meta|post-meta|article-meta|article-info)(?![a-z])/ },
  // "tags", "tag-list", "categories", "filed-under" (WordPress blogs: "Filed under: Khawarij")
  { name: 'tags', pattern: /(?<![a-z])(tags|tag-list|tagcloud|tag-cloud|categories|cat-links|tags-links|filed-under|keywords)(?![a-z])/ },
  // "caption", "credit", "photo-credit", "gallery", "slideshow" (bbc.com "Image copyright", zdnet.com credits)
  { name: 'media', pattern: /(?<![a-z])(caption|credit|credits|gallery|slideshow|carousel|lightbox|slider|photo-?viewer|image-?viewer|video-?player|media-?embed)(?![a-z])/ },
  // "cookie-banner", "gdpr-consent", "modal", "popup" (morebikes.co.uk cookie notice); hover cards inside a
  // paragraph ("rollover-people-block" repeats a name and lists that person's stories, thehill.com)
  { name: 'overlay', pattern: /(?<![a-z])(cookie|cookies|consent|gdpr|modal|popup|pop-up|overlay|banner|toast|alert-bar|tooltip|popover|hovercard|hover-card|rollover)(?![a-z])/ },
  // "print", "toolbar", "article-tools", "font-size" controls
  { name: 'tools', pattern: /(?<![a-z])(toolbar|tools|article-tools|print|utility-bar|font-?size|bookmark)(?![a-z])/ },
  // text for screen readers only ("Share on Facebook") and hidden blocks, as whole class tokens: Drupal's
  // "field-label-hidden" wraps the article body itself (thehill.com)
  { name: 'hidden', pattern: /(?<!\S)(sr-only|visually-hidden|screen-reader-text|hidden|hide|is-hidden|offscreen|element-invisible)(?!\S)/ },
];

/**
 * Lines inside the main content that are still page furniture, each a kind many sites have. A line is tested
 * only when it is short (`maxChars`), so an article sentence that happens to start "Updated" survives.
 */
export const FURNITURE_LINES: readonly { name: string; pattern: RegExp; maxChars: number }[] = [
  // "Image copyright Getty Images", "Image caption Scooter Braun has managed..." (bbc.com)
  { name: 'image-credit', pattern: /^(image|photo|picture|video)\s*(copyright|caption|credit|source)\b/i, maxChars: 400 },
  // "...the White House turkey pardon (Image: GETTY )", "(AP Photo/Alan Diaz, File)" (express.co.uk, foxbusiness.com)
  { name: 'caption-credit', pattern: /\((image|photo|picture|credit|source|foto)s?\s*[:/©][^)]*\)\s*$|\((ap|afp|reuters|getty)( images| photo)?[^)]*\)\s*$/i, maxChars: 400 },
  // "...sought treatmentCredit: EPA", "Credit: Tyvak" (thesun.co.uk, spacenews.com)
  { name: 'credit', pattern: /credit:\s*\S[^.!?]{0,80}$|^(photo|image|picture|photograph|illustration|source|foto)s?( by| courtesy( of)?)?\s*[:©]|^courtesy of\b|\bphoto illustration by\b/i, maxChars: 400 },
  // "Natalie Naccache | Bloomberg | Getty Images", "(Image: © TNG Collaboration)", "© Aaron Schwartz"
  { name: 'agency-credit', pattern: /^©|\b(getty images|shutterstock|istock(photo)?|ap photo|afp( via getty)?|reuters|alamy|epa-efe|zuma( press)?|newscom|dpa)\s*\)?\s*$/i, maxChars: 100 },
  // "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM", "Published 1 day ago", "PUBLISHED: 10:48, Tue, Nov 19, 2019",
  // "Von publiziert am 25. September 2018" (blog.comwrap.com), "sexta-feira, 22 de outubro de 2010 às 20:13"
  { name: 'timestamp', pattern: /^[|\s]*((von |by )?(updated|published|posted|last (updated|modified)|first published|modified|created|date|publiziert|veröffentlicht|aktualisiert|publié|mis à jour|publicado|atualizado|actualizado|pubblicato|aggiornato)( on| at| am| le| em| el| il)?\s*:?\s*.{0,40}(\d|ago\b)|(monday|tuesday|wednesday|thursday|friday|saturday|sunday|segunda|terça|quarta|quinta|sexta|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(-feira)?,? .{0,40}\d{4}.{0,12}\d{1,2}[:h]\d{2}\s*(am|pm)?$)/iu, maxChars: 120 },
  // "5 min read", "Tempo de leitura: 1 minuto" (comoeducarseusfilhos.com.br), "Lesezeit: 3 Minuten"
  { name: 'reading-time', pattern: /^(\d+\s*(min|minute|minutes|mins)\.?\s*(read|de leitura|lesezeit)|(estimated )?reading time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture|tempo di lettura)\b/i, maxChars: 60 },
  // "Filed under: Khawarij |" (WordPress), "Tags: ...", "Posted in Politics"
  { name: 'tags', pattern: /^(filed under|tags?|tagged( with)?|categories|category|posted in|kategorie|schlagwörter|etiquetas|tópicos)\s*:/i, maxChars: 200 },
  // "By Justine Coleman - 11/18/19 11:04 PM EST", "by Regan September 15, 2014"
  { name: 'byline', pattern: /^(by|By|BY)\s+\p{Lu}[\p{L}.'’-]*(\s+(\p{Lu}[\p{L}.'’-]*|van|von|de|da|del|der|la|le|and|&|,))*(\s*[-|,]\s*.{0,50}\d.{0,30})?\s*$/u, maxChars: 120 },
  // "Related: The 15 Weirdest Galaxies", "READ MORE: ...", "SEE MORE: Hong Kong protests", "More:" (space.com, aljazeera.com)
  { name: 'teaser', pattern: /^(related( coverage| stories| articles| content| reading| news| posts)?|read more|more|see more|see also|also read|read also|also see|more on this|don'?t miss|recommended|you may also like|you might also like|watch|listen|trending|top stories|latest( news| stories)?|popular|most read|more from [^:]{1,40}|related coverage from [^:]{1,60})\s*(:|\.{3}|…|$)/i, maxChars: 200 },
  // "GET FOX BUSINESS ON THE GO BY CLICKING HERE", "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
  { name: 'call-to-action', pattern: /\b(click(ing)? here|tap here|sign up (for|to)|subscribe (to|for|now|today)|follow (us|him|her|them|[\p{Lu}][\p{L}]+) on (twitter|facebook|instagram|youtube)|like us on facebook|download (the|our) app|get the .{1,40} app|join our .{1,40}(forums?|community|newsletter)|listen to .{1,30} live|in your inbox|learn more)\b/iu, maxChars: 220 },
  // "Have a tip? Amy Kuperinsky may be reached at ...", "email the author"
  { name: 'contact', pattern: /\b(may|can) be reached at\b|^have a (news )?tip\b|^(email|e-mail|contact) (the author|us)\b|^view author archive$|^follow on twitter$/i, maxChars: 250 },
  // "Copyright @ 2019 The New Arab.", "This document is subject to copyright.", "Via SyndiGate.info"
  { name: 'copyright', pattern: /^(copyright|\(c\))\b|©\s*(19|20)\d\d\b|all rights reserved|this (document|material|article|content) (is subject to copyright|may not be (published|reproduced))|^via syndigate|^citation:/i, maxChars: 300 },
  // WordPress feeds end each item's content with "The post Lithium prices slide appeared first on Mining Weekly."
  { name: 'feed-footer', pattern: /^the post .{1,300} appeared first on .{1,120}$/i, maxChars: 450 },
  // "Advertisement", "Continue Reading Below", "Skip to content", "Enlarge Image", "Image 1 of 23", "Loading content ..."
  { name: 'interface', pattern: /^(advertisement|advert|ad|ads by google|sponsored( content)?|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|reklama|реклама|iklan|広告|广告|continue reading( below)?|story continues below|article continues below|skip to (main )?content|enlarge( this)? image|image \d+ of \/? ?\d+|\d+ of \d+|caption|close|sign in|log ?in|menu|search|share|share this( article| story)?|tweet|email|print|comments?|loading( content)?\s*(\.{3}|…)?|this slideshow requires javascript\.?|this website uses cookies.*|read more|show more|expand|back to top|next|previous|\d{1,2})\s*$/i, maxChars: 80 },
];

/** ARIA roles of page furniture (W3C landmark roles other than main and article). */
const FURNITURE_ROLES = /^(navigation|banner|contentinfo|complementary|menu|menubar|dialog|alertdialog|search|toolbar)$/;

/** Inline style that hides an element. */
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Embedded posts that the article quotes: kept even inside a "social" wrapper (nj.com quoting tweets). */
const QUOTED_EMBED = /(?<![a-z])(twitter-tweet|instagram-media|tiktok-embed)(?![a-z])/;

/**
 * Thresholds of the pruning pass. A block is pruned only if it holds less than `protectShare` of the page's
 * prose: a site that wraps its whole article in `<div class="post-meta-wrapper">` keeps it.
 */
export const PRUNE_LIMITS = {
  /** A text node this long (trimmed) counts as prose. */
  proseNodeChars: 40,
  /** Never prune an element holding more than this share of the page's prose. */
  protectShare: 0.4,
} as const;

const FURNITURE_CLASS_RE = new RegExp(FURNITURE_CLASSES.map((r) => r.pattern.source).join('|'));

/** The class and id of an element as one lower-case string, camelCase split ("relatedStories" -> "related-stories"). */
export function classAndId(el: Element): string {
  const c = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  if (!c && !id) return '';
  return `${c} ${id}`.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Which furniture rule (if any) names an element by its class or id. */
export function furnitureClassRule(el: Element): string | null {
  const s = classAndId(el);
  if (!s || !FURNITURE_CLASS_RE.test(s)) return null;
  for (const r of FURNITURE_CLASSES) if (r.pattern.test(s)) return r.name;
  return null;
}

/** Why an element is furniture: its tag, role, hidden state or class; null when it may be content. */
export function furnitureReason(el: Element): string | null {
  const tag = el.tagName;
  if (FURNITURE_TAGS.has(tag)) return `tag:${tag.toLowerCase()}`;
  if (el.hasAttribute('hidden')) return 'hidden';
  const role = el.getAttribute('role');
  if (role && FURNITURE_ROLES.test(role)) return `role:${role}`;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return 'hidden';
  if (el.getAttribute('aria-hidden') === 'true') return 'hidden';
  const rule = furnitureClassRule(el);
  return rule ? `class:${rule}` : null;
}

/** Prose characters (text nodes of sentence length) under each element, for the protection rule. */
function proseByElement(root: Element): { byElement: Map<Element, number>; total: number } {
  const byElement = new Map<Element, number>();
  let total = 0;
  const walk = (el: Element): number => {
    let own = 0;
    const kids = el.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.nodeType === 3) {
        const t = (k.textContent ?? '').trim().length;
        if (t >= PRUNE_LIMITS.proseNodeChars) own += t;
      } else if (k.nodeType === 1) {
        const tag = (k as Element).tagName;
        if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'NOSCRIPT' && tag !== 'TEMPLATE') own += walk(k as Element);
      }
    }
    if (own > 0) byElement.set(el, own);
    return own;
  };
  total = walk(root);
  return { byElement, total };
}

export interface PruneReport {
  /** How many blocks were removed, by reason ("tag:nav", "class:related", ...). */
  removed: Record<string, number>;
}

/**
 * Removes page furniture from a document we own (our own parse of the page, never the caller's). `keep` is
 * the page's own article-body element, if it names one: it and its ancestors stay. Quoted embeds (tweets) inside a pruned wrapper are lifted out and kept.
 */
export function pruneFurniture(body: Element, keep: Element | null = null): PruneReport {
  const { byElement, total } = proseByElement(body);
  const limit = total * PRUNE_LIMITS.protectShare;
  // the page's own article-body element and its ancestors are never pruned (their descendants may be)
  const kept = new Set<Element>();
  for (let e: Element | null = keep; e; e = e.parentElement) kept.add(e);
  const removed: Record<string, number> = {};
  const visit = (el: Element): void => {
    const kids = Array.from(el.children);
    for (const k of kids) {
      const reason = kept.has(k) ? null : furnitureReason(k);
      if (reason && (byElement.get(k) ?? 0) <= limit) {
        const embeds = reason.startsWith('class:') ? liftQuotedEmbeds(k) : [];
        if (embeds.length) k.replaceWith(...embeds);
        else k.remove();
        removed[reason] = (removed[reason] ?? 0) + 1;
      } else {
        visit(k);
      }
    }
  };
  visit(body);
  return { removed };
}

function liftQuotedEmbeds(el: Element): Element[] {
  const out: Element[] = [];
  const blocks = el.getElementsByTagName('blockquote');
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (QUOTED_EMBED.test(b.getAttribute('class') ?? '')) out.push(b);
  }
  return out;
}

/** Which furniture-line rule (if any) a line of extracted text matches. */
export function lineFurniture(line: string): string | null {
  const t = line.replace(/^[-–—•*\s]+/, '').trim();
  for (const r of FURNITURE_LINES) if (t.length <= r.maxChars && r.pattern.test(t)) return r.name;
  return null;
}

/** Removes lines of furniture from extracted text, and a first line that repeats the title. */
export function dropFurnitureLines(text: string, title: string | null): string {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const t = title ? norm(title) : '';
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (lineFurniture(line)) continue;
    if (t && kept.length < 3 && norm(line) === t) continue;
    kept.push(line);
  }
  return kept.join('\n');
}

/**
 * Blocks inside the main content made of links to the same site: teasers for the outlet's other stories.
 * Links elsewhere are content (a deals post's "Get it on Amazon for $39.99", a blog's cited sources).
 */
export const LINK_BLOCK_LIMITS = {
  /** A paragraph whose text is this much same-site link is a teaser ("<p><strong><a>SEAN SPICER ELIMINATED ...</a></strong></p>", foxnews.com). */
  teaserParagraphShare: 0.9,
  /** A list whose every item is this much same-site link is a list of other stories ("- 15 Amazing Images of Stars", livescience.com). */
  teaserListShare: 0.9,
  /** After a teaser heading ("DON'T MISS", "More:"), following blocks this much same-site link go too (express.co.uk). */
  afterTeaserHeadingShare: 0.5,
  /** A teaser heading is at most this long. */
  teaserHeadingChars: 40,
} as const;

/** The heading of a block of teasers: "DON'T MISS", "Related", "More:", "You may also like". */
function isTeaserHeading(el: Element): boolean {
  const t = (el.textContent ?? '').trim();
  return t.length > 0 && t.length <= LINK_BLOCK_LIMITS.teaserHeadingChars && lineFurniture(t) === 'teaser';
}

const TEASER_BLOCKS = new Set(['P', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The host of a page without "www.", for telling same-site links from others. */
export function siteHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '').toLowerCase();
  } catch {
    return null;
  }
}

/** A link to the same site: relative, or to the page's host or one of its subdomains (or parent domain). */
function isSameSiteLink(a: Element, host: string | null): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href || href.startsWith('#') || href.startsWith('/') && !href.startsWith('//')) return true;
  if (!/^(https?:)?\/\//i.test(href)) return !/^[a-z][a-z0-9+.-]*:/i.test(href); // "mailto:", "javascript:" are not stories
  if (!host) return false;
  const h = siteHost(href.startsWith('//') ? `https:${href}` : href);
  return h !== null && (h === host || h.endsWith(`.${host}`) || host.endsWith(`.${h}`));
}

/** Share of an element's characters inside links to the same site. */
function sameSiteLinkShare(el: Element, host: string | null): number {
  const total = (el.textContent ?? '').replace(/\s+/g, '').length;
  if (total === 0) return 0;
  let links = 0;
  const as = el.getElementsByTagName('a');
  for (let i = 0; i < as.length; i++) if (isSameSiteLink(as[i]!, host)) links += (as[i]!.textContent ?? '').replace(/\s+/g, '').length;
  return links / total;
}

function isTeaserList(el: Element, host: string | null): boolean {
  const items = Array.from(el.children).filter((c) => c.tagName === 'LI');
  return items.length > 0 && items.every((li) => sameSiteLinkShare(li, host) >= LINK_BLOCK_LIMITS.teaserListShare);
}

/**
 * Prunes the main content an extractor picked (an element we own): furniture by tag or class that it kept, the
 * title (H1), and teasers for the outlet's other stories. `host` is the page's site, for same-site links.
 */
export function pruneContent(root: Element, host: string | null): void {
  const all = Array.from(root.querySelectorAll('*'));
  for (const el of all) {
    if (!el.parentNode) continue;
    const tag = el.tagName;
    if (tag === 'H1' || furnitureReason(el)) el.remove();
    else if ((TEASER_BLOCKS.has(tag) || tag === 'DIV') && isTeaserHeading(el)) {
      for (let next = el.nextElementSibling; next && sameSiteLinkShare(next, host) >= LINK_BLOCK_LIMITS.afterTeaserHeadingShare; next = el.nextElementSibling) next.remove();
      el.remove();
    } else if (TEASER_BLOCKS.has(tag) && sameSiteLinkShare(el, host) >= LINK_BLOCK_LIMITS.teaserParagraphShare) el.remove();
    else if ((tag === 'UL' || tag === 'OL') && isTeaserList(el, host)) el.remove();
  }
}

