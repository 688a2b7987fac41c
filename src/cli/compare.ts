/**
 * `jipiao compare published.json recount.json [--format table|json]` (申诉复核, SPEC §6): what differs
 * between a published result and a re-count. Exit 0 when the outcome is the same, 1 when it differs
 * (validity, who is elected to which office, revote, runoff, vacancies), 2 when a file cannot be read,
 * is not a jipiao result, or the two results are of different elections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { renderComparisonJson, renderComparisonTable } from '../adapters/render/compare.js';
import { type InputError, type ResultDoc, compareResults, inputError, parseResultDoc } from '../core/index.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';

function readDoc(cwd: string, file: string): { doc?: ResultDoc; errors: InputError[] } {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message =
      code === 'ENOENT' ? '文件不存在 (请检查路径)' : code === 'EISDIR' ? '这是一个文件夹, 不是文件' : `无法读取此文件 (${typeof code === 'string' ? code : String(e)})`;
    return { errors: [inputError(code === 'EISDIR' ? 'FILE_IS_DIRECTORY' : code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', message, { file })] };
  }
  const notJson = notJsonError(text, file);
  if (notJson) return { errors: [notJson] };
  const d = parseResultDoc(text, file);
  return d.ok ? { doc: d.value, errors: [] } : { errors: d.error };
}

/** A CSV (ballots, tallies) given where a result JSON is expected: say how to make the JSON. */
function notJsonError(text: string, file: string): InputError | undefined {
  const head = text.replace(/^\uFEFF/u, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return undefined;
  const csv = /\.csv$/iu.test(file) || /^[^\n]*,/u.test(head);
  const what = csv ? '这是 CSV 文件, 不是计票结果 JSON' : '这不是计票结果 JSON';
  return inputError('COMPARE_NOT_JSON', `${what}; compare 比对的是两次计票的 JSON 结果: 请先分别运行 jipiao count <选票文件> --format json > 结果.json, 再比对两个 .json 文件`, { file });
}

export function registerCompare(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description('申诉复核: 比对公布的结果与复核的结果 (compare a published result with a re-count)')
    .argument('<published>', '公布的计票结果 (jipiao count --format json 的输出)')
    .argument('<recount>', '复核的计票结果 (同上)')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json']).default('table'))
    .action((published: string, recount: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const files: [string, string] = [published, recount];
      const [a, b] = files.map((f) => readDoc(io.cwd, f));
      const errors = [...(a?.errors ?? []), ...(b?.errors ?? [])];
      if (errors.length > 0 || !a?.doc || !b?.doc) {
        io.stderr.write(formatErrors(errors));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const c = compareResults(a.doc, b.doc, files);
      if (!c.ok) {
        io.stderr.write(formatErrors(c.error));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      io.stdout.write(o['format'] === 'json' ? renderComparisonJson(c.value, files) : renderComparisonTable(c.value, files, useColor(io)));
      ctx.setExit(c.value.outcomeChanged ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
