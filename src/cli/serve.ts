// `lodestone serve`: the HTTP API and web UI on the embedded database (src/server). Ctrl-C stops it cleanly.
import { InvalidArgumentError, type Command } from 'commander';
import { SERVER_DEFAULTS } from '../server/defaults.js';
import { POOL_DEFAULTS } from '../corpus/analysis-pool.js';
// the server itself (Hono, the store, the ingest readers) is loaded when `serve` runs
import { InputError } from '../input.js';
import { dbOption, fromEnv, nonNegativeInt, positiveInt, positiveNumber } from './query.js';

function portNumber(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) > 65535) throw new InvalidArgumentError(`--port takes a port number from 0 to 65535, not "${v}"`);
  return Number(v);
}

interface ServeOptions {
  port?: number; host?: string; db?: string; demo?: boolean;
  analysisThreads?: number; analysisQueue?: number; analysisTimeout?: number;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

function seconds(s: number | undefined): number | undefined {
  return s === undefined ? undefined : Math.round(s * 1000);
}

export async function runServe(o: ServeOptions): Promise<void> {
  const envPort = process.env['PORT'];
  let port = o.port;
  if (port === undefined && envPort) {
    try {
      port = portNumber(envPort);
    } catch {
      throw new InputError(`PORT="${envPort}" is not a port number (0 to 65535)`);
    }
  }
  const { startServer } = await import('../server/index.js');
  const running = await startServer({
    port: port ?? SERVER_DEFAULTS.port,
    host: o.host ?? process.env['LODESTONE_HOST'] ?? SERVER_DEFAULTS.host,
    ...(o.db ? { db: o.db } : {}),
    demo: o.demo !== false && !process.env['LODESTONE_NO_DEMO'],
    ...defined('analysisThreads', fromEnv(o.analysisThreads, 'LODESTONE_ANALYSIS_THREADS', positiveInt('--analysis-threads'))),
    ...defined('analysisQueue', fromEnv(o.analysisQueue, 'LODESTONE_ANALYSIS_QUEUE', nonNegativeInt('--analysis-queue'))),
    ...defined('analysisBudgetMs', seconds(fromEnv(o.analysisTimeout, 'LODESTONE_ANALYSIS_TIMEOUT', positiveNumber('--analysis-timeout')))),
  });
  process.stdout.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(resolve, (err: unknown) => {
        process.stderr.write(`lodestone serve: ${(err as Error).message}\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Adds `lodestone serve` to the program (as the other corpus commands: registerIngest, registerQueries, ...). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API and web UI (http://localhost:8080); an empty database first gets the bundled demo corpus')
    .option('--port <n>', `port to listen on (default: $PORT, else ${SERVER_DEFAULTS.port}; 0 picks a free one)`, portNumber)
    .option('--host <address>', `address to listen on (default: $LODESTONE_HOST, else ${SERVER_DEFAULTS.host}); beyond loopback, LODESTONE_TOKEN must be set and analyze and ingest require it`)
    .addOption(dbOption())
    .option('--no-demo', 'do not load the demo corpus into an empty database (or set LODESTONE_NO_DEMO=1)')
    .option('--analysis-threads <n>', `worker threads that analyse posted articles, so reads keep answering meanwhile (default: $LODESTONE_ANALYSIS_THREADS, else ${POOL_DEFAULTS.threads} here: one less than the cores, at most 2)`, positiveInt('--analysis-threads'))
    .option('--analysis-queue <n>', `analyses that may wait for a thread; more are refused with 503 and Retry-After (default: $LODESTONE_ANALYSIS_QUEUE, else ${POOL_DEFAULTS.maxQueue})`, nonNegativeInt('--analysis-queue'))
    .option('--analysis-timeout <seconds>', `time budget of one analyze or ingest request; past it the analysis is stopped and the answer is 408 (default: $LODESTONE_ANALYSIS_TIMEOUT, else ${POOL_DEFAULTS.timeoutMs / 1000})`, positiveNumber('--analysis-timeout'))
    .action(async (o: ServeOptions) => {
      await runServe(o);
    });
}
