/** Turning error values into one clear Chinese line each (the CLI edge; exit 2). */
import { showControls } from '../adapters/safe-text.js';
import { columnLetters, sheetOf } from '../adapters/input/sheet-names.js';
import type { InputError } from '../core/index.js';
import { errorMessage } from '../adapters/messages.js';

export const EXIT_OK = 0;
export const EXIT_NOT_FINAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 70;

/**
 * `folder`: the errors of one election folder of a batch, whose files are named relative to it; the
 * folder is put in front of the file name shown (the sheet is looked up by the name the count read).
 */
export function formatError(e: InputError, folder?: string): string {
  const where: string[] = [];
  // A row of an .xlsx sheet is named as Excel shows it: 工作表「票箱1」第 12 行 C 列.
  const sheet = e.line === undefined ? undefined : sheetOf(e.file);
  const file = folder === undefined ? e.file : e.file === undefined ? folder : `${folder}/${e.file}`;
  if (file !== undefined) where.push(sheet === undefined ? file : `${file} 工作表「${sheet}」第 ${e.line} 行`);
  if (e.line !== undefined && sheet === undefined) where.push(`第 ${e.line} 行`);
  if (e.column !== undefined)
    where.push(
      typeof e.column === 'string' ? `「${e.column}」列` : sheet === undefined ? `第 ${e.column} 列` : `${columnLetters(e.column)} 列`,
    );
  if (e.key !== undefined) where.push(`键 ${e.key}`);
  const loc = where.length > 0 ? `${where.join(' ')}: ` : '';
  // One error, one line: a newline or an escape in a file name or a quoted cell is shown as \uXXXX.
  return showControls(`错误 [${e.code}] ${loc}${errorMessage(e)}`);
}

export function formatErrors(errors: readonly InputError[], folder?: string): string {
  return errors.map((e) => `${formatError(e, folder)}\n`).join('');
}

/** Thrown by the CLI layer to stop a command with input errors (caught in main). */
export class CliInputError extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super('input errors');
  }
}

export function internalErrorMessage(e: unknown): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `内部错误: 计票程序遇到了意外情况 (${what.split('\n')[0] ?? ''}). 这不是您的输入问题; 请将所用命令和输入文件报告给 jipiao 开发组。\n`;
}
