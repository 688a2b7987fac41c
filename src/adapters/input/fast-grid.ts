/**
 * The byte fast path for grid ballots files (issue 17): the file is scanned as bytes, one pass, and each
 * plainly common row — ASCII 票号 (digits and letters), a 票箱, every mark cell empty or one character,
 * every other cell empty, the header's number of fields — is handed to the core packed (core/fast.ts:
 * a key per row, no string per cell). Every other row is handed over as a RawRow, split at its commas:
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

/** The file is not plain after all: count it with the exact reader. */
export class FastPathAbandoned extends Error {
  constructor(readonly file: string) {
    super(`fast path abandoned for ${file}`);
  }
}

const CHUNK = 1 << 20;
const BATCH = 1 << 14;
/** Mark cells hold at most 15 distinct characters per file (4 bits per cell in the key). */
const MAX_MARK_IDS = 15;
/** Mark cells per key number: 13 × 4 bits fit a double exactly. */
const PER_KEY = 13;
const MAX_TICKET = 64;
const MAX_BOX = 256;

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
  for (const c of [plan.statusCol, plan.noteCol, ...plan.writeIns.flatMap((w) => [w.col, w.markCol])]) if (c !== undefined) role[c] = R_EMPTY;
  plan.marks.forEach((m, k) => {
    role[m.col] = R_MARK;
    markNo[m.col] = k;
  });
  if (plan.marks.length > 2 * PER_KEY || role.includes(R_OTHER)) return undefined;
  return { role, markNo };
}

const POW16 = Array.from({ length: PER_KEY }, (_, i) => 16 ** i);

/** One pass over a plain file: rows in batches, header first. */
class Scanner implements FastRowsData {
  readonly lines = new Int32Array(BATCH);
  readonly key = new Float64Array(BATCH);
  readonly key2 = new Float64Array(BATCH);
  readonly box = new Int32Array(BATCH);
  private readonly rowStart = new Int32Array(BATCH);
  private readonly rowEnd = new Int32Array(BATCH);
  private readonly ticketStart = new Int32Array(BATCH);
  private readonly ticketEnd = new Int32Array(BATCH);
  private n = 0;
  private buf: Buffer = Buffer.allocUnsafe(CHUNK);
  /** Code point → mark id (0: not seen yet). */
  private readonly markIds = new Uint8Array(0x10000);
  private nextMarkId = 1;
  private readonly boxIds = new Map<string, number>();
  private lastBoxStart = -1;
  private lastBoxLen = -1;
  private lastBoxId = -1;

  constructor(
    readonly file: string,
    private readonly role: Uint8Array,
    private readonly markNo: Int32Array,
    readonly crlf: boolean,
  ) {}

  ticket(i: number): string {
    return this.buf.toString('latin1', this.ticketStart[i], this.ticketEnd[i]);
  }

  cells(i: number): string[] {
    return splitLine(this.buf, this.rowStart[i] as number, this.rowEnd[i] as number, this.file);
  }

  /**
   * The rows of the complete lines in buf[from, filled) (and the last line too at the end of the file),
   * in batches; returns where the incomplete last line starts.
   */
  *rows(buf: Buffer, from: number, filled: number, eof: boolean, firstLine: { line: number }): Generator<(RawRow | FastRows)[], number> {
    this.buf = buf;
    this.lastBoxStart = -1;
    let p = from;
    let out: (RawRow | FastRows)[] = [];
    let fastFrom = 0;
    this.n = 0;
    const cutFast = (): void => {
      if (this.n > fastFrom) out.push({ kind: 'fast-rows', data: this, from: fastFrom, to: this.n });
      fastFrom = this.n;
    };
    while (p < filled) {
      let end = buf.indexOf(0x0a, p);
      if (end < 0 || end >= filled) {
        if (!eof) break;
        end = filled;
      }
      const next = end + 1;
      if (this.crlf) {
        // Only CR LF ends a record (csv-parse keeps the line break it found first): a bare LF, or a CR
        // ending the file, is for the exact reader.
        if (end < filled) {
          if (end <= p || buf[end - 1] !== 0x0d) throw new FastPathAbandoned(this.file);
          end--;
        } else if (end > p && buf[end - 1] === 0x0d) throw new FastPathAbandoned(this.file);
      }
      const line = firstLine.line++;
      if (!this.scanRow(buf, p, end, line)) {
        cutFast();
        out.push({ file: this.file, line, cells: splitLine(buf, p, end, this.file) });
      }
      p = next;
      if (this.n === BATCH) {
        cutFast();
        yield out;
        out = [];
        this.n = 0;
        fastFrom = 0;
      }
    }
    cutFast();
    if (out.length > 0) yield out;
    return p;
  }

  /** Scan one line [p, end); true when it is plainly common (and then packed as row `n`). */
  private scanRow(buf: Buffer, p: number, end: number, line: number): boolean {
    const { role, markNo } = this;
    const ncols = role.length;
    let col = 0;
    let key = 0;
    let key2 = 0;
    let box = -1;
    let fs = p;
    const i = this.n;
    for (let q = p; ; q++) {
      if (q < end && buf[q] !== 0x2c) continue;
      if (col >= ncols) return false;
      const r = role[col];
      if (r === R_MARK) {
        const id = q === fs ? 0 : this.markId(buf, fs, q);
        if (id < 0) return false;
        const k = markNo[col] as number;
        if (k < PER_KEY) key += id * (POW16[k] as number);
        else key2 += id * (POW16[k - PER_KEY] as number);
      } else if (r === R_EMPTY) {
        if (q !== fs) return false;
      } else if (r === R_TICKET) {
        if (!plainTicket(buf, fs, q)) return false;
        this.ticketStart[i] = fs;
        this.ticketEnd[i] = q;
      } else {
        box = this.boxId(buf, fs, q);
        if (box < 0) return false;
      }
      col++;
      if (q >= end) break;
      fs = q + 1;
    }
    if (col !== ncols) return false;
    this.lines[i] = line;
    this.key[i] = key;
    this.key2[i] = key2;
    this.box[i] = box;
    this.rowStart[i] = p;
    this.rowEnd[i] = end;
    this.n = i + 1;
    return true;
  }

  /** Id of a one-character mark cell [s, e) (its code point's), or -1. UTF-8 validity is checked per chunk. */
  private markId(buf: Buffer, s: number, e: number): number {
    const b = buf[s] as number;
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
    }
    return id;
  }

  /** Id of the 票箱 cell's bytes [s, e) (consecutive rows nearly always share one), or -1. */
  private boxId(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    if (len === this.lastBoxLen && this.lastBoxStart >= 0 && buf.compare(buf, this.lastBoxStart, this.lastBoxStart + len, s, e) === 0) {
      this.lastBoxStart = s;
      return this.lastBoxId;
    }
    if (len > MAX_BOX) return -1;
    for (let q = s; q < e; q++) if ((buf[q] as number) < 0x20) return -1;
    const text = buf.toString('latin1', s, e);
    let id = this.boxIds.get(text);
    if (id === undefined) {
      id = this.boxIds.size;
      this.boxIds.set(text, id);
    }
    this.lastBoxStart = s;
    this.lastBoxLen = len;
    this.lastBoxId = id;
    return id;
  }
}

/** 1–64 ASCII digits and letters. */
function plainTicket(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > MAX_TICKET) return false;
  for (let q = s; q < e; q++) {
    const b = buf[q] as number;
    if (!((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) return false;
  }
  return true;
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
async function* fastBatches(path: string, display: string, election: Election, opts: CsvOptions): AsyncGenerator<readonly (RawRow | FastRows)[]> {
  const exact = (): AsyncGenerator<RawRow[]> => csvBatches(path, display, opts);
  if (opts.range !== undefined || (opts.encoding !== undefined && opts.encoding !== 'utf-8') || checkFile(path, display) !== undefined) return yield* exact();
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return yield* exact();
  }
  const start = await plainStart(fh, display, election);
  if (start === undefined) {
    await fh.close();
    return yield* exact();
  }
  try {
    yield* scanFile(fh, start);
  } finally {
    await fh.close();
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
async function plainStart(fh: FileHandle, display: string, election: Election): Promise<Start | undefined> {
  const buf = Buffer.allocUnsafe(CHUNK);
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

async function* scanFile(fh: FileHandle, start: Start): AsyncGenerator<readonly (RawRow | FastRows)[]> {
  const { scanner, buf } = start;
  const utf8 = utf8Watch();
  const plainBytes = (b: Buffer): void => {
    if (!utf8.clean(b) || b.includes(0x22) || (!scanner.crlf && b.includes(0x0d))) throw new FastPathAbandoned(scanner.file);
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
}

/** A ballots file as a core BallotSource read by the byte scanner (or by the exact reader, see above). */
export function fastBallotSource(path: string, display: string, election: Election, opts: CsvOptions = {}): BallotSource {
  return { file: display, rows: { [Symbol.asyncIterator]: () => fastBatches(path, display, election, opts) } };
}

/**
 * Count ballots files, through the fast path when it may be used: the count is started again with the
 * exact reader if the fast path gives up on a file (`restart` is told, e.g. to empty a ballot log).
 * Without `restart` (a ballot log that cannot start over), the exact reader is used from the start.
 */
export async function countBallotFiles(
  files: readonly { readonly path: string; readonly display: string }[],
  csv: CsvOptions,
  opts: CountOptions,
  restart: (() => void) | undefined,
): Promise<Result<CountResult>> {
  const exact = (): Promise<Result<CountResult>> => count(files.map((f) => ballotSource(f.path, f.display, csv)), opts);
  if (restart === undefined) return exact();
  try {
    return await count(files.map((f) => fastBallotSource(f.path, f.display, opts.election, csv)), opts);
  } catch (e) {
    if (!(e instanceof FastPathAbandoned)) throw e;
    restart();
    return exact();
  }
}
