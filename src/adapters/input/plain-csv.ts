/**
 * A cheap reader for small plain CSV files (the voter roll, issue 17): a file of at most 16 MiB that is
 * plainly UTF-8, has no quote character and one kind of line break is read at once and split at its
 * line breaks and commas — exactly what csv-parse makes of such a file, at a fraction of the cost. Any
 * other file (and every error) is left to the exact reader, csvBatches.
 */
import { readFile, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { RawRow } from '../../core/index.js';
import { type CsvOptions, MAX_CELL, csvBatches } from './csv.js';
import { hasUtf8Bom } from './encoding.js';

const MAX_PLAIN = 16 << 20;
const BATCH = 4096;
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** The lines of a plain file (without their line breaks), or undefined when it is not plain. */
export function plainLines(buf: Buffer): string[] | undefined {
  if (buf.length === 0 || buf.includes(0) || buf.includes(0x22) || buf.includes(REPLACEMENT) || !isUtf8(buf)) return undefined;
  const nl = buf.indexOf(0x0a);
  const crlf = nl > 0 && buf[nl - 1] === 0x0d;
  if (crlf) {
    // Only CR LF ends a record: every CR must start one, every LF end one.
    for (let cr = buf.indexOf(0x0d); cr >= 0; cr = buf.indexOf(0x0d, cr + 2)) if (buf[cr + 1] !== 0x0a) return undefined;
    for (let lf = buf.indexOf(0x0a); lf >= 0; lf = buf.indexOf(0x0a, lf + 1)) if (buf[lf - 1] !== 0x0d) return undefined;
  } else if (buf.includes(0x0d)) return undefined;
  const text = buf.toString('utf8', hasUtf8Bom(buf) ? 3 : 0);
  const lines = text.split(crlf ? '\r\n' : '\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0] ?? '';
  if (header.includes('\t') || lines.some((l) => l.length > MAX_CELL)) return undefined;
  return lines;
}

/** Like csvBatches, for a small plain file without reading it through csv-parse. */
export async function* plainCsvBatches(path: string, display: string, opts: CsvOptions = {}): AsyncGenerator<RawRow[]> {
  let lines: string[] | undefined;
  if (opts.range === undefined && opts.encoding !== 'gb18030') {
    try {
      const st = await stat(path);
      if (st.isFile() && st.size <= MAX_PLAIN) {
        const bytes = await readFile(path);
        lines = plainLines(bytes);
        // The hash is of exactly the bytes read (issue 13); a file that is not plain is hashed by csvBatches.
        if (lines !== undefined) {
          opts.digest?.update(bytes);
          opts.digest?.end();
        }
      }
    } catch {
      lines = undefined; // the exact reader says what is wrong
    }
  }
  if (lines === undefined) return yield* csvBatches(path, display, opts);
  for (let i = 0; i < lines.length; i += BATCH) {
    yield lines.slice(i, i + BATCH).map((l, k) => ({ file: display, line: i + k + 1, cells: l.split(',') }));
  }
}
