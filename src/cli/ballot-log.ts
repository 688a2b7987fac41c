/**
 * The ballot log file of `count --ballot-log` (逐票记录): buffered synchronous writes into a temp file,
 * renamed into place only when the count succeeds — memory stays flat however many ballots pass. When
 * the byte fast path gives up on a file, `reset` starts over for the exact count.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { ballotLogHeader, formatBallotLogLine } from '../adapters/render/ballotlog.js';
import type { BallotLogEntry } from '../core/index.js';

/** What runCount needs of a ballot log: entries, and a way to start over. */
export interface BallotLogSink {
  add(e: BallotLogEntry): void;
  /** Forget everything written (the count starts over). */
  reset(): void;
}

/** Buffered appends to a file descriptor. */
export class LineWriter {
  private buf = '';
  constructor(readonly fd: number) {}
  write(s: string): void {
    this.buf += s;
    if (this.buf.length > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buf !== '') writeSync(this.fd, this.buf);
    this.buf = '';
  }
}

export class BallotLog implements BallotLogSink {
  private readonly tmp: string;
  private fd: number;
  private out: LineWriter;

  constructor(private readonly target: string) {
    this.tmp = `${target}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w');
    this.out = new LineWriter(this.fd);
    this.out.write(ballotLogHeader());
  }

  add = (e: BallotLogEntry): void => this.out.write(formatBallotLogLine(e));

  reset(): void {
    closeSync(this.fd);
    this.fd = openSync(this.tmp, 'w');
    this.out = new LineWriter(this.fd);
    this.out.write(ballotLogHeader());
  }

  commit(): void {
    this.out.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.target);
  }

  abort(): void {
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}
