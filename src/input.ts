// Input given by a user at the command line or in an API body: the size limit for one article, and text that
// is refused with one clear line saying what to do (InputError). Decoding itself (byte-order marks, UTF-8,
// declared and detected charsets, binary data) is the one decoder of src/ingest/decode.ts.
import { checkDecodedText, decodeDocument } from './ingest/decode.js';

export { looksLikeHtml } from './ingest/decode.js';

/** The largest input `analyze` reads at once (a long article is ~100 KB; this leaves room for reports). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Bytes to text for one article; an InputError with the reason when they are empty, too large or binary. */
export function decodeBytes(buf: Uint8Array, label = 'input'): string {
  if (buf.length > MAX_INPUT_BYTES) {
    throw new InputError(`${label} is ${(buf.length / 1048576).toFixed(1)} MB, above the ${MAX_INPUT_BYTES / 1048576} MB limit for one article: split it, or use --jsonl with one article per line`);
  }
  const r = decodeDocument(buf, label);
  if (!r.ok) throw new InputError(r.error);
  return r.text;
}

/** Text without its byte-order mark; an InputError when it is empty or binary. */
export function checkText(text: string, label = 'input'): string {
  const r = checkDecodedText(text, label);
  if (!r.ok) throw new InputError(r.error);
  return r.text;
}
