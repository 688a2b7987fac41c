/**
 * A cheap reader for small plain CSV files (the voter roll, issue 17): a file of at most 16 MiB that is
 * plainly UTF-8, has no quote character and one kind of line break is read at once and split at its
 * line breaks and commas — exactly what csv-parse makes of such a file, at a fraction of the cost. Any
 * other file (and every error) is left to the exact reader, csvBatches.
 *
 * The bytes are decoded a batch of lines at a time (issue 17, `batch` memory): no string of the whole
 * file and no array of all its lines outlives a batch, so a district of rolls leaves little for the
 * garbage collector to promote.
 */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { RawRow } from '../../core/index.js';
import { type CsvOptions, MAX_CELL, csvBatches } from './csv.js';
import { hasUtf8Bom } from './encoding.js';
import { Row } from './row.js';
import { giveBuffer, takeBuffer } from './spare.js';

const MAX_PLAIN = 16 << 20;
const BATCH = 1024;
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** How a plain file's lines are laid out: where the first starts (after a BOM) and how lines end. */
export interface PlainLayout {
  readonly from: number;
  readonly crlf: boolean;
}

/** The layout of a plain file, or undefined when it is not plain (then the exact reader reads it). */
export function plainLayout(buf: Buffer): PlainLayout | undefined {
  if (buf.length === 0 || buf.includes(0) || buf.includes(0x22) || buf.includes(REPLACEMENT) || !isUtf8(buf)) return undefined;
  const nl = buf.indexOf(0x0a);
  const crlf = nl > 0 && buf[nl - 1] === 0x0d;
  if (crlf) {
    // Only CR LF ends a record: every CR must start one, every LF end one.
    for (let cr = buf.indexOf(0x0d); cr >= 0; cr = buf.indexOf(0x0d, cr + 2)) if (buf[cr + 1] !== 0x0a) return undefined;
    for (let lf = buf.indexOf(0x0a); lf >= 0; lf = buf.indexOf(0x0a, lf + 1)) if (buf[lf - 1] !== 0x0d) return undefined;
  } else if (buf.includes(0x0d)) return undefined;
  const from = hasUtf8Bom(buf) ? 3 : 0;
  if (buf.subarray(from, nl < 0 ? buf.length : nl).includes(0x09)) return undefined; // a tab in the header
  // A line of more than MAX_CELL bytes may hold a cell too long: the exact reader says so.
  for (let start = from, lf = buf.indexOf(0x0a, from); ; start = lf + 1, lf = buf.indexOf(0x0a, start)) {
    if ((lf < 0 ? buf.length : lf) - start > MAX_CELL) return undefined;
    if (lf < 0) return { from, crlf };
  }
}

/** The rows of a plain file (see plainLayout), `BATCH` lines decoded at a time. */
export function* plainRows(buf: Buffer, layout: PlainLayout, display: string): Generator<RawRow[]> {
  const sep = layout.crlf ? '\r\n' : '\n';
  let line = 1;
  for (let p = layout.from; p < buf.length;) {
    let e = p;
    for (let k = 0; k < BATCH && e < buf.length; k++) {
      const lf = buf.indexOf(0x0a, e);
      e = lf < 0 ? buf.length : lf + 1;
    }
    const lines = buf.toString('utf8', p, e).split(sep);
    if (lines[lines.length - 1] === '') lines.pop();
    yield lines.map((l, k) => new Row(display, line + k, l.split(',')));
    line += lines.length;
    p = e;
  }
}

/** Like csvBatches, for a small plain file without reading it through csv-parse. */
export async function* plainCsvBatches(path: string, display: string, opts: CsvOptions = {}): AsyncGenerator<RawRow[]> {
  const buf = opts.range === undefined && opts.encoding !== 'gb18030' ? await readSmall(path) : undefined;
  const layout = buf && plainLayout(buf);
  if (buf === undefined || layout === undefined) {
    if (buf) giveBuffer(buf);
    return yield* csvBatches(path, display, opts);
  }
  try {
    // The hash is of exactly the bytes read (issue 13); a file that is not plain is hashed by csvBatches.
    opts.digest?.update(buf);
    opts.digest?.end();
    yield* plainRows(buf, layout, display);
  } finally {
    giveBuffer(buf);
  }
}

/**
 * A regular file of at most MAX_PLAIN bytes, read whole into the spare buffer (spare.ts; give it back);
 * undefined for anything else, or a file that grows while read: the exact reader says what is wrong.
 */
async function readSmall(path: string): Promise<Buffer | undefined> {
  let fh: FileHandle | undefined;
  try {
    const st = await stat(path); // never open a FIFO: it would wait for a writer
    if (!st.isFile() || st.size > MAX_PLAIN) return undefined;
    fh = await open(path, 'r');
    const buf = takeBuffer(st.size);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = (await fh.read(buf, n, buf.length - n, n)).bytesRead;
    if (n < buf.length || (await fh.read(Buffer.alloc(1), 0, 1, n)).bytesRead === 0) return buf.subarray(0, n);
    giveBuffer(buf);
    return undefined;
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}
