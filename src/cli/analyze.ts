// `lodestone analyze`: one article, or a JSONL batch (one result line per input line, in input order).
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { checkText, decodeBytes, InputError, looksLikeHtml, MAX_INPUT_BYTES } from '../input.js';
// the analysis (models and tables), HTML reading and the JSONL reader are loaded when needed: `lodestone analyze`
// of a text file starts without linkedom or the HTTP client, and other commands without the models

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

/** The article text of a file or standard input (extracted when it is HTML) and the page's date. */
async function readArticle(file: string, html: boolean): Promise<{ text: string; published: string | null }> {
  const label = file === '-' ? 'standard input' : file;
  const text = decodeBytes(readSource(file), label);
  if (html || looksLikeHtml(text)) {
    const { htmlToArticle } = await import('../ingest/html.js');
    const article = htmlToArticle(text);
    return { text: checkText(article.text, `${label} (article text extracted from HTML)`), published: article.published };
  }
  return { text, published: null };
}

/** `lodestone parse`: the sentences of a text as CoNLL-U (or the `sentences` JSON of `analyze --syntax`). */
export async function runParse(file: string, opts: { format: 'conllu' | 'json'; html: boolean }): Promise<void> {
  const { text } = await readArticle(file, opts.html);
  const { parseText } = await import('../nlp/parse-text.js');
  const parsed = parseText(text);
  process.stdout.write(opts.format === 'json' ? JSON.stringify(parsed) + '\n' : parsed.conllu);
}

export async function runAnalyze(file: string, opts: { published: string | null; format: 'json' | 'text'; html: boolean; syntax?: boolean }): Promise<void> {
  const label = file === '-' ? 'standard input' : file;
  let text = decodeBytes(readSource(file), label);
  let published = opts.published;
  if (opts.html || looksLikeHtml(text)) {
    const { htmlToArticle } = await import('../ingest/html.js');
    const article = htmlToArticle(text);
    text = checkText(article.text, `${label} (article text extracted from HTML)`);
    published = published ?? article.published;
  }
  const { analyze, formatReport } = await import('../index.js');
  const result = analyze(text, { published, syntax: opts.syntax === true });
  process.stdout.write(opts.format === 'json' ? JSON.stringify(result) + '\n' : formatReport(result));
}

/** Analyses every line of a JSONL file, in order: one result per line, `{"id", "error"}` for a bad line. */
export async function runAnalyzeJsonl(inPath: string, outPath?: string, options: { syntax?: boolean } = {}): Promise<void> {
  let st;
  try {
    st = statSync(inPath);
  } catch {
    throw new InputError(`no such file: ${inPath}`);
  }
  if (st.isDirectory()) throw new InputError(`${inPath} is a directory: give a JSONL file`);
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  const [{ analyze }, { readJsonl, isSourceError }] = await Promise.all([import('../index.js'), import('../ingest/sources.js')]);
  for await (const item of readJsonl(inPath)) {
    let result: object;
    if (isSourceError(item)) result = { id: item.id ?? null, error: item.error };
    else {
      try {
        result = analyze(item.text ?? '', { ...(item.id !== undefined ? { id: item.id } : {}), published: item.published, syntax: options.syntax === true });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        result = { id: item.id ?? null, error: `${item.source}: analysis failed (${msg.split('\n')[0]})` };
      }
    }
    if (!out.write(JSON.stringify(result) + '\n')) await new Promise<void>((r) => (out as NodeJS.WritableStream).once('drain', () => r()));
  }
  if (outPath) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
}
