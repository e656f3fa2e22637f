// The `lodestone` command line. Thin: parse arguments, read input, call the library, print.
import { Command } from 'commander';
import { runAnalyze, runAnalyzeJsonl, runParse } from './analyze.js';
import { InputError } from '../input.js';
import { registerIngest } from './ingest.js';
import { registerWorker } from './worker.js';
import { registerQueries, isoDate } from './query.js';
import { registerExport } from './export.js';
import { registerServe } from './serve.js';


const program = new Command();
program
  .name('lodestone')
  .description('Grounded facts from news about strategic resources and geopolitics.')
  // one line per error, prefixed like our own errors: "lodestone: error: unknown option '--x' (see lodestone --help)"
  .configureOutput({ outputError: (str, write) => write(`lodestone: ${str.trim().split('\n')[0]} (see lodestone --help)\n`) });

program
  .command('analyze')
  .description('read one article (a file, or - for standard input) or a JSONL batch into grounded facts')
  .argument('[file]', 'plain text or HTML file, or - for standard input')
  .option('--published <date>', 'publication date (YYYY-MM-DD) to resolve relative dates against', isoDate('--published'))
  .option('--format <format>', 'json or text (default: text on a terminal, json otherwise)')
  .option('--html', 'treat the input as an HTML page (otherwise detected by content)')
  .option('--jsonl <in>', 'batch mode: one {"id","text"|"html","published"?} object per line')
  .option('--out <out>', 'with --jsonl: write results here instead of standard output')
  .option('--syntax', 'add every sentence with its tokens\' part of speech, lemma and dependency head (`sentences`)')
  .action(async (file: string | undefined, opts: { published?: string; format?: string; html?: boolean; jsonl?: string; out?: string; syntax?: boolean }) => {
    if (opts.format && opts.format !== 'json' && opts.format !== 'text') throw new InputError(`unknown --format "${opts.format}": use json or text`);
    if (opts.jsonl) {
      if (file) throw new InputError('give either a FILE or --jsonl IN, not both');
      await runAnalyzeJsonl(opts.jsonl, opts.out, { syntax: opts.syntax === true });
      return;
    }
    if (!file) throw new InputError('missing input: give a FILE, - for standard input, or --jsonl IN.jsonl');
    const format = (opts.format as 'json' | 'text' | undefined) ?? (process.stdout.isTTY ? 'text' : 'json');
    await runAnalyze(file, { published: opts.published ?? null, format, html: opts.html === true, syntax: opts.syntax === true });
  });

program
  .command('parse')
  .description('tag and parse one text (a file, or - for standard input) into Universal Dependencies trees')
  .argument('<file>', 'plain text or HTML file, or - for standard input')
  .option('--format <format>', 'conllu (CoNLL-U, for any UD tool) or json', 'conllu')
  .option('--html', 'treat the input as an HTML page (otherwise detected by content)')
  .action(async (file: string, opts: { format: string; html?: boolean }) => {
    if (opts.format !== 'conllu' && opts.format !== 'json') throw new InputError(`unknown --format "${opts.format}": use conllu or json`);
    await runParse(file, { format: opts.format, html: opts.html === true });
  });

registerIngest(program);
registerWorker(program);
registerQueries(program);
registerExport(program);
registerServe(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof InputError) {
    process.stderr.write(`lodestone: ${err.message}\n`);
    process.exit(2);
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`lodestone: internal error: ${msg.split('\n')[0]} (please report it with the input that caused it)\n`);
  if (process.env.LODESTONE_DEBUG) console.error(err);
  process.exit(1);
});
