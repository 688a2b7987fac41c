/**
 * `jipiao disputes BALLOTS.csv… --out rulings.csv`: a rulings template pre-filled with every disputed
 * ballot, for the 选举领导小组 to complete (规程 10: 对疑难选票进行编号, 讨论和表决认定事项).
 * Rulings already made (rulings.csv beside the ballots, or --rulings) are kept in the template.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { BOM, escapeCsvCell } from '../adapters/render/csv.js';
import { VERDICT_LABEL, describeIssues } from '../core/index.js';
import type { CommandContext } from './context.js';
import { ballotsCommand, afterCount } from './count.js';
import { EXIT_BAD_INPUT, EXIT_OK, formatErrors } from './errors.js';
import { outputsOverInputs, writeAtomic } from './outputs.js';
import { displayPath } from './pipeline.js';

export const TEMPLATE_HEADER = ['票号', '认定', '更正', '表决', '理由', '编号', '票箱', '疑难情形', '备注'] as const;

/**
 * A 票号 as Excel/WPS keep it text (`="000013"`): otherwise opening and saving the template drops leading
 * zeros (`13`) or turns `-0013` into a number; the rulings reader undoes this form. Only 票号 that a
 * spreadsheet would change are wrapped, so plain ones stay as they are.
 */
export function excelText(ticket: string): string {
  const numberLike = /^[+-]?[\d.,\s/:eE-]+$/u.test(ticket) && /^0\d|^[+-]|\d{12,}|[./:eE-]/u.test(ticket);
  return numberLike || /^[=+\-@＝＋－＠]/u.test(ticket) ? `="${ticket.replace(/"/gu, '""')}"` : ticket;
}

export function registerDisputes(program: Command, ctx: CommandContext): void {
  ballotsCommand(program, 'disputes', '列出疑难选票并生成认定表模板 rulings.csv')
    .option('--out <file>', '写出认定模板 (CSV); 不给出时输出到屏幕')
    .option('--force', '覆盖已存在的 --out 文件')
    .action(
      afterCount(ctx, async (run, o) => {
        const { io } = ctx;
        const { result } = run;
        const rows = result.disputes.map((d) => [
          d.ticket,
          d.ruling ? VERDICT_LABEL[d.ruling.verdict] : '',
          d.ruling ? d.ruling.corrections.map((c) => `${c.column}=${c.value}`).join(';') : '',
          d.ruling?.vote ?? '',
          d.ruling?.reason ?? '',
          String(d.no),
          d.box,
          describeIssues(d.issues),
          d.note,
        ]);
        const { stringify } = await import('csv-stringify/sync'); // on use (issue 17)
        const csv =
          BOM +
          stringify([[...TEMPLATE_HEADER], ...rows.map(([ticket = '', ...rest]) => [excelText(ticket), ...rest.map(escapeCsvCell)])], {
            record_delimiter: 'unix',
          });
        const pending = result.disputes.filter((d) => !d.ruling).length;
        const out = typeof o['out'] === 'string' ? o['out'] : undefined;
        if (out === undefined) {
          io.stdout.write(csv);
        } else {
          const target = path.resolve(io.cwd, out);
          // Never onto an input, not even with --force (the rulings.csv read is an input too).
          const clash = outputsOverInputs([target], run.paths, (p) => displayPath(io.cwd, p));
          if (clash.length > 0) {
            io.stderr.write(formatErrors(clash));
            ctx.setExit(EXIT_BAD_INPUT);
            return;
          }
          if (existsSync(target) && o['force'] !== true) {
            io.stderr.write(
              `错误 [OUT_EXISTS] ${displayPath(io.cwd, target)}: 文件已存在; 为免覆盖已填写的认定, 请换一个文件名或加 --force\n`,
            );
            ctx.setExit(EXIT_BAD_INPUT);
            return;
          }
          writeAtomic(target, csv, io.fs);
          io.stdout.write(
            `共 ${result.disputes.length} 张疑难选票 (待认定 ${pending} 张), 认定模板已写入 ${displayPath(io.cwd, target)}\n` +
              '请选举领导小组填写「认定」(有效/部分有效/无效)、「更正」(如 委员:周强=○)、「表决」(如 7:0) 和「理由」, 然后以 --rulings 重新计票。\n' +
              '票号写成 ="000013" 的形式, 用 Excel/WPS 打开保存后仍保留前导零。\n',
          );
        }
        ctx.setExit(EXIT_OK);
      }),
    );
}
