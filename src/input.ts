// Turning bytes into text: byte-order marks, UTF-8, and Windows-1252/Latin-1 for older pages and wires.
// Bad input is refused with one clear line that says what to do.
import iconv from 'iconv-lite';

/** The largest input `analyze` reads at once (a long article is ~100 KB; this leaves room for reports). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Share of control characters (other than tab, newline, carriage return, form feed) above which input is binary. */
const BINARY_CONTROL_SHARE = 0.02;

export function decodeBytes(buf: Uint8Array, label = 'input'): string {
  if (buf.length === 0) throw new InputError(`${label} is empty: give an article's text`);
  if (buf.length > MAX_INPUT_BYTES) {
    throw new InputError(`${label} is ${(buf.length / 1048576).toFixed(1)} MB, above the ${MAX_INPUT_BYTES / 1048576} MB limit for one article: split it, or use --jsonl with one article per line`);
  }
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16le');
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16be');
  else {
    const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    if (body.includes(0)) throw new InputError(`${label} looks like binary data (it contains NUL bytes): give a text or HTML file`);
    try {
      text = UTF8.decode(body);
    } catch {
      // not valid UTF-8: older pages and newswires are Windows-1252 (a superset of Latin-1 for printable text)
      text = iconv.decode(Buffer.from(body), 'win1252');
    }
  }
  return checkText(text, label);
}

export function checkText(text: string, label = 'input'): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(`${label} has no text (only white space): give an article's text`);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (control / text.length > BINARY_CONTROL_SHARE) throw new InputError(`${label} looks like binary data, not text: give a text or HTML file`);
  return text;
}

/** HTML is recognised by its content: a doctype, an <html> element, or markup dominating the start. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head)) return true;
  const tags = (head.match(/<\/?(p|div|span|a|article|section|h[1-6]|br|meta|script)\b/g) ?? []).length;
  return tags >= 5;
}
