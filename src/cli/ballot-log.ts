/**
 * The ballot log file of `count --ballot-log` and `batch` (逐票记录): buffered synchronous writes into an
 * AtomicFile (temp file beside the target, fsync, rename), moved into place only when the count
 * succeeds — memory stays flat however many ballots pass. Lines are encoded straight into one reused
 * buffer (issue 17: a growing string was most of the garbage `batch` made per election). When the byte fast path gives up on a file,
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

/** Bytes buffered before a write. */
const BUFFER = 1 << 16;

export class BallotLog implements BallotLogSink {
  private file: AtomicFile;
  private readonly buf = Buffer.allocUnsafe(BUFFER);
  private used = 0;

  /** `corrections`: the live count's 更正 cell per 票号 (issue 19), a column of its own when given. */
  constructor(
    target: string,
    fsx: OutFs = nodeFs,
    private readonly corrections?: ReadonlyMap<string, string>,
  ) {
    this.file = new AtomicFile(target, fsx);
    this.put(this.header());
  }

  private header(): string {
    return ballotLogHeader(this.corrections ? ['更正'] : []);
  }

  add = (e: BallotLogEntry): void => {
    this.put(this.corrections ? formatBallotLogLineWith(e, [this.corrections.get(e.ticket) ?? '']) : formatBallotLogLine(e));
  };

  reset(): void {
    this.used = 0;
    this.file.truncate();
    this.put(this.header());
  }

  /** Append text (UTF-8; at most 3 bytes per UTF-16 unit); a line longer than the buffer goes straight out. */
  private put(text: string): void {
    if (this.used + text.length * 3 > BUFFER) this.flush();
    if (text.length * 3 > BUFFER) this.file.write(text);
    else this.used += this.buf.write(text, this.used);
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }

  private flush(): void {
    if (this.used > 0) this.file.write(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}
