/**
 * CSV input: a file streamed as records (csv-parse, arrays — never `columns: true`), decoded from UTF-8 or
 * GB18030, one record at a time so memory stays flat. Errors are coded like csv-parse's own
 * (`CSV_QUOTE_NOT_CLOSED` …) and carry file, line and column.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type InputError, InputErrors, type RawRow, type Result, err, inputError, ok } from '../../core/index.js';
import { type Encoding, detectEncoding, looksBinary } from './encoding.js';
import { checkFile } from './files.js';

export const MAX_CELL = 10_000;
const SAMPLE = 1 << 16;

export interface CsvOptions {
  readonly encoding?: Encoding | undefined;
}

const CSV_MESSAGES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合: 从这里开始的带引号字段直到文件末尾都没有结束引号',
  CSV_INVALID_CLOSING_QUOTE: '结束引号后面紧跟了其他字符 (字段中的引号应写成两个引号 "")',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '结束引号后面有多余字符',
  CSV_MAX_RECORD_SIZE: '这一行过长, 不像是一张选票',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: '这一行的字段数与表头不一致',
};

function csvError(e: unknown, display: string): InputError {
  if (e instanceof CsvError) {
    const ctx = e as CsvError & { lines?: number; column?: number | string; index?: number };
    const line = typeof ctx.lines === 'number' ? ctx.lines : undefined;
    const column = typeof ctx.index === 'number' ? ctx.index + 1 : undefined;
    return inputError(e.code, CSV_MESSAGES[e.code] ?? `CSV 格式错误 (${e.code})`, { file: display, line, column });
  }
  if (e instanceof TypeError && /encoded data|decode/iu.test(e.message)) {
    return inputError('ENCODING_INVALID', '文件不是有效的 UTF-8 编码 (可用 --encoding gb18030 按 GBK/GB18030 读取)', { file: display });
  }
  if (e instanceof RangeError && /encoding/iu.test(e.message)) {
    return inputError('ENCODING_UNSUPPORTED', `不支持的编码: ${e.message}`, { file: display });
  }
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return inputError('FILE_NOT_FOUND', '文件不存在 (请检查路径)', { file: display });
  if (code === 'EISDIR') return inputError('FILE_IS_DIRECTORY', '这是一个文件夹, 不是文件', { file: display });
  if (code === 'EACCES') return inputError('FILE_NO_ACCESS', '没有读取权限', { file: display });
  throw e;
}

async function sample(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(SAMPLE);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Check the first line before streaming: a tab-separated file is a common Excel mistake. */
function checkHeaderText(text: string, display: string): InputError | undefined {
  const nl = text.search(/\r?\n/u);
  const first = nl < 0 ? text : text.slice(0, nl);
  if (first.includes('\t') && !first.includes(',')) {
    return inputError('CSV_TAB_SEPARATED', '文件用制表符分隔, 不是逗号分隔的 CSV; 请在 Excel 中另存为 "CSV (逗号分隔)"', { file: display, line: 1 });
  }
  return undefined;
}

/**
 * Stream a CSV file as records; the first record is the header. Throws `InputErrors` for file-level
 * problems (missing, folder, binary, encoding, CSV syntax). Ragged rows are delivered as they are (the
 * core reports each one), so every bad row of a file can be listed at once.
 */
export async function* csvRows(path: string, display: string, opts: CsvOptions = {}): AsyncGenerator<RawRow> {
  const missing = checkFile(path, display);
  if (missing) throw new InputErrors([missing]);
  const head = await sample(path);
  if (looksBinary(head)) {
    throw new InputErrors([inputError('FILE_BINARY', '这不是文本文件 (含有二进制内容); 选票文件应为 CSV', { file: display })]);
  }
  const encoding = opts.encoding ?? detectEncoding(head);
  let headText: string;
  try {
    headText = new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(head, { stream: true });
  } catch (e) {
    throw new InputErrors([csvError(e, display)]);
  }
  const tab = checkHeaderText(headText.replace(/^\uFEFF/u, ''), display);
  if (tab) throw new InputErrors([tab]);

  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, decoder.decode());
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  const parser = parse({ relax_column_count: true, info: true, max_record_size: 4 * MAX_CELL * 64 });
  const file = createReadStream(path, { highWaterMark: SAMPLE });
  file.on('error', (e) => parser.destroy(e));
  decode.on('error', (e) => parser.destroy(e));
  file.pipe(decode).pipe(parser);
  let prevEnd = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = prevEnd + 1;
      prevEnd = rec.info.lines;
      const cells = rec.record;
      if (line === 1 && cells.length > 0 && cells[0] !== undefined) cells[0] = cells[0].replace(/^\uFEFF/u, '');
      for (let i = 0; i < cells.length; i++) {
        if ((cells[i]?.length ?? 0) > MAX_CELL) {
          throw new InputErrors([
            inputError('CSV_CELL_TOO_LONG', `字段长度 ${cells[i]?.length ?? 0} 个字符, 超过上限 ${MAX_CELL}; 这不像是选票内容`, { file: display, line, column: i + 1 }),
          ]);
        }
      }
      yield { file: display, line, cells };
    }
  } catch (e) {
    file.destroy();
    if (e instanceof InputErrors) throw e;
    const x = csvError(e, display);
    // An unclosed quote is only noticed at the end of the file: point at the record where it opened.
    throw new InputErrors([x.code === 'CSV_QUOTE_NOT_CLOSED' ? { ...x, line: prevEnd + 1, column: undefined } : x]);
  }
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

/** Map a header row to column indexes by (trimmed, NFKC) name. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.normalize('NFKC').replace(/^\uFEFF/u, '').trim();
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}
