/**
 * The ballot log file of `count --ballot-log` and `batch` (逐票记录): buffered synchronous writes into an
 * AtomicFile (temp file beside the target, fsync, rename), moved into place only when the count
 * succeeds — memory stays flat however many ballots pass. In a
 * split count, each part worker writes its part's lines into a file of its own (`partPath`), appended
 * here in file order once the part is merged; when the split count gives up, `reset` starts over for
 * the sequential count.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { ballotLogHeader, formatBallotLogLine } from '../adapters/render/ballotlog.js';
import type { BallotLogEntry } from '../core/index.js';
import { AtomicFile, type OutFs, nodeFs, tempBeside } from './outputs.js';

/** What runCount needs of a ballot log: entries, and (to count in parts) files for the parts. */
export interface BallotLogSink {
  add(e: BallotLogEntry): void;
  /** A file for the lines of part `i` of the current ballots file (written by a worker). */
  partPath(i: number): string;
  /** Append a part's file (then removed) after everything added so far. */
  appendPart(path: string): void;
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
  private file: AtomicFile;
  private buf = '';
  private readonly parts = new Set<string>();

  constructor(
    private readonly target: string,
    fsx: OutFs = nodeFs,
  ) {
    this.file = new AtomicFile(target, fsx);
    this.buf = ballotLogHeader();
  }

  add = (e: BallotLogEntry): void => {
    this.buf += formatBallotLogLine(e);
    if (this.buf.length > 1 << 16) this.flush();
  };

  partPath(i: number): string {
    const p = tempBeside(`${this.target}.part${i}`);
    this.parts.add(p);
    return p;
  }

  appendPart(path: string): void {
    this.flush();
    const fd = openSync(path, 'r');
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) this.file.write(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    rmSync(path, { force: true });
    this.parts.delete(path);
  }

  reset(): void {
    this.buf = ballotLogHeader();
    this.file.truncate();
    this.removeParts();
  }

  commit(): void {
    this.flush();
    this.removeParts();
    this.file.commit();
  }

  abort(): void {
    this.removeParts();
    this.file.abort();
  }

  private flush(): void {
    if (this.buf !== '') this.file.write(this.buf);
    this.buf = '';
  }

  private removeParts(): void {
    for (const p of this.parts) rmSync(p, { force: true });
    this.parts.clear();
  }
}
