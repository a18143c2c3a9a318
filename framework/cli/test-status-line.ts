import chalk from 'chalk';

/** Where the runner writes: the process's stdout, or a test's stand-in. */
export interface RunnerOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** How often a terminal's live line is redrawn, and a log's progress line printed. */
const TICK_MS = 1_000;
const LOG_PROGRESS_INTERVAL_MS = 5_000;

/**
 * The line of the test that is running, shown from the moment it starts, so that a test
 * that hangs is seen to be the one hanging.
 *
 * On a terminal it is a live line (the TEST line with the elapsed time and the search's
 * progress, redrawn every second) that the final TEST line replaces. Elsewhere (CI logs,
 * pipes) the TEST line is written up to its `...` when the test starts and completed with
 * its status when it ends; if the test writes lines in between (progress, --log-level events),
 * the status comes on a line of its own, `... PASS (25.136 s)` as DSLabs writes it, so that a
 * log names each test once.
 */
export class TestStatusLine {
  private header = '';
  private startMs = 0;
  private progressText: string | undefined;

  /** The running search's last figures, if a search reported any: what was explored. */
  get lastProgress(): string | undefined {
    return this.progressText;
  }
  /** Not on a terminal: the TEST line is written up to its `...` and not yet ended. */
  private partial = false;
  private lastLogProgressMs = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly output: RunnerOutput,
    private readonly now: () => number,
  ) {}

  start(header: string): void {
    this.header = header;
    this.startMs = this.now();
    this.lastLogProgressMs = this.startMs;
    this.progressText = undefined;
    if (this.output.isTTY === true) {
      this.draw();
      this.ticker = setInterval(() => this.draw(), TICK_MS);
      this.ticker.unref();
    } else {
      this.output.write(`${header} ...`);
      this.partial = true;
    }
  }

  /** A whole line the test wrote (an event of --log-level). */
  line(text: string): void {
    if (this.output.isTTY === true) {
      this.output.write(`\r\x1b[2K${text}\n`);
      this.draw();
      return;
    }
    if (this.partial) this.output.write('\n');
    this.partial = false;
    this.output.write(`${text}\n`);
  }

  /** The running search's figures: on the live line, or in a log every few seconds. */
  progress(text: string): void {
    this.progressText = text;
    if (this.output.isTTY === true) {
      this.draw();
    } else if (this.now() - this.lastLogProgressMs >= LOG_PROGRESS_INTERVAL_MS) {
      this.lastLogProgressMs = this.now();
      this.line(`    ${text}`);
    }
  }

  /** Ends the test's line with its status, e.g. `PASS (0.120 s)`. */
  finish(status: string): void {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.output.isTTY === true) this.output.write('\r\x1b[2K');
    if (this.output.isTTY === true) this.output.write(`${this.header} ... ${status}\n`);
    else this.output.write(this.partial ? ` ${status}\n` : `... ${status}\n`);
    this.partial = false;
  }

  private draw(): void {
    const seconds = Math.floor((this.now() - this.startMs) / 1000);
    const state =
      this.progressText === undefined
        ? `running, ${seconds} s`
        : `${this.progressText}; ${seconds} s`;
    const line = `${this.header} ... ${chalk.dim(state)}`;
    // A line wider than the terminal wraps, and clearing it would then leave its first rows behind.
    const columns = this.output.columns ?? 0;
    this.output.write(
      `\r\x1b[2K${columns > 1 && visibleLength(line) >= columns ? truncate(line, columns - 1) : line}`,
    );
  }
}

/** Length without ANSI color codes. */
function visibleLength(text: string): number {
  return stripAnsi(text).length;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The first `width` visible characters, colors dropped (a live line can do without them). */
function truncate(text: string, width: number): string {
  return `${stripAnsi(text).slice(0, width - 1)}…`;
}
