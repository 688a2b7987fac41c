/**
 * SHA-256 of input files (SPEC §5 `inputs`: the audit trail of every file read). The hash is taken from
 * the very bytes that are counted (issue 13: no second read that could see another file): a reader
 * feeds a `Sha256Sink` as it goes (a whole file read at once is fed in one piece).
 */
import { createHash } from 'node:crypto';

/** A running SHA-256 over the chunks a reader passes it, in order. */
export class Sha256Sink {
  private readonly h = createHash('sha256');
  private done: string | undefined;
  private ended = false;
  update = (chunk: Uint8Array): void => {
    if (this.done !== undefined || this.ended) throw new Error('Sha256Sink: update after the end');
    this.h.update(chunk);
  };
  /** The reader saw the end of the file. */
  end(): void {
    this.ended = true;
  }
  /** The digest; only once the whole file went through (an invariant of a successful count). */
  hex(): string {
    if (!this.ended) throw new Error('Sha256Sink: the file was not read to its end');
    this.done ??= this.h.digest('hex');
    return this.done;
  }
}
