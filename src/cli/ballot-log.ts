/**
 * The ballot log file of `count --ballot-log` and `batch` (逐票记录): buffered synchronous writes into an
 * AtomicFile (temp file beside the target, fsync, rename), moved into place only when the count
 * succeeds — memory stays flat however many ballots pass. When the byte fast path gives up on a file,
 * `reset` starts over for the exact count.
 */
import { ballotLogHeader, formatBallotLogLine, formatBallotLogLineWith } from '../adapters/render/ballotlog.js';
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

  /** `corrections`: the live count's 更正 cell per 票号 (issue 19), a column of its own when given. */
  constructor(
    target: string,
    fsx: OutFs = nodeFs,
    private readonly corrections?: ReadonlyMap<string, string>,
  ) {
    this.file = new AtomicFile(target, fsx);
    this.buf = this.header();
  }

  private header(): string {
    return ballotLogHeader(this.corrections ? ['更正'] : []);
  }

  add = (e: BallotLogEntry): void => {
    this.buf += this.corrections ? formatBallotLogLineWith(e, [this.corrections.get(e.ticket) ?? '']) : formatBallotLogLine(e);
    if (this.buf.length > 1 << 16) this.flush();
  };

  reset(): void {
    this.buf = this.header();
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
