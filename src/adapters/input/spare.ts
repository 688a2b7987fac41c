/**
 * One spare read buffer, kept from one input file to the next (issue 17): `batch` reads two or three
 * files per election, a hundred and more per district, and a fresh buffer per file (1 MiB for a ballots
 * file) outlived its file until the next full garbage collection — external memory that made up a good
 * part of the peak. A buffer is taken for one file and given back once nothing refers to its bytes; two
 * files read at once simply get a buffer each.
 */

/** Bigger buffers are not kept (a one-off big file). */
const MAX_KEPT = 16 << 20;
let spare: Buffer | undefined;

/** A buffer of `size` bytes, contents undefined: the front of the spare one when it is big enough. */
export function takeBuffer(size: number): Buffer {
  const s = spare;
  if (s !== undefined && s.length >= size) {
    spare = undefined;
    return s.subarray(0, size);
  }
  return Buffer.allocUnsafeSlow(size); // never a slice of Node's shared pool: the whole memory is ours
}

/** Give back a buffer from takeBuffer once its bytes are no longer read (the larger of two is kept). */
export function giveBuffer(b: Buffer): void {
  const whole = b.buffer.byteLength;
  if (whole <= MAX_KEPT && (spare === undefined || spare.length < whole)) spare = Buffer.from(b.buffer, 0, whole);
}
