/**
 * The byte fast path for grid ballots files (issue 17): the file is scanned as bytes, one pass, and each
 * plainly common row — ASCII 票号 (digits and letters), a 票箱, every mark cell empty or one character,
 * every other cell empty, the header's number of fields — is handed to the core packed (core/fast.ts:
 * one small id per mark cell, no string per cell). Every other row is handed over as a RawRow, split at its commas:
 * in a file this scanner accepts that is exactly what csv-parse makes of it.
 *
 * It accepts a file only while it is plain: UTF-8 (checked natively, chunk by chunk), no quote character
 * anywhere, one kind of line break (LF, or CR LF throughout), cells of at most MAX_CELL characters. A file
 * that is not plain from its first line is read by the exact reader (csvBatches) from the start; one that
 * turns out not to be later throws `FastPathAbandoned`, and the caller counts again with the exact reader
 * (the count so far is thrown away: rare, and the result is exactly the exact reader's).
 */
import { type FileHandle, open } from 'node:fs/promises';
import {
  type BallotSource,
  type CountOptions,
  type CountResult,
  type Election,
  type FastRows,
  type FastRowsData,
  type GridPlan,
  type RawRow,
  type Result,
  compileHeader,
  count,
} from '../../core/index.js';
import { ballotSource } from './ballots.js';
import { type CsvOptions, MAX_CELL, csvBatches, utf8Watch } from './csv.js';
import { detectEncoding, hasUtf8Bom, looksBinary } from './encoding.js';
import { checkFile } from './files.js';
import { Row } from './row.js';
import { isXlsx } from './sheet-names.js';
import type { Sha256Sink } from './hash.js';
import { giveBuffer, takeBuffer } from './spare.js';

/** The file is not plain after all: count it with the exact reader. */
export class FastPathAbandoned extends Error {
  constructor(readonly file: string) {
    super(`fast path abandoned for ${file}`);
  }
}

const CHUNK = 1 << 20;
const BATCH = 1 << 12;
/** Distinct mark characters per file (ids in a byte). */
const MAX_MARK_IDS = 255;
const MAX_TICKET = 64;
const MAX_BOX = 256;
const KNOWN_BOXES = 8;
const NO_BYTES = Buffer.alloc(0);

/** Node's Buffer has latin1Slice (what toString('latin1') calls after checking its arguments). */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

const R_OTHER = 0;
const R_TICKET = 1;
const R_BOX = 2;
const R_EMPTY = 3;
const R_MARK = 4;

/** Columns of a grid plan by role, for the scanner. */
function roles(plan: GridPlan): { role: Uint8Array; markNo: Int32Array } | undefined {
  const n = plan.header.length;
  const role = new Uint8Array(n);
  const markNo = new Int32Array(n);
  role[plan.ticketCol] = R_TICKET;
  if (plan.boxCol !== undefined) role[plan.boxCol] = R_BOX;
  for (const c of [plan.statusCol, plan.noteCol, ...plan.writeIns.flatMap((w) => [w.col, w.markCol])])
    if (c !== undefined) role[c] = R_EMPTY;
  plan.marks.forEach((m, k) => {
    role[m.col] = R_MARK;
    markNo[m.col] = k;
  });
  if (role.includes(R_OTHER)) return undefined;
  return { role, markNo };
}

/** One pass over a plain file: rows in batches, header first. */
class Scanner implements FastRowsData {
  readonly lines = new Int32Array(BATCH);
  readonly marks: Uint8Array;
  readonly width: number;
  readonly box = new Int32Array(BATCH);
  private readonly rowStart = new Int32Array(BATCH);
  private readonly rowEnd = new Int32Array(BATCH);
  private readonly ticketStart = new Int32Array(BATCH);
  private readonly ticketEnd = new Int32Array(BATCH);
  readonly ticketNo = new Float64Array(BATCH);
  private n = 0;
  private fastFrom = 0;
  private buf: Buffer = NO_BYTES;
  /** Code point → mark id (0: not seen yet). */
  private readonly markIds = new Uint8Array(0x10000);
  private nextMarkId = 1;
  private readonly markTexts: string[] = [''];
  private readonly boxIds = new Map<string, number>();
  /** Bytes of the first KNOWN_BOXES 票箱 (id = index). */
  private readonly boxBytes: Buffer[] = [];

  constructor(
    readonly file: string,
    private readonly role: Uint8Array,
    private readonly markNo: Int32Array,
    readonly crlf: boolean,
  ) {
    this.width = markNo.reduce((n, k, col) => (role[col] === R_MARK ? Math.max(n, k + 1) : n), 0);
    this.marks = new Uint8Array(BATCH * this.width);
  }

  markText(id: number): string {
    return this.markTexts[id] ?? '';
  }

  ticket(i: number): string {
    return (this.buf as Latin1Buffer).latin1Slice(this.ticketStart[i] as number, this.ticketEnd[i] as number);
  }

  ticketLength(i: number): number {
    return (this.ticketEnd[i] as number) - (this.ticketStart[i] as number);
  }

  cells(i: number): string[] {
    return splitLine(this.buf, this.rowStart[i] as number, this.rowEnd[i] as number, this.file);
  }

  /**
   * Only CR LF ends a record (csv-parse keeps the line break it found first): a bare LF, or a CR
   * ending the file, is for the exact reader. Returns where the record's text ends.
   */
  private crlfEnd(buf: Buffer, p: number, end: number, filled: number): number {
    if (end < filled) {
      if (end <= p || buf[end - 1] !== 0x0d) throw new FastPathAbandoned(this.file);
      return end - 1;
    }
    if (end > p && buf[end - 1] === 0x0d) throw new FastPathAbandoned(this.file);
    return end;
  }

  /**
   * The rows of the complete lines in buf[from, filled) (and the last line too at the end of the file),
   * in batches; returns where the incomplete last line starts.
   */
  *rows(buf: Buffer, from: number, filled: number, eof: boolean, firstLine: { line: number }): Generator<(RawRow | FastRows)[], number> {
    this.buf = buf;
    let p = from;
    let out: (RawRow | FastRows)[] = [];
    this.n = 0;
    this.fastFrom = 0;
    while (p < filled) {
      const line = firstLine.line;
      const lf = this.scanRow(buf, p, filled, eof, line);
      let next: number;
      if (lf >= 0) next = lf + 1;
      else {
        let end = buf.indexOf(0x0a, p);
        if (end < 0 || end >= filled) {
          if (!eof) break;
          end = filled;
        }
        next = end + 1;
        if (this.crlf) end = this.crlfEnd(buf, p, end, filled);
        this.cutFast(out);
        out.push(new Row(this.file, line, splitLine(buf, p, end, this.file)));
      }
      firstLine.line++;
      p = next;
      if (this.n === BATCH) {
        this.cutFast(out);
        yield out;
        out = [];
        this.n = 0;
        this.fastFrom = 0;
      }
    }
    this.cutFast(out);
    if (out.length > 0) yield out;
    return p;
  }

  /** Close the run of packed rows since the last plain row. */
  private cutFast(out: (RawRow | FastRows)[]): void {
    if (this.n > this.fastFrom) out.push({ kind: 'fast-rows', data: this, from: this.fastFrom, to: this.n });
    this.fastFrom = this.n;
  }

  /**
   * Scan the line at p, field by field as the header's roles expect them; when it is plainly common it
   * is packed as row n, and its end (the LF, or `limit` at the end of the file) is returned, else -1.
   */
  private scanRow(buf: Buffer, p: number, limit: number, eof: boolean, line: number): number {
    const { role, markNo, marks } = this;
    const ncols = role.length;
    const i = this.n;
    const at = i * this.width;
    let q = p;
    let box = -1;
    for (let col = 0; col < ncols; col++) {
      if (col > 0) {
        if (q >= limit || buf[q] !== 0x2c) return -1;
        q++;
      }
      const r = role[col];
      const b = q < limit ? (buf[q] as number) : 0x0a;
      if (r === R_MARK) {
        const k = at + (markNo[col] as number);
        if (b === 0x2c || b === 0x0a || b === 0x0d) {
          marks[k] = 0;
          continue;
        }
        const e = q + (b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4);
        const id = e > limit ? -1 : this.markId(buf, q, b, e);
        if (id < 0) return -1;
        marks[k] = id;
        q = e;
      } else if (r === R_TICKET) {
        const s = q;
        let no = 0;
        for (let c = b; q < limit && c >= 0x30 && c <= 0x39; c = buf[q] as number) {
          no = no * 10 + c - 0x30;
          if (++q === limit) break;
        }
        while (q < limit && isAlnum(buf[q] as number)) {
          q++;
          no = -1;
        }
        if (q === s || q - s > MAX_TICKET) return -1;
        this.ticketStart[i] = s;
        this.ticketEnd[i] = q;
        this.ticketNo[i] = q - s > 15 ? -1 : no;
      } else if (r === R_BOX) {
        const s = q;
        while (q < limit) {
          const c = buf[q] as number;
          if (c === 0x2c || c === 0x0a || c === 0x0d) break;
          q++;
        }
        box = this.boxId(buf, s, q);
        if (box < 0) return -1;
      }
    }
    let lf: number;
    if (q >= limit) {
      if (!eof) return -1;
      lf = limit;
    } else if (buf[q] === 0x0a && !this.crlf) lf = q;
    else if (this.crlf && buf[q] === 0x0d && q + 1 < limit && buf[q + 1] === 0x0a) lf = q + 1;
    else return -1;
    this.lines[i] = line;
    this.box[i] = box;
    this.rowStart[i] = p;
    this.rowEnd[i] = q;
    this.n = i + 1;
    return lf;
  }

  /** Id of a one-character mark cell [s, e) (its code point's), or -1. UTF-8 validity is checked per chunk. */
  private markId(buf: Buffer, s: number, b: number, e: number): number {
    let cp: number;
    if (b < 0x80) {
      if (e - s !== 1 || b <= 0x20 || b === 0x7f) return -1;
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (e - s !== 2) return -1;
      cp = ((b & 0x1f) << 6) | ((buf[s + 1] as number) & 0x3f);
    } else if (b >= 0xe0 && b <= 0xef) {
      if (e - s !== 3) return -1;
      cp = ((b & 0x0f) << 12) | (((buf[s + 1] as number) & 0x3f) << 6) | ((buf[s + 2] as number) & 0x3f);
    } else return -1;
    let id = this.markIds[cp] as number;
    if (id === 0) {
      if (this.nextMarkId > MAX_MARK_IDS) return -1;
      id = this.nextMarkId++;
      this.markIds[cp] = id;
      this.markTexts[id] = String.fromCharCode(cp);
    }
    return id;
  }

  /** Id of the 票箱 cell's bytes [s, e), or -1. The first few 票箱 are compared byte by byte (no string per row). */
  private boxId(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    const known = this.boxBytes;
    for (let id = 0; id < known.length; id++) {
      const k = known[id] as Buffer;
      if (k.length !== len) continue;
      let q = 0;
      while (q < len && k[q] === buf[s + q]) q++;
      if (q === len) return id;
    }
    if (len > MAX_BOX) return -1;
    for (let q = s; q < e; q++) if ((buf[q] as number) < 0x20) return -1;
    const text = buf.toString('latin1', s, e);
    let id = this.boxIds.get(text);
    if (id === undefined) {
      id = this.boxIds.size;
      this.boxIds.set(text, id);
      if (known.length === id && id < KNOWN_BOXES) known.push(Buffer.from(buf.subarray(s, e)));
    }
    return id;
  }
}

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** A quote-free line's cells, as csv-parse gives them; a cell too long or a bare CR is for the exact reader. */
function splitLine(buf: Buffer, s: number, e: number, file: string): string[] {
  const text = buf.toString('utf8', s, e);
  if (text.length > MAX_CELL && text.split(',').some((c) => c.length > MAX_CELL)) throw new FastPathAbandoned(file);
  if (text.includes('\r')) throw new FastPathAbandoned(file);
  return text.split(',');
}

async function readInto(fh: FileHandle, buf: Buffer, at: number, pos: number): Promise<number> {
  const { bytesRead } = await fh.read(buf, at, buf.length - at, pos);
  return bytesRead;
}

/** The file's rows through the scanner, or through csvBatches when its start is not plain. */
async function* fastBatches(
  path: string,
  display: string,
  election: Election,
  opts: CsvOptions,
): AsyncGenerator<readonly (RawRow | FastRows)[]> {
  const exact = (): AsyncGenerator<RawRow[]> => csvBatches(path, display, opts);
  if (
    opts.range !== undefined ||
    isXlsx(path) ||
    (opts.encoding !== undefined && opts.encoding !== 'utf-8') ||
    checkFile(path, display) !== undefined
  )
    return yield* exact();
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return yield* exact();
  }
  const buf = takeBuffer(CHUNK);
  try {
    const start = await plainStart(fh, buf, display, election);
    if (start === undefined) {
      await fh.close();
      return yield* exact();
    }
    try {
      yield* scanFile(fh, start, opts.digest);
    } finally {
      await fh.close();
    }
  } finally {
    giveBuffer(buf);
  }
}

interface Start {
  readonly header: RawRow;
  readonly scanner: Scanner;
  readonly buf: Buffer;
  /** Bytes read so far, and where the first ballot line starts. */
  readonly filled: number;
  readonly from: number;
}

/** The header line, when the file starts plainly and is a grid ballots file of this election. */
async function plainStart(fh: FileHandle, buf: Buffer, display: string, election: Election): Promise<Start | undefined> {
  const filled = await readInto(fh, buf, 0, 0);
  const head = buf.subarray(0, filled);
  if (filled === 0 || looksBinary(head) || detectEncoding(head) !== 'utf-8') return undefined;
  const nl = head.indexOf(0x0a);
  if (nl < 0) return undefined;
  const crlf = nl > 0 && head[nl - 1] === 0x0d;
  const bom = hasUtf8Bom(head) ? 3 : 0;
  const text = head.toString('utf8', bom, crlf ? nl - 1 : nl);
  if (text.includes('"') || text.includes('\t') || text.includes('\r') || text.includes('\uFFFD')) return undefined;
  const cells = text.split(',');
  const plan = compileHeader(cells, election, display);
  if (!plan.ok || plan.value.layout !== 'grid') return undefined;
  const r = roles(plan.value);
  if (!r) return undefined;
  return { header: { file: display, line: 1, cells }, scanner: new Scanner(display, r.role, r.markNo, crlf), buf, filled, from: nl + 1 };
}

async function* scanFile(fh: FileHandle, start: Start, digest: Sha256Sink | undefined): AsyncGenerator<readonly (RawRow | FastRows)[]> {
  const { scanner, buf } = start;
  const utf8 = utf8Watch();
  // Every byte read is checked and hashed once (issue 13: the hash is of the bytes counted).
  const plainBytes = (b: Buffer): void => {
    if (!utf8.clean(b) || b.includes(0x22) || (!scanner.crlf && b.includes(0x0d))) throw new FastPathAbandoned(scanner.file);
    digest?.update(b);
  };
  let filled = start.filled;
  let pos = filled;
  plainBytes(buf.subarray(0, filled));
  yield [start.header];
  const line = { line: 2 };
  let from = start.from;
  let eof = false;
  for (;;) {
    const rest = yield* scanner.rows(buf, from, filled, eof, line);
    if (eof) break;
    if (rest === 0 && filled === buf.length) throw new FastPathAbandoned(scanner.file); // a line longer than the buffer
    // Keep the incomplete last line, read on after it.
    buf.copy(buf, 0, rest, filled);
    filled -= rest;
    from = 0;
    const got = await readInto(fh, buf, filled, pos);
    plainBytes(buf.subarray(filled, filled + got));
    pos += got;
    filled += got;
    eof = got === 0;
  }
  if (!utf8.complete()) throw new FastPathAbandoned(scanner.file);
  digest?.end();
}

/** A ballots file as a core BallotSource read by the byte scanner (or by the exact reader, see above). */
export function fastBallotSource(path: string, display: string, election: Election, opts: CsvOptions = {}): BallotSource {
  return { file: display, rows: { [Symbol.asyncIterator]: () => fastBatches(path, display, election, opts) } };
}

/** In a CR LF file, every CR must start a CR LF (`prev`: the byte before the chunk). */
function strayCr(b: Buffer, prev: number): boolean {
  if (prev === 0x0d && b[0] !== 0x0a) return true;
  for (let cr = b.indexOf(0x0d); cr >= 0; cr = b.indexOf(0x0d, cr + 1)) if (cr + 1 < b.length && b[cr + 1] !== 0x0a) return true;
  return false;
}

/**
 * Whether the scanner can read the file to its end without giving up (the checks it makes as it reads,
 * made first, natively, chunk by chunk): UTF-8, no quote, one kind of line break, lines of at most
 * MAX_CELL bytes. For a count that cannot start over.
 */
export async function staysPlain(path: string, display = path): Promise<boolean> {
  // Never open a FIFO or a device here (it would block): the exact reader refuses those (files.ts).
  if (checkFile(path, display) !== undefined) return false;
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return false;
  }
  const buf = takeBuffer(CHUNK);
  try {
    const utf8 = utf8Watch();
    let crlf: boolean | undefined;
    let prev = 0x0a;
    let line = 0;
    for (let n = (await fh.read(buf, 0, CHUNK)).bytesRead; n > 0; n = (await fh.read(buf, 0, CHUNK)).bytesRead) {
      const b = buf.subarray(0, n);
      if (!utf8.clean(b) || b.includes(0x22)) return false;
      let from = 0;
      for (let lf = b.indexOf(0x0a); lf >= 0; lf = b.indexOf(0x0a, lf + 1)) {
        const before = lf > 0 ? b[lf - 1] : prev;
        crlf ??= before === 0x0d;
        if (line + lf - from > MAX_CELL || (crlf && before !== 0x0d)) return false;
        line = 0;
        from = lf + 1;
      }
      line += n - from;
      if (line > MAX_CELL) return false;
      if (crlf !== true ? b.includes(0x0d) : strayCr(b, prev)) return false;
      prev = b[n - 1] ?? prev;
    }
    return utf8.complete() && !(crlf === true && prev === 0x0d);
  } finally {
    giveBuffer(buf);
    await fh.close();
  }
}

/**
 * Count ballots files, through the fast path when it may be used: the count is started again with the
 * exact reader if the fast path gives up on a file (`restart` is told, e.g. to empty a ballot log).
 * Without `restart` (a ballot log that cannot start over, as in `batch`) only files that stay plain to
 * their end (`staysPlain`, checked first) take the fast path; with a ticket registry of the caller's,
 * the exact reader is used from the start.
 */
export async function countBallotFiles(
  files: readonly { readonly path: string; readonly display: string }[],
  csv: CsvOptions,
  opts: CountOptions,
  restart: (() => void) | undefined,
  /** New SHA-256 sinks, one per file, for each attempt (the hash is of the bytes that attempt counted). */
  digests: () => readonly Sha256Sink[] = () => [],
): Promise<Result<CountResult>> {
  const withDigest = (d: readonly Sha256Sink[], i: number): CsvOptions => (d[i] === undefined ? csv : { ...csv, digest: d[i] });
  const exact = (): Promise<Result<CountResult>> => {
    const d = digests();
    return count(
      files.map((f, i) => ballotSource(f.path, f.display, withDigest(d, i))),
      opts,
    );
  };
  if (restart === undefined) {
    for (const f of files) if (!(await staysPlain(f.path))) return exact();
  }
  try {
    const d = digests();
    return await count(
      files.map((f, i) => fastBallotSource(f.path, f.display, opts.election, withDigest(d, i))),
      opts,
    );
  } catch (e) {
    if (!(e instanceof FastPathAbandoned) || restart === undefined) throw e;
    restart();
    return exact();
  }
}
