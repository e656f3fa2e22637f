// Progress of long runs (ingest, worker) on standard error: on a terminal one line redrawn in place (a bar when
// the total is known, a counter and rate otherwise), elsewhere a plain line every N items so logs stay readable.
// Hand-written: the runs stream their input, so the total is often unknown or grows, which bar libraries
// (cli-progress) do not model; the drawing itself is a few lines.

export const PROGRESS_RULES = {
  /** Items between two lines when standard error is not a terminal ("ingest | tee", a CI log). */
  every: 100,
  /** A line is also written after this long without one, so a slow feed still shows signs of life. */
  quietMs: 30_000,
  /** Shortest time between two redraws on a terminal (a redraw per item would slow fast runs). */
  redrawMs: 100,
  /** Width of the bar itself, in characters. */
  barWidth: 24,
  /** Frames of the activity indicator when the total is unknown. */
  spinner: ['|', '/', '-', '\\'],
} as const;

export interface ProgressOptions {
  /** The command name at the start of each line ("ingest"). */
  label: string;
  stream?: NodeJS.WriteStream;
  /** Draw in place (default: whether the stream is a terminal). */
  tty?: boolean;
  /** Items between two lines when not drawing in place. */
  every?: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatRate(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly every: number;
  private readonly label: string;
  private readonly started = Date.now();
  private total: number | null = null;
  private done = 0;
  private status = '';
  private lastDraw = 0;
  private lastLineAt = Date.now();
  private lastLineDone = 0;
  private frame = 0;
  private drawn = false;

  constructor(options: ProgressOptions) {
    this.label = options.label;
    this.stream = options.stream ?? process.stderr;
    this.tty = options.tty ?? this.stream.isTTY === true;
    this.every = Math.max(1, options.every ?? PROGRESS_RULES.every);
  }

  /** The number of items expected, when known (an estimate is fine: the bar never passes 99% before finish). */
  setTotal(total: number | null): void {
    this.total = total !== null && total > 0 ? total : null;
  }

  /** Records how many items are done and a short status ("12 stored, 3 duplicates, 1 failed"). */
  update(done: number, status: string): void {
    this.done = done;
    this.status = status;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastDraw >= PROGRESS_RULES.redrawMs) this.draw(now);
      return;
    }
    const crossed = Math.floor(done / this.every) > Math.floor(this.lastLineDone / this.every);
    if (crossed || (done !== this.lastLineDone && now - this.lastLineAt >= PROGRESS_RULES.quietMs)) this.line(now);
  }

  /** A message above the progress line (an error as it happens). */
  log(message: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
    this.stream.write(message + '\n');
    if (this.tty && this.drawn) this.draw(Date.now());
  }

  /** Clears the line drawn in place; the caller prints its summary next. */
  finish(): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  private rate(now: number): number {
    return this.done / Math.max(0.001, (now - this.started) / 1000);
  }

  private line(now: number): void {
    this.lastLineAt = now;
    this.lastLineDone = this.done;
    const of = this.total !== null ? ` of ~${formatCount(this.total)}` : '';
    this.stream.write(`${this.label}: ${formatCount(this.done)}${of} items in ${clock(now - this.started)} (${formatRate(this.rate(now))}/s): ${this.status}\n`);
  }

  private draw(now: number): void {
    this.lastDraw = now;
    this.drawn = true;
    const rate = this.rate(now);
    let head: string;
    if (this.total !== null && this.done <= this.total) {
      const share = Math.min(0.99, this.done / this.total);
      const filled = Math.round(share * PROGRESS_RULES.barWidth);
      const bar = '#'.repeat(filled) + '-'.repeat(PROGRESS_RULES.barWidth - filled);
      const eta = rate > 0 ? ` eta ${clock(((this.total - this.done) / rate) * 1000)}` : '';
      head = `${this.label} [${bar}] ${Math.floor(share * 100)}% ${formatCount(this.done)}/${formatCount(this.total)}${eta}`;
    } else {
      this.frame = (this.frame + 1) % PROGRESS_RULES.spinner.length;
      head = `${this.label} ${PROGRESS_RULES.spinner[this.frame]} ${formatCount(this.done)} items ${clock(now - this.started)}`;
    }
    const text = `${head} ${formatRate(rate)}/s  ${this.status}`;
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write('\r\x1b[K' + (text.length > width ? text.slice(0, width - 1) + '…' : text));
  }
}
