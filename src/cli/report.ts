/**
 * `jipiao report BALLOTS.csv… [count options] [--out DIR]` (SPEC §6): the sheets of §5 as .txt and .html
 * (default DIR: report/ beside the first ballots file). One .txt and one .html per sheet, plus
 * 全部文书.html (all sheets, one per A4 page) and 全部文书.txt (sheets separated by form feeds).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sheetsHtml } from '../adapters/report/html.js';
import { buildSheets } from '../adapters/report/sheets.js';
import { sheetText, sheetsText } from '../adapters/report/text.js';
import { isFinal } from '../core/index.js';
import type { CommandContext } from './context.js';
import { ballotsCommand, countOrReport } from './count.js';
import { EXIT_NOT_FINAL, EXIT_OK } from './errors.js';
import { displayPath } from './pipeline.js';

export function registerReport(program: Command, ctx: CommandContext): void {
  ballotsCommand(program, 'report', '生成选举文书: 选举结果报告单、当选公告、疑难选票认定表、另行选举/再次投票公告 (txt + html)')
    .option('--out <dir>', '输出文件夹 (默认: 第一个选票文件旁的 report/)')
    .option('--strict', '结果不是最终结果时退出码为 1')
    .action(async (ballots: string[], o: Record<string, unknown>) => {
      const { io } = ctx;
      const run = await countOrReport(ctx, ballots, o);
      if (!run) return;
      const { result, baseDir } = run;
      const out = typeof o['out'] === 'string' ? path.resolve(io.cwd, o['out']) : path.join(baseDir, 'report');
      mkdirSync(out, { recursive: true });
      const sheets = buildSheets(result);
      const written: string[] = [];
      const write = (name: string, text: string): void => {
        writeFileSync(path.join(out, name), text);
        written.push(displayPath(io.cwd, path.join(out, name)));
      };
      for (const s of sheets) {
        write(`${s.id}.txt`, sheetText(s));
        write(`${s.id}.html`, sheetsHtml(`${result.election.title} ${s.id}`, [s]));
      }
      write('全部文书.txt', sheetsText(sheets));
      write('全部文书.html', sheetsHtml(result.election.title, sheets));
      io.stdout.write(`已生成 ${sheets.length} 份文书 (${sheets.map((s) => s.id).join('、')}):\n${written.map((w) => `  ${w}\n`).join('')}`);
      ctx.setExit(o['strict'] === true && !isFinal(result) ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
