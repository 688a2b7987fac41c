/**
 * The ballot log file of `count --ballot-log` and `batch` (逐票记录): buffered synchronous writes into an
 * AtomicFile (temp file beside the target, fsync, rename), moved into place only when the count
 * succeeds — memory stays flat however many ballots pass. When the byte fast path gives up on a file,
 * `reset` starts over for the exact count.
 */
import { ballotLogHeader, formatBallotLogLine } from '../adapters/render/ballotlog.js';
import type { BallotLogEntry } from '../core/index.js';
import { AtomicFile, type OutFs, nodeFs } from './outputs.js';

/** What runCount needs of a ballot log: entries, and a way to start over. */
export interface BallotLogSink {
  add(e: BallotLogEntry): void;
  /** Forget everything written (the count starts over). */
  reset(): void;
}

export class BallotLog implements BallotLogSink {
  private file: AtomicFile;
  private buf = '';

  constructor(target: string, fsx: OutFs = nodeFs) {
    this.file = new AtomicFile(target, fsx);
    this.buf = ballotLogHeader();
  }

  add = (e: BallotLogEntry): void => {
    this.buf += formatBallotLogLine(e);
    if (this.buf.length > 1 << 16) this.flush();
  };

  reset(): void {
    this.buf = ballotLogHeader();
    this.file.truncate();
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }

  private flush(): void {
    if (this.buf !== '') this.file.write(this.buf);
    this.buf = '';
  }
}
