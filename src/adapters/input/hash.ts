/**
 * SHA-256 of input files (SPEC §5 `inputs`: the audit trail of every file read). The hash is taken from
 * the very bytes that are counted (issue 13: no second read that could see another file): a reader
 * feeds a `Sha256Sink` as it goes, or a whole small file is hashed once read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

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

/** Hash a file from an open descriptor (not closed here), or from a path. */
export async function sha256File(path: string, fd?: number): Promise<string> {
  const h = createHash('sha256');
  const stream = fd === undefined ? createReadStream(path) : createReadStream('', { fd, start: 0, autoClose: false });
  for await (const chunk of stream) h.update(chunk as Buffer);
  return h.digest('hex');
}
