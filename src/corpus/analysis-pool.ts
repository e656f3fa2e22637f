// Analysis off the main thread: a small pool of worker threads (src/corpus/analysis-thread.ts), each of which
// loads the models once and then analyses one article (or reads one HTML page) at a time. The server and the
// queue worker use it so their main thread stays free: the server keeps answering /api/health and read
// queries while a 1 MB article is analysed, and the worker keeps renewing its job's lease.
//
// A task waits in a bounded queue for a free thread (beyond `maxQueue` waiting it is refused at once: busy);
// it has a time budget, and its caller may cancel it with an AbortSignal (a client that hung up). A task that
// runs out of time or is cancelled while it runs cannot be interrupted inside the synchronous analysis, so its
// thread is terminated (the CPU is really freed) and a fresh one is started and warmed in its place.
//
// Plain node:worker_threads rather than a pool library: the pool is fixed-size and small, and its four
// behaviours (warm-up, bounded queue, budget, cancel = terminate and replace) are each a few lines here.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import type { AnalysisJson } from '../output.js';
import type { HtmlArticle } from '../ingest/html.js';

export const POOL_DEFAULTS = {
  /** Threads: one core stays with the main thread (HTTP, database); at most two on a larger machine unless
   * configured, since each thread holds its own copy of the models (about 120 MB). */
  threads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
  /** Tasks that may wait for a thread; one more is refused as busy (HTTP 503 with Retry-After). */
  maxQueue: 8,
  /** Time budget of a task, waiting included, unless the caller gives its own. */
  timeoutMs: 60_000,
  /** A thread that dies before it is ready this many times in a row stops the pool from restarting threads
   * until the next task asks (a broken install must not spin). */
  startFailures: 3,
  /** Retry-After bounds, in seconds. */
  retryAfterMin: 1,
  retryAfterMax: 120,
} as const;

export interface PoolOptions {
  /** Worker threads (default POOL_DEFAULTS.threads). */
  threads?: number;
  /** Tasks that may wait for a free thread (default 8). */
  maxQueue?: number;
  /** Default time budget of a task in ms (default 60 s); each call may give its own. */
  timeoutMs?: number;
}

/** Why a task did not run to its end: none of these is a fault of the article or of the analysis. */
export type InterruptReason = 'timeout' | 'cancelled' | 'busy' | 'closed';

/** A task the pool stopped or refused; `retryAfterSeconds` is an estimate for `busy`. */
export class AnalysisInterrupted extends Error {
  constructor(readonly reason: InterruptReason, message: string, readonly retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'AnalysisInterrupted';
  }
}

export interface TaskOptions {
  /** Cancels the task (queued: dropped; running: its thread is terminated and replaced). */
  signal?: AbortSignal;
  /** This task's budget in ms, waiting included (default the pool's timeoutMs). */
  timeoutMs?: number;
}

export interface AnalyzeTaskOptions extends TaskOptions {
  id: string;
  published: string | null;
}

/** What the main thread sends a thread: one task. */
export type ThreadRequest =
  | { seq: number; kind: 'analyze'; text: string; id: string; published: string | null; json: boolean }
  | { seq: number; kind: 'html'; html: string; url: string | null };

/** What a thread answers. */
export type ThreadReply =
  | { type: 'ready' }
  | { type: 'done'; seq: number; value: unknown }
  | { type: 'failed'; seq: number; message: string };

export interface PoolStats {
  threads: number;
  /** Threads warmed and able to take a task. */
  ready: number;
  busy: number;
  queued: number;
}

type Work = { kind: 'analyze'; text: string; id: string; published: string | null; json: boolean } | { kind: 'html'; html: string; url: string | null };

interface Task {
  seq: number;
  work: Work;
  resolve(value: unknown): void;
  reject(err: Error): void;
  slot: Slot | null;
  /** When it was submitted, and when a thread took it. */
  started: number;
  dispatched: number;
  timer: NodeJS.Timeout;
  cleanup(): void;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  /** Resolves when the thread has loaded the models (or failed to). */
  warmed: Promise<void>;
}

const THREAD_FILE = new URL('./analysis-thread.js', import.meta.url);

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export class AnalysisPool {
  readonly threads: number;
  readonly maxQueue: number;
  readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private seq = 0;
  private closed = false;
  private startFailures = 0;
  /** Running mean of how long a thread works on a task (ms), for Retry-After. */
  private meanMs = 5_000;

  constructor(options: PoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? POOL_DEFAULTS.threads));
    this.maxQueue = Math.max(0, Math.floor(options.maxQueue ?? POOL_DEFAULTS.maxQueue));
    this.timeoutMs = Math.max(1, options.timeoutMs ?? POOL_DEFAULTS.timeoutMs);
  }

  /** Starts the threads (if not yet) and resolves once every one has loaded the models. Optional: the first
   * task starts them too, and then pays for the loading. */
  async warm(): Promise<void> {
    this.fill();
    await Promise.all(this.slots.map((s) => s.warmed));
  }

  /** The contract JSON of an article's text. */
  analyze(text: string, o: AnalyzeTaskOptions): Promise<AnalysisJson> {
    return this.submit({ kind: 'analyze', text, id: o.id, published: o.published, json: false }, o) as Promise<AnalysisJson>;
  }

  /** The same, serialised in the thread: what an HTTP answer sends as is (the main thread never walks it). */
  analyzeToJson(text: string, o: AnalyzeTaskOptions): Promise<string> {
    return this.submit({ kind: 'analyze', text, id: o.id, published: o.published, json: true }, o) as Promise<string>;
  }

  /** An HTML page's article text and metadata (src/ingest/html.ts), read in a thread: large pages take seconds. */
  readHtml(html: string, url: string | null, o: TaskOptions = {}): Promise<HtmlArticle> {
    return this.submit({ kind: 'html', html, url }, o) as Promise<HtmlArticle>;
  }

  stats(): PoolStats {
    return {
      threads: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
    };
  }

  /** Refuses new tasks, fails the waiting and running ones, and stops the threads. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) this.settle(t, new AnalysisInterrupted('closed', 'the server is shutting down'));
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.task) this.settle(s.task, new AnalysisInterrupted('closed', 'the server is shutting down'));
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  /** Why a task submitted now would be refused at once (the pool is closed, or its queue is full), or null.
   * The server asks before it reads a large body it would only refuse. */
  refusal(): AnalysisInterrupted | null {
    if (this.closed) return new AnalysisInterrupted('closed', 'the analysis threads are stopped');
    const idle = this.slots.some((s) => s.ready && !s.task);
    if (idle || this.queue.length < this.maxQueue) return null;
    return new AnalysisInterrupted('busy',
      `the server is busy: ${this.stats().busy} analyses running and ${this.queue.length} waiting; try again later`, this.retryAfter());
  }

  private submit(work: Work, o: TaskOptions): Promise<unknown> {
    if (o.signal?.aborted) return Promise.reject(new AnalysisInterrupted('cancelled', 'cancelled before it started'));
    this.fill();
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    const budget = Math.max(1, o.timeoutMs ?? this.timeoutMs);
    return new Promise((resolve, reject) => {
      const task: Task = {
        seq: ++this.seq, work, resolve, reject, slot: null, started: Date.now(), dispatched: 0, settled: false,
        timer: setTimeout(() => this.interrupt(task, new AnalysisInterrupted('timeout', `the analysis took longer than its ${seconds(budget)} budget and was stopped`)), budget),
        cleanup: () => {},
      };
      if (o.signal) {
        const signal = o.signal;
        const onAbort = () => this.interrupt(task, new AnalysisInterrupted('cancelled', `cancelled after ${seconds(Date.now() - task.started)}`));
        signal.addEventListener('abort', onAbort, { once: true });
        task.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(task);
      this.pump();
    });
  }

  /** Seconds a refused client should wait: the queue ahead of it, shared among the threads. */
  private retryAfter(): number {
    const ahead = (this.queue.length + this.slots.length) / Math.max(1, this.slots.length);
    return Math.min(POOL_DEFAULTS.retryAfterMax, Math.max(POOL_DEFAULTS.retryAfterMin, Math.ceil((ahead * this.meanMs) / 1000)));
  }

  /** Stops a task: dropped from the queue, or its thread terminated (the analysis cannot be interrupted
   * otherwise) and replaced. */
  private interrupt(task: Task, err: AnalysisInterrupted): void {
    if (task.settled) return;
    const i = this.queue.indexOf(task);
    if (i >= 0) this.queue.splice(i, 1);
    const slot = task.slot;
    this.settle(task, err);
    if (slot) this.replace(slot);
  }

  private settle(task: Task, err: Error | null, value?: unknown): void {
    if (task.settled) return;
    task.settled = true;
    clearTimeout(task.timer);
    task.cleanup();
    if (task.slot && task.slot.task === task) {
      task.slot.task = null;
      task.slot.worker.unref();
    }
    task.slot = null;
    if (err) task.reject(err);
    else task.resolve(value);
  }

  /** Starts threads up to the pool's size. Called for a new task or warm(): after a streak of threads that
   * died while starting, this is the one more try that the task asks for. */
  private fill(): void {
    if (this.closed) return;
    if (this.startFailures >= POOL_DEFAULTS.startFailures) this.startFailures = 0;
    while (this.slots.length < this.threads) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // referenced while it warms up or works; an idle pool must not keep a finished command alive
    const worker = new Worker(THREAD_FILE);
    let warmedResolve!: () => void;
    const slot: Slot = { worker, ready: false, task: null, warmed: new Promise<void>((r) => { warmedResolve = r; }) };
    worker.on('message', (m: ThreadReply) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.startFailures = 0;
        if (!slot.task) worker.unref();
        warmedResolve();
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.seq !== m.seq) return;
      this.meanMs = 0.8 * this.meanMs + 0.2 * (Date.now() - task.dispatched);
      if (m.type === 'done') this.settle(task, null, m.value);
      else this.settle(task, new Error(m.message));
      this.pump();
    });
    const died = (why: string) => {
      warmedResolve();
      const at = this.slots.indexOf(slot);
      if (at < 0) return; // replaced or closed on purpose
      this.slots.splice(at, 1);
      if (slot.task) this.settle(slot.task, new Error(`the analysis thread stopped (${why})`));
      if (!slot.ready) {
        this.startFailures++;
        if (this.startFailures >= POOL_DEFAULTS.startFailures) {
          // the threads cannot start (a broken install): fail what waits rather than retrying forever
          for (const t of this.queue.splice(0)) this.settle(t, new Error(`the analysis threads cannot start (${why})`));
          return;
        }
      }
      if (!this.closed) {
        while (this.slots.length < this.threads) this.slots.push(this.spawn());
        this.pump();
      }
    };
    worker.on('error', (err) => died(err.message.split('\n')[0]!));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  /** Terminates a thread (its task is already settled) and starts another in its place. */
  private replace(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate().catch(() => 0);
    if (!this.closed) {
      this.fill();
      this.pump();
    }
  }

  /** Hands waiting tasks to idle, warmed threads, oldest first. */
  private pump(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      task.slot = slot;
      task.dispatched = Date.now();
      slot.worker.ref();
      const msg: ThreadRequest = { seq: task.seq, ...task.work };
      slot.worker.postMessage(msg);
    }
  }
}
