/**
 * `jipiao disputes BALLOTS.csv… --out rulings.csv`: a rulings template pre-filled with every disputed
 * ballot, for the 选举领导小组 to complete (规程 10: 对疑难选票进行编号, 讨论和表决认定事项).
 * Rulings already made (rulings.csv beside the ballots, or --rulings) are kept in the template.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { BOM, escapeCsvCell } from '../adapters/render/csv.js';
import { VERDICT_LABEL, describeIssues } from '../core/index.js';
import type { CommandContext } from './context.js';
import { ballotsCommand, countOrReport } from './count.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import { displayPath } from './pipeline.js';

export const TEMPLATE_HEADER = ['票号', '认定', '更正', '表决', '理由', '编号', '票箱', '疑难情形', '备注'] as const;

export function registerDisputes(program: Command, ctx: CommandContext): void {
  ballotsCommand(program, 'disputes', '列出疑难选票并生成认定表模板 rulings.csv (list disputed ballots, write a rulings template)')
    .option('--out <file>', '写出认定模板 (CSV); 不给出时输出到屏幕')
    .option('--force', '覆盖已存在的 --out 文件')
    .action(async (ballots: string[], o: Record<string, unknown>) => {
      const { io } = ctx;
      const run = await countOrReport(ctx, ballots, o);
      if (!run) return;
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
      const csv = BOM + stringify([[...TEMPLATE_HEADER], ...rows.map((r) => r.map(escapeCsvCell))], { record_delimiter: 'unix' });
      const pending = result.disputes.filter((d) => !d.ruling).length;
      const out = typeof o['out'] === 'string' ? o['out'] : undefined;
      if (out === undefined) {
        io.stdout.write(csv);
      } else {
        const target = path.resolve(io.cwd, out);
        if (existsSync(target) && o['force'] !== true) {
          io.stderr.write(`错误 [OUT_EXISTS] ${displayPath(io.cwd, target)}: 文件已存在; 为免覆盖已填写的认定, 请换一个文件名或加 --force\n`);
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        writeFileSync(target, csv);
        io.stdout.write(
          `共 ${result.disputes.length} 张疑难选票 (待认定 ${pending} 张), 认定模板已写入 ${displayPath(io.cwd, target)}\n` +
            '请选举领导小组填写「认定」(有效/部分有效/无效)、「更正」(如 委员:周强=○)、「表决」(如 7:0) 和「理由」, 然后以 --rulings 重新计票。\n',
        );
      }
      ctx.setExit(EXIT_OK);
    });
}
