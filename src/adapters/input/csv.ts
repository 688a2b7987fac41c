/**
 * CSV input: a file streamed as records (csv-parse, arrays — never `columns: true`), decoded from UTF-8 or
 * GB18030, one record at a time so memory stays flat. Errors are coded like csv-parse's own
 * (`CSV_QUOTE_NOT_CLOSED` …) and carry file, line and column.
 */
import { type ReadStream, closeSync, createReadStream, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { CsvError, type Parser, parse } from 'csv-parse';
import { type InputError, InputErrors, type RawRow, type Result, err, inputError, ok } from '../../core/index.js';
import { type Encoding, detectEncoding, encodingProblem, invalidBytesMessage, looksBinary } from './encoding.js';
import { openInput, readInput, readProblem } from './files.js';
import type { Sha256Sink } from './hash.js';
import { isXlsx } from './sheet-names.js';
import { xlsxBatches } from './xlsx.js';

export const MAX_CELL = 10_000;
const SAMPLE = 1 << 16;

export interface CsvOptions {
  readonly encoding?: Encoding | undefined;
  /** Read only a part of the file, cut at a record boundary by `splitCsv` (no header in it unless it starts the file). */
  readonly range?: CsvRange | undefined;
  /** Fed every byte read, in order (the input's SHA-256 from the bytes counted); marked complete at the end. */
  readonly digest?: Sha256Sink | undefined;
  /** An .xlsx file: the sheet to read (default: the first). */
  readonly sheet?: string | undefined;
}

/** Bytes [start, end) of a CSV file, starting a record on line `firstLine`. */
export interface CsvRange {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  /** The file's record delimiter (csv-parse finds it on the first line; a later part must be told). */
  readonly recordDelimiter: '\n' | '\r\n';
}

const CSV_MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合: 从这里开始的带引号字段直到文件末尾都没有结束引号',
  CSV_INVALID_CLOSING_QUOTE: '结束引号后面紧跟了其他字符 (字段中的引号应写成两个引号 "")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '结束引号后面有多余字符',
  CSV_MAX_RECORD_SIZE: '这一行过长, 不像是一张选票',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: '这一行的字段数与表头不一致',
};

/**
 * `crs`: carriage returns csv-parse has counted as lines of their own in the records before the error
 * (a quoted bare CR, or the CR of a quoted CRLF) — we count lines by LF only, as editors and Excel do.
 */
function csvError(e: unknown, display: string, encoding: Encoding, crs = 0): InputError {
  if (e instanceof CsvError) {
    const ctx = e as CsvError & { lines?: number; column?: number | string; index?: number };
    const line = typeof ctx.lines === 'number' ? ctx.lines - crs : undefined;
    const column = typeof ctx.index === 'number' ? ctx.index + 1 : undefined;
    return inputError(e.code, CSV_MESSAGES[e.code] ?? `CSV 格式错误 (${e.code})`, { file: display, line, column });
  }
  if (e instanceof TypeError && /encoded data|decode/iu.test(e.message)) {
    return inputError('ENCODING_INVALID', invalidBytesMessage(encoding), { file: display });
  }
  if (e instanceof RangeError && /encoding/iu.test(e.message)) {
    return inputError('ENCODING_UNSUPPORTED', `不支持的编码: ${e.message}`, { file: display });
  }
  const problem = readProblem((e as { code?: unknown }).code, display);
  if (problem) return problem;
  throw e;
}

/** The first bytes of the file, read from its descriptor (the same file that is then streamed). */
function sample(fd: number): Uint8Array {
  const buf = new Uint8Array(SAMPLE);
  let n = 0;
  for (let r = -1; r !== 0 && n < SAMPLE; n += r) r = readSync(fd, buf, n, SAMPLE - n, n);
  return buf.subarray(0, n);
}

/** Check the first line before streaming: a tab-separated file is a common Excel mistake. */
function checkHeaderText(text: string, display: string): InputError | undefined {
  const nl = text.search(/\r?\n/u);
  const first = nl < 0 ? text : text.slice(0, nl);
  if (first.includes('\t') && !first.includes(',')) {
    return inputError('CSV_TAB_SEPARATED', '文件用制表符分隔, 不是逗号分隔的 CSV; 请在 Excel 中另存为 "CSV (逗号分隔)"', {
      file: display,
      line: 1,
    });
  }
  return undefined;
}

/**
 * Stream a CSV file as records; the first record is the header. Throws `InputErrors` for file-level
 * problems (missing, folder, binary, encoding, CSV syntax). Ragged rows are delivered as they are (the
 * core reports each one), so every bad row of a file can be listed at once.
 */
export async function* csvRows(path: string, display: string, opts: CsvOptions = {}): AsyncGenerator<RawRow> {
  for await (const batch of csvBatches(path, display, opts)) yield* batch;
}

/** Records of a stream.Readable in object mode, in batches (one promise per batch, not per record). */
async function* readBatches(stream: NodeJS.ReadableStream & { read(): unknown }, max = 256): AsyncGenerator<string[][]> {
  let done = false;
  let failure: unknown;
  let signalled: boolean; // set false before each read, true by the stream's events
  let wake: (() => void) | undefined;
  const signal = (): void => {
    signalled = true;
    wake?.();
  };
  stream.on('readable', signal);
  stream.on('end', () => {
    done = true;
    signal();
  });
  stream.on('error', (e: unknown) => {
    failure = e;
    signal();
  });
  for (;;) {
    signalled = false;
    const batch: string[][] = [];
    let rec: unknown;
    while (batch.length < max && (rec = stream.read()) !== null) batch.push(rec as string[]);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (failure !== undefined) throw failure;
    if (done) return;
    if (!signalled) await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
}

/** Like csvRows, in batches of records: the fast path the count uses. */
export async function* csvBatches(path: string, display: string, opts: CsvOptions = {}): AsyncGenerator<RawRow[]> {
  // The seam for spreadsheets: an .xlsx sheet gives the same rows (cells, line numbers) as its CSV export.
  if (isXlsx(path)) return yield* xlsxBatches(path, display, { ...opts, bytes: workbookBytes(path, display, opts.digest) });
  const { fd, encoding, headText } = openCsv(path, display, opts);
  const parser = csvParser(encoding, opts.range);
  const { range } = opts;
  const file = createReadStream('', { fd, highWaterMark: SAMPLE, start: range?.start ?? 0, ...(range ? { end: range.end - 1 } : {}) });
  file.on('error', (e) => parser.destroy(e));
  const { digest } = opts;
  if (digest) {
    file.on('data', (chunk: string | Buffer) => digest.update(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
    file.on('end', () => digest.end());
  }
  const seen = watchBytes(file, parser, encoding, headText);
  const lines: LineCount = { line: range?.firstLine ?? 1, prevEnd: (range?.firstLine ?? 1) - 1, crs: 0 };
  try {
    for await (const records of readBatches(parser))
      yield numberRecords(records, lines, seen, display, encoding, opts.encoding !== undefined);
  } catch (e) {
    if (e instanceof InputErrors) throw e;
    const x = csvError(e, display, encoding, lines.crs);
    // An unclosed quote is only noticed at the end of the file: point at the record where it opened.
    throw new InputErrors([x.code === 'CSV_QUOTE_NOT_CLOSED' ? { ...x, line: lines.prevEnd + 1, column: undefined } : x]);
  } finally {
    file.destroy();
    parser.destroy();
  }
}

/**
 * Hashed: the workbook is read once and exceljs unzips those same bytes (no second read, issue 13).
 * Not hashed: exceljs reads the file itself.
 */
function workbookBytes(path: string, display: string, digest: Sha256Sink | undefined): Uint8Array | undefined {
  if (!digest) return undefined;
  const read = readInput(path, display);
  if (!read.ok) throw new InputErrors(read.error);
  digest.update(read.value.bytes);
  digest.end();
  return read.value.bytes;
}

/** An old Excel workbook (.xls, an OLE2 compound file) is named as such: the clerk can save it as .xlsx. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function binaryMessage(head: Uint8Array): string {
  if (OLE2.every((b, i) => head[i] === b)) return '这是旧的 Excel 工作簿 (.xls), 无法读取; 请在 Excel 或 WPS 中另存为 .xlsx 或 CSV';
  return '这不是文本文件 (含有二进制内容); 选票文件应为 CSV';
}

/** Opened once: the sample, the records and the digest all come from this one descriptor. */
function openCsv(path: string, display: string, opts: CsvOptions): { fd: number; encoding: Encoding; headText: string } {
  const opened = openInput(path, display);
  if (!opened.ok) throw new InputErrors(opened.error);
  const { fd } = opened.value;
  let head: Uint8Array;
  try {
    head = sample(fd);
    const refused =
      encodingProblem(head, display) ?? (looksBinary(head) ? inputError('FILE_BINARY', binaryMessage(head), { file: display }) : undefined);
    if (refused) throw new InputErrors([refused]);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  const encoding = opts.encoding ?? detectEncoding(head);
  // Not fatal: an invalid byte is reported below with its line and column, from the records.
  const headText = new TextDecoder(encoding).decode(head, { stream: true });
  const tab = checkHeaderText(headText.replace(/^\uFEFF/u, ''), display);
  if (tab) {
    closeSync(fd);
    throw new InputErrors([tab]);
  }
  return { fd, encoding, headText };
}

/**
 * UTF-8 goes to csv-parse as raw bytes (it works on buffers); invalid sequences then show up as
 * U+FFFD in a cell and are reported with their line and column (never silently accepted). GB18030
 * is decoded first with the streaming TextDecoder.
 */
function csvParser(encoding: Encoding, range: CsvRange | undefined): Parser {
  return parse({
    relax_column_count: true,
    bom: true,
    max_record_size: 4 * MAX_CELL * 64,
    ...(range ? { record_delimiter: range.recordDelimiter } : {}),
    ...(encoding === 'utf-8' ? { encoding: 'utf8' as const } : {}),
  });
}

/**
 * What the bytes could hold, seen before the parser sees them: the per-cell checks below only run
 * once the file has shown a reason — `breaks`: a cell may hold a line break (after a quote, or in a
 * CRLF file a bare LF: csv-parse keeps the delimiter it found on the first line, so such an LF is
 * data in a field); `long`: a line longer than MAX_CELL (bytes or UTF-16 units, never fewer than a
 * cell's characters); `replacement`: bytes that decode to U+FFFD. Pipes the file into the parser.
 */
function watchBytes(file: ReadStream, parser: Parser, encoding: Encoding, headText: string): Seen {
  const seen: Seen = { breaks: false, long: false, replacement: false };
  const scanLines = lineScanner(seen, /^[^\n]*\r\n/u.test(headText));
  if (encoding === 'utf-8') {
    const utf8 = utf8Watch();
    file.on('data', (data: string | Buffer) => {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      if (!seen.breaks && chunk.includes(0x22)) seen.breaks = true;
      scanLines(chunk, 0x0a, (i) => chunk[i] === 0x0d);
      if (!seen.replacement && !utf8.clean(chunk)) seen.replacement = true;
    });
    file.on('end', () => {
      if (!utf8.complete()) seen.replacement = true;
    });
    file.pipe(parser);
  } else {
    const decoder = new TextDecoder(encoding);
    const watch = (text: string): string => {
      if (!seen.breaks && text.includes('"')) seen.breaks = true;
      scanLines(text, '\n', (i) => text.charCodeAt(i) === 0x0d);
      if (!seen.replacement && text.includes('\uFFFD')) seen.replacement = true;
      return text;
    };
    const decode = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        cb(null, watch(decoder.decode(chunk, { stream: true })));
      },
      flush(cb) {
        cb(null, watch(decoder.decode()));
      },
    });
    decode.on('error', (e) => parser.destroy(e));
    file.pipe(decode).pipe(parser);
  }
  return seen;
}

interface Seen {
  breaks: boolean;
  long: boolean;
  replacement: boolean;
}

type Chunk = { indexOf(c: string | number, from?: number): number; readonly length: number };

/** Sets `seen.long` and (in a CRLF file, on a bare LF) `seen.breaks`, across chunks. */
function lineScanner(seen: Seen, crlf: boolean): (chunk: Chunk, lf: string | number, crAt: (i: number) => boolean) => void {
  let lineLength = 0;
  let lastCr = false;
  return (chunk, lf, crAt) => {
    if (seen.long && (seen.breaks || !crlf)) return;
    let from = 0;
    for (let i = chunk.indexOf(lf); i >= 0; i = chunk.indexOf(lf, i + 1)) {
      if (lineLength + i - from > MAX_CELL) seen.long = true;
      if (crlf && !(i > 0 ? crAt(i - 1) : lastCr)) seen.breaks = true;
      lineLength = 0;
      from = i + 1;
    }
    lineLength += chunk.length - from;
    if (lineLength > MAX_CELL) seen.long = true;
    lastCr = chunk.length > 0 && crAt(chunk.length - 1);
  };
}

/**
 * Line numbers without csv-parse's per-record `info` object (a third of the parse time): a record
 * starts on the line after the previous one ended, and ends as many lines later as it has line breaks.
 */
interface LineCount {
  line: number;
  prevEnd: number;
  crs: number;
}

function numberRecords(records: string[][], lines: LineCount, seen: Seen, display: string, encoding: Encoding, forced: boolean): RawRow[] {
  const out: RawRow[] = [];
  const checkCells = seen.breaks || seen.replacement || seen.long;
  for (const cells of records) {
    const start = lines.line;
    const breaks = checkCells ? checkRecordCells(cells, start, seen, lines, display, encoding, forced) : 0;
    lines.line = start + 1 + breaks;
    lines.prevEnd = start + breaks;
    out.push({ file: display, line: start, cells });
  }
  return out;
}

/** A record's cells: too long or undecodable is an error; returns its line breaks (and counts its CRs). */
function checkRecordCells(
  cells: string[],
  start: number,
  seen: Seen,
  lines: LineCount,
  display: string,
  encoding: Encoding,
  forced: boolean,
): number {
  const { breaks: cellBreaks, replacement } = seen;
  let breaks = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (cell.length > MAX_CELL) {
      throw new InputErrors([
        inputError('CSV_CELL_TOO_LONG', `字段长度 ${cell.length} 个字符, 超过上限 ${MAX_CELL}; 这不像是选票内容`, {
          file: display,
          line: start,
          column: i + 1,
        }),
      ]);
    }
    if (replacement && cell.includes('\uFFFD')) {
      throw new InputErrors([
        inputError('ENCODING_INVALID', invalidBytesMessage(encoding, forced), { file: display, line: start, column: i + 1 }),
      ]);
    }
    if (cellBreaks && cell.includes('\n')) breaks += cell.split('\n').length - 1;
    if (cellBreaks && cell.includes('\r')) lines.crs += cell.split('\r').length - 1;
  }
  return breaks;
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/**
 * Watches raw chunks for what would decode to U+FFFD: invalid UTF-8 (checked natively with
 * `buffer.isUtf8`, a character split across two chunks checked at the seam) or a literal U+FFFD.
 */
export function utf8Watch(): { clean(chunk: Buffer): boolean; complete(): boolean } {
  let carry: Buffer | undefined;
  const isCont = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;
  return {
    clean(chunk) {
      if (chunk.includes(REPLACEMENT)) return false;
      let head = 0;
      while (head < 3 && isCont(chunk[head])) head++;
      let ok = true;
      if (carry !== undefined || head > 0) ok = isUtf8(Buffer.concat([carry ?? Buffer.alloc(0), chunk.subarray(0, head)]));
      let lead = chunk.length - 1;
      while (lead > head && chunk.length - lead < 4 && isCont(chunk[lead])) lead--;
      const b = chunk[lead] ?? 0;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      const tail = lead >= head && chunk.length - lead < need ? lead : chunk.length;
      carry = tail < chunk.length ? Buffer.from(chunk.subarray(tail)) : undefined;
      return ok && isUtf8(chunk.subarray(head, tail));
    },
    complete: () => carry === undefined,
  };
}

/** Read a whole small CSV file (roll, rulings) into memory; errors as values. */
export async function readCsvAll(path: string, display: string, opts: CsvOptions = {}): Promise<Result<RawRow[]>> {
  const rows: RawRow[] = [];
  try {
    for await (const r of csvRows(path, display, opts)) rows.push(r);
  } catch (e) {
    if (e instanceof InputErrors) return err([...e.errors]);
    throw e;
  }
  return ok(rows);
}

/**
 * A column name that appears twice in a header (voters.csv, rulings.csv): which of the two would be
 * read is arbitrary, so it is an error naming both columns. Empty names (Excel's extra columns) are not
 * compared.
 */
export function duplicateColumn(header: RawRow, file: string): InputError | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < header.cells.length; i++) {
    const k = (header.cells[i] ?? '')
      .normalize('NFKC')
      .replace(/^\uFEFF/u, '')
      .trim();
    if (k === '') continue;
    const prev = seen.get(k);
    if (prev !== undefined)
      return inputError('CSV_DUPLICATE_COLUMN', `列名「${k}」重复 (第 ${prev + 1} 列和第 ${i + 1} 列); 每列只能出现一次`, {
        file,
        line: header.line,
        column: i + 1,
      });
    seen.set(k, i);
  }
  return undefined;
}

/** A small CSV file (roll, rulings) as its header, checked for a column named twice, and its body. */
export function splitHeader(
  rows: readonly RawRow[],
  file: string,
  empty: InputError,
): Result<{ header: RawRow; body: readonly RawRow[]; idx: Map<string, number> }> {
  const [header, ...body] = rows;
  if (!header) return err([empty]);
  const dup = duplicateColumn(header, file);
  if (dup) return err([dup]);
  return ok({ header, body, idx: headerIndex(header.cells) });
}

/** Map a header row to column indexes by (trimmed, NFKC) name. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h
      .normalize('NFKC')
      .replace(/^\uFEFF/u, '')
      .trim();
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}
