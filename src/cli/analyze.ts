// `lodestone analyze`: one article, or a JSONL batch (one result line per input line, in input order).
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyze } from '../index.js';
import { formatReport } from '../report.js';
import { checkText, decodeBytes, InputError, looksLikeHtml, MAX_INPUT_BYTES } from '../input.js';
import { htmlToArticle } from '../html.js';

function readSource(file: string): Buffer {
  if (file === '-') {
    try {
      return readFileSync(0);
    } catch {
      throw new InputError('could not read standard input: pipe an article into `lodestone analyze -`');
    }
  }
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(`no such file: ${file}`);
  }
  if (st.isDirectory()) throw new InputError(`${file} is a directory: give one article file (or use --jsonl for many)`);
  if (st.size > MAX_INPUT_BYTES) throw new InputError(`${file} is ${(st.size / 1048576).toFixed(1)} MB, above the ${MAX_INPUT_BYTES / 1048576} MB limit for one article: split it, or use --jsonl`);
  return readFileSync(file);
}

export async function runAnalyze(file: string, opts: { published: string | null; format: 'json' | 'text'; html: boolean }): Promise<void> {
  const label = file === '-' ? 'standard input' : file;
  let text = decodeBytes(readSource(file), label);
  let published = opts.published;
  if (opts.html || looksLikeHtml(text)) {
    const article = htmlToArticle(text);
    text = checkText(article.text, `${label} (article text extracted from HTML)`);
    published = published ?? article.published;
  }
  const result = analyze(text, { published });
  process.stdout.write(opts.format === 'json' ? JSON.stringify(result) + '\n' : formatReport(result));
}

interface JsonlInput {
  id?: unknown;
  text?: unknown;
  html?: unknown;
  published?: unknown;
  url?: unknown;
}

/** Analyses one JSONL line; a bad line yields {"id", "error"} and the run goes on. */
export function analyzeJsonlLine(raw: string, lineNo: number): object {
  let input: JsonlInput;
  try {
    input = JSON.parse(raw) as JsonlInput;
  } catch {
    return { id: null, error: `line ${lineNo}: not valid JSON` };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { id: null, error: `line ${lineNo}: expected a JSON object` };
  const id = typeof input.id === 'string' || typeof input.id === 'number' ? String(input.id) : undefined;
  try {
    let published = typeof input.published === 'string' && /^\d{4}-\d{2}-\d{2}/.test(input.published) ? input.published.slice(0, 10) : null;
    let text: string;
    if (typeof input.text === 'string') text = checkText(input.text, `line ${lineNo} text`);
    else if (typeof input.html === 'string') {
      const article = htmlToArticle(input.html);
      text = checkText(article.text, `line ${lineNo} (article text extracted from HTML)`);
      published = published ?? article.published;
    } else return { id: id ?? null, error: `line ${lineNo}: needs a "text" or "html" string` };
    if (text.length > MAX_INPUT_BYTES) return { id: id ?? null, error: `line ${lineNo}: text above the ${MAX_INPUT_BYTES / 1048576} MB limit` };
    return analyze(text, { id, published });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { id: id ?? null, error: `line ${lineNo}: ${msg.split('\n')[0]}` };
  }
}

export async function runAnalyzeJsonl(inPath: string, outPath?: string): Promise<void> {
  let st;
  try {
    st = statSync(inPath);
  } catch {
    throw new InputError(`no such file: ${inPath}`);
  }
  if (st.isDirectory()) throw new InputError(`${inPath} is a directory: give a JSONL file`);
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  const rl = createInterface({ input: createReadStream(inPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    if (raw.trim() === '') continue;
    const result = analyzeJsonlLine(raw, n);
    if (!out.write(JSON.stringify(result) + '\n')) await new Promise<void>((r) => (out as NodeJS.WritableStream).once('drain', () => r()));
  }
  if (outPath) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
}
