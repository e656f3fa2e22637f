// Bytes from files and the web to text, for pages in any encoding: the byte-order mark, the HTTP charset,
// <meta charset> or the XML declaration, and when none of them can be trusted, detection (chardet); decoding
// by iconv-lite. A declared charset that the bytes contradict (a page labelled ISO-8859-1 that is valid UTF-8,
// or labelled UTF-8 with invalid bytes) loses to the bytes. Binary data is refused with a reason.
import iconv from 'iconv-lite';
import chardet from 'chardet';

export type DecodeFailure = 'empty' | 'binary';

/** Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary. */
const BINARY_CONTROL_SHARE = 0.02;

/** Text without its byte-order mark, or the reason it is no article text (empty, or binary data). */
export function checkDecodedText(text: string, label: string): { ok: true; text: string } | { ok: false; reason: DecodeFailure; error: string } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { ok: false, reason: 'empty', error: `${label} has no text (only white space): give an article's text` };
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (control / text.length > BINARY_CONTROL_SHARE) return { ok: false, reason: 'binary', error: `${label} looks like binary data, not text: give a text or HTML file` };
  return { ok: true, text };
}

/** HTML is recognised by its content: a doctype, an <html> element, or markup dominating the start. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head)) return true;
  const tags = (head.match(/<\/?(p|div|span|a|article|section|h[1-6]|br|meta|script)\b/g) ?? []).length;
  return tags >= 5;
}

export type DecodeResult =
  | { ok: true; text: string; /** the charset used, lower case */ charset: string; /** how it was chosen */ from: 'bom' | 'utf-8' | 'declared' | 'detected' | 'fallback' }
  | { ok: false; reason: DecodeFailure; error: string };

/** File signatures of binary formats people drop into article folders, named in the error. */
const BINARY_SIGNATURES: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // "GIF8"
  { name: 'a ZIP archive (or a Word/Excel file)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip-compressed data', bytes: [0x1f, 0x8b] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { name: 'a SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65] }, // "SQLite"
  { name: 'an old Word/Excel file', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

/** WHATWG encoding labels that browsers read differently from their names (Latin-1 pages are Windows-1252). */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'x-sjis': 'shift_jis',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  utf8: 'utf-8',
  unicode: 'utf-16le',
};

/** Charset declarations in the first bytes of a page or feed. */
const DECLARATION_PATTERNS = [
  // <meta charset="windows-1251">
  /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i,
  // <?xml version="1.0" encoding="ISO-8859-1"?>
  /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i,
];

/** How many leading bytes are searched for a charset declaration (the HTML standard prescans 1024). */
const DECLARATION_SCAN_BYTES = 4096;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** An encoding label iconv-lite can decode, normalised, or null. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const name = LABEL_ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset a page or feed declares in its first bytes, or null. */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, DECLARATION_SCAN_BYTES)).toString('latin1');
  for (const re of DECLARATION_PATTERNS) {
    const m = re.exec(head);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

export function binarySignature(buf: Uint8Array): string | null {
  for (const s of BINARY_SIGNATURES) if (s.bytes.every((b, i) => buf[i] === b)) return s.name;
  return null;
}

function hasNonAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i]! >= 0x80) return true;
  return false;
}

/**
 * Decodes a document. `headerCharset` is the charset from the HTTP Content-Type, if any; `label` names the
 * document in errors ("feed item 3", "/data/page.html").
 */
export function decodeDocument(bytes: Uint8Array, label: string, headerCharset?: string | null): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty', error: `${label} is empty: give an article's text` };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let charset: string;
  let from: 'bom' | 'utf-8' | 'declared' | 'detected' | 'fallback';
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    [text, charset, from] = [buf.subarray(3).toString('utf8'), 'utf-8', 'bom'];
  } else if (buf[0] === 0xff && buf[1] === 0xfe) {
    [text, charset, from] = [iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le', 'bom'];
  } else if (buf[0] === 0xfe && buf[1] === 0xff) {
    [text, charset, from] = [iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be', 'bom'];
  } else {
    const signature = binarySignature(buf);
    if (signature) return { ok: false, reason: 'binary', error: `${label} is ${signature}, not a text or HTML document: give a text or HTML file` };
    if (buf.includes(0)) return { ok: false, reason: 'binary', error: `${label} looks like binary data (it contains NUL bytes), not a text or HTML document: give a text or HTML file` };
    let utf8: string | null = null;
    try {
      utf8 = UTF8.decode(buf);
    } catch {
      utf8 = null;
    }
    const declared = normaliseCharset(headerCharset) ?? normaliseCharset(declaredCharset(buf));
    if (utf8 !== null && (hasNonAscii(buf) || !declared || declared === 'utf-8')) {
      // valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says (a mislabelled page)
      [text, charset, from] = [utf8, 'utf-8', declared && declared !== 'utf-8' ? 'detected' : 'utf-8'];
    } else if (declared && declared !== 'utf-8' && !(declared.startsWith('utf-16') || declared.startsWith('utf-32'))) {
      [text, charset, from] = [iconv.decode(buf, declared), declared, 'declared'];
    } else {
      // no usable label, or a UTF-8 label the bytes contradict: detect
      const guess = normaliseCharset(chardet.detect(buf));
      charset = guess && guess !== 'utf-8' && !guess.startsWith('utf-16') && !guess.startsWith('utf-32') ? guess : 'windows-1252';
      from = guess === charset ? 'detected' : 'fallback';
      text = iconv.decode(buf, charset);
    }
  }
  const checked = checkDecodedText(text, label);
  if (!checked.ok) return checked;
  return { ok: true, text: checked.text, charset, from };
}
