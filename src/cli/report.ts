/**
 * `jipiao report BALLOTS.csv… [--tallies 计票统计表.csv…] [count options] [--out DIR]` (SPEC §6): the sheets
 * of §5 as .txt and .html (default DIR: report/ beside the first ballots file, or the first tally sheet;
 * the sheets say what a tally sheet cannot give). One .txt and one .html per sheet, plus 全部文书.html
 * (all sheets, one per A4 page) and 全部文书.txt (sheets separated by form feeds). Sheet files of an
 * earlier run that no longer apply are removed (sheet-files.ts). A folder that cannot be written is a
 * usage error (exit 2), not an internal one.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { showControls } from '../adapters/safe-text.js';
import { type Result, inputError, isFinal } from '../core/index.js';
import type { Sheet } from '../adapters/report/blocks.js';
import type { CommandContext } from './context.js';
import { afterCount, talliesCommand } from './count.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { type CountRun, displayPath } from './pipeline.js';
import { OutputError, ioCode, outputsOverInputs, writeAtomic } from './outputs.js';
import { type SheetFiles, sheetFileNames } from './sheet-files.js';

export function registerReport(program: Command, ctx: CommandContext): void {
  talliesCommand(
    program,
    'report',
    '生成选举文书: 选举结果报告单、选举结果公告、当选公告或选举无效公告、疑难选票认定表、另行选举/再次投票公告 (txt + html)',
  )
    .option('--out <dir>', '输出文件夹 (默认: 第一个选票文件旁的 report/)')
    .option('--strict', '结果不是最终结果时退出码为 1')
    .action(
      afterCount(ctx, async (run, o) => {
        const { io } = ctx;
        const { result, baseDir } = run;
        const out = typeof o['out'] === 'string' ? path.resolve(io.cwd, o['out']) : path.join(baseDir, 'report');
        const shown = displayPath(io.cwd, out);
        const clash = outputsOverInputs([out, ...sheetFileNames().map((n) => path.join(out, n))], run.paths, (p) => displayPath(io.cwd, p));
        if (clash.length > 0) {
          io.stderr.write(formatErrors(clash));
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        const live = await liveCorrections(run);
        if (live && !live.ok) {
          io.stderr.write(formatErrors(live.error));
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        let files: SheetFiles;
        const { writeSheetFiles } = await import('./sheet-files.js'); // the sheets load on use (issue 17)
        try {
          mkdirSync(out, { recursive: true });
          files = writeSheetFiles(out, result, (p, text) => writeAtomic(p, text, io.fs), live?.value);
        } catch (e) {
          const code = e instanceof OutputError ? e.errno : (e as { code?: unknown }).code;
          const why =
            code === 'EEXIST' || code === 'ENOTDIR'
              ? '同名文件已存在, 不是文件夹'
              : code === 'EACCES' || code === 'EPERM'
                ? '没有写入权限'
                : code === 'ENOSPC'
                  ? '磁盘已满'
                  : String(code ?? e);
          if (ioCode(e) === undefined && !(e instanceof OutputError)) throw e;
          io.stderr.write(
            formatErrors([
              inputError('REPORT_NOT_WRITTEN', `无法写入文书文件夹 (${why}); 请用 --out 指定一个可写的文件夹`, { file: shown }),
            ]),
          );
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        const lines = [
          `已生成 ${files.sheets.length} 份文书 (${files.sheets.join('、')}):`,
          ...files.written.map((w) => `  ${displayPath(io.cwd, path.join(out, w))}`),
        ];
        for (const n of files.notes) lines.push(n);
        if (files.removed.length > 0) lines.push(`已删除上次生成、现已不适用的文书: ${files.removed.join('、')}`);
        io.stdout.write(`${lines.map(showControls).join('\n')}\n`);
        ctx.setExit(o['strict'] === true && !isFinal(result) ? EXIT_NOT_FINAL : EXIT_OK);
      }),
    );
}

/**
 * A finished live count (`jipiao live`: 现场计票.csv with its log beside it) prints its corrections on the
 * 选举结果报告单 whenever its sheets are made again, as 结束计票 did (issue 19). Anything else: undefined.
 */
async function liveCorrections(run: CountRun): Promise<Result<((s: Sheet[]) => Sheet[]) | undefined> | undefined> {
  const ballots = run.inputs.filter((i) => i.role === 'ballots');
  const csv = run.paths[0];
  if (ballots.length !== 1 || csv === undefined) return undefined;
  const { journalEventsBeside } = await import('../adapters/live/journal.js');
  const events = journalEventsBeside(csv);
  if (!events?.ok) return events;
  const [{ liveLayout }, { corrections, reportCorrections }, { withCorrections }] = await Promise.all([
    import('../adapters/live/layout.js'),
    import('../adapters/live/records.js'),
    import('../adapters/report/corrections.js'),
  ]);
  const rows = reportCorrections(corrections(run.election, liveLayout(run.election), events.value));
  return { ok: true, value: (s) => withCorrections(s, rows) };
}
