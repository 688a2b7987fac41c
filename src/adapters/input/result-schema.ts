/**
 * Reading a `jipiao.result/1` document for `compare` (申诉复核, issue 13): read once from a regular file
 * of sane size (a FIFO or /dev/zero is refused before any byte is read), parsed, checked against the one
 * schema declared here (zod), then against its own arithmetic (core `checkResultSums`) — a hand-edited or
 * truncated file is an input error naming the key, never trusted and never a crash.
 */
import * as z from 'zod/mini'; // the tree-shakable build (issue 17)
import { type InputError, type Result, type ResultDoc, SCHEMA, checkResultSums, err, inputError, ok } from '../../core/index.js';
import { readInput } from './files.js';

/** The largest result document compare reads (150 000 write-ins make about 40 MB). */
export const MAX_RESULT_BYTES = 256 << 20;

const count = z.int().check(z.nonnegative());
const names = z.array(z.string());
const seats = z.object({ office: z.string(), seats: count });

/** The part of `jipiao.result/1` that compare reads (other keys are allowed and ignored). */
export const RESULT_SCHEMA = z.object({
  schema: z.literal(SCHEMA),
  election: z.object({
    title: z.string(),
    round: z.optional(z.string()),
    mode: z.optional(z.string()),
    offices: z.optional(z.array(z.object({ name: z.string(), seats: z.optional(count), candidates: names }))),
  }),
  ballots: z.object({
    registered: count,
    issued: count,
    returned: count,
    valid: count,
    blank: count,
    partial: count,
    invalid: count,
    disputed: count,
  }),
  validity: z.object({ valid: z.boolean(), failed: names }),
  people: z.array(
    z.object({ name: z.string(), printed: z.optional(z.nullable(z.string())), votes: z.record(z.string(), count), total: count }),
  ),
  elected: z.array(z.object({ office: z.string(), name: z.string() })),
  revote: z.array(z.extend(seats, { names })),
  runoff: z.array(z.extend(seats, { candidates: names })),
  vacant: z.array(seats),
  provisional: z.optional(z.boolean()),
  boxes: z.optional(
    z.array(
      z.object({
        box: z.string(),
        returned: z.optional(count),
        valid: z.optional(count),
        blank: z.optional(count),
        partial: z.optional(count),
        invalid: z.optional(count),
        disputed: z.optional(count),
      }),
    ),
  ),
});

/** `people[1].total` from zod's path ['people', 1, 'total']. */
export function keyPath(p: readonly PropertyKey[]): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

const notResult = (file: string, key: string, what: string): InputError =>
  inputError('COMPARE_NOT_RESULT', `${what} (应为 jipiao count --format json 的输出, schema "${SCHEMA}")`, { file, key });

/** Check a parsed document: its schema, every field compare uses, and its sums. */
export function checkResultDoc(x: unknown, file: string): Result<ResultDoc> {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    return err([notResult(file, 'schema', '不是 jipiao 计票结果: 顶层不是 JSON 对象')]);
  const s = (x as { schema?: unknown }).schema;
  if (s !== SCHEMA)
    return err([
      notResult(file, 'schema', typeof s === 'string' ? `不是 jipiao 计票结果: schema 为 "${s}"` : '不是 jipiao 计票结果: 没有 schema'),
    ]);
  const parsed = RESULT_SCHEMA.safeParse(x);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err([notResult(file, keyPath(first?.path ?? []), '计票结果不完整或已被改动: 此键缺失或类型不对')]);
  }
  const doc = parsed.data as ResultDoc;
  const sums = checkResultSums(doc, file);
  return sums.length > 0 ? err(sums) : ok(doc);
}

export function parseResultDoc(text: string, file: string): Result<ResultDoc> {
  let x: unknown;
  try {
    x = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return err([inputError('COMPARE_NOT_JSON', `不是有效的 JSON (${e instanceof Error ? e.message : String(e)})`, { file })]);
  }
  return checkResultDoc(x, file);
}

/** Read and check a result document file (`display` names it in errors). */
export function readResultDoc(path: string, display: string): Result<ResultDoc> {
  const read = readInput(path, display, MAX_RESULT_BYTES);
  if (!read.ok) return read;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.value.bytes);
  } catch {
    return err([inputError('COMPARE_NOT_JSON', '不是有效的 UTF-8 文本; jipiao 的计票结果总是 UTF-8 编码', { file: display })]);
  }
  const notJson = notJsonError(text, display);
  if (notJson) return err([notJson]);
  return parseResultDoc(text, display);
}

/** A CSV (ballots, tallies) given where a result JSON is expected: say how to make the JSON. */
function notJsonError(text: string, file: string): InputError | undefined {
  const head = text.replace(/^\uFEFF/u, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return undefined;
  const csv = /\.csv$/iu.test(file) || /^[^\n]*,/u.test(head);
  const what = csv ? '这是 CSV 文件, 不是计票结果 JSON' : '这不是计票结果 JSON';
  return inputError(
    'COMPARE_NOT_JSON',
    `${what}; compare 比对的是两次计票的 JSON 结果: 请先分别运行 jipiao count <选票文件> --format json > 结果.json, 再比对两个 .json 文件`,
    { file },
  );
}
