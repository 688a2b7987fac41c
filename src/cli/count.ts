/** `jipiao count BALLOTS.csv… [options]` (SPEC §6). */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { ENCODING_CHOICES, encodingOption } from '../adapters/input/encoding.js';
import { type InputError, inputError, isFinal } from '../core/index.js';
import { BallotLog } from './ballot-log.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';
import { outputsOverInputs } from './outputs.js';
import { type CountInputOptions, type CountRun, displayPath, runCount } from './pipeline.js';
import { changedSinceVerified, verificationJson, verifyBeforeCount } from './verify.js';
import { ballotLogCsvPath, ballotLogToXlsx, isXlsxPath, writeTalliesXlsx } from './xlsx-out.js';

/** The options every command that counts shares (count, report, disputes). */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--election <file>', '选举设置 election.json (默认: 第一个选票文件旁的 election.json)')
    .option('--roll <file>', '选民名单 voters.csv (默认: 第一个选票文件旁的 voters.csv)')
    .option('--rulings <file>', '疑难选票认定 rulings.csv (默认: 第一个选票文件旁的 rulings.csv)')
    .addOption(new Option('--encoding <enc>', '选票文件编码 (默认自动识别)').choices([...ENCODING_CHOICES]))
    .option('--sheet <name>', '选票文件为 .xlsx 时读取的工作表 (默认: 第一个)');
}

/** A subcommand over ballots files: `name <ballots...>` with the shared input options. */
export function ballotsCommand(program: Command, name: string, description: string): Command {
  return addInputOptions(program.command(name).description(description).argument('<ballots...>', '选票文件 (CSV, 每个票箱一个)'));
}

/** A subcommand over ballots files and/or hand-count sheets (`--tallies`, issue 16): count and report. */
export function talliesCommand(program: Command, name: string, description: string): Command {
  return addInputOptions(
    program
      .command(name)
      .description(description)
      .argument('[ballots...]', '选票文件 (CSV 或 .xlsx, 每个票箱一个; 全部用 --tallies 时可省略)'),
  ).option('--tallies <file>', '计票统计表 (CSV 或 .xlsx, 可重复): 手工唱票的票箱按各票箱合计数计入 (可与选票文件混用)', collect, []);
}

/** Count for a subcommand; on input errors print them (one line each), set exit 2 and return undefined. */
async function countOrReport(ctx: CommandContext, ballots: readonly string[], o: Record<string, unknown>): Promise<CountRun | undefined> {
  const run = await runCount(ballots, inputOptions(o), ctx.io.cwd);
  if (run.ok) return run.value;
  ctx.io.stderr.write(formatErrors(run.error));
  ctx.setExit(EXIT_BAD_INPUT);
  return undefined;
}

/** The action of a subcommand that needs the count first: input errors end it (exit 2) before `then` runs. */
export function afterCount(
  ctx: CommandContext,
  then: (run: CountRun, o: Record<string, unknown>) => Promise<void> | void,
): (ballots: string[], o: Record<string, unknown>) => Promise<void> {
  return async (ballots, o) => {
    const run = await countOrReport(ctx, ballots, o);
    if (run) await then(run, o);
  };
}

/** `--out` goes with `--format xlsx`, and only with it: never an option silently ignored (no file would be written). */
function outUsage(o: Record<string, unknown>): InputError | undefined {
  const out = o['out'];
  if (o['format'] === 'xlsx' && typeof out !== 'string') {
    return inputError('USAGE_XLSX_NEEDS_OUT', '--format xlsx 须用 --out 指定要写出的 .xlsx 文件 (如 --out 计票结果.xlsx)');
  }
  if (o['format'] !== 'xlsx' && typeof out === 'string') {
    return inputError('USAGE_OUT_ONLY_XLSX', '--out 只用于 --format xlsx; 其他格式输出到屏幕 (可用 > 文件名 保存)', { file: out });
  }
  return undefined;
}

/** A repeatable option's values (`--tallies a.csv --tallies b.csv`): one file each, so a ballots file after it stays a ballots file. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function inputOptions(o: Record<string, unknown>): CountInputOptions {
  const s = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const enc = s('encoding');
  const tallies = Array.isArray(o['tallies']) && o['tallies'].length > 0 ? (o['tallies'] as string[]) : undefined;
  return { election: s('election'), roll: s('roll'), rulings: s('rulings'), encoding: encodingOption(enc), sheet: s('sheet'), tallies };
}

export function registerCount(program: Command, ctx: CommandContext): void {
  talliesCommand(program, 'count', '计票: 读取选票, 分类, 统计, 确定当选')
    .option('--verify-with <file>', '第二次录入的选票文件 (可重复): 两次录入一致才计票, 否则列出不一致之处 (退出码 1)', collect, [])
    .addOption(
      new Option('--format <format>', '输出格式 (xlsx 须用 --out 指定文件)').choices(['table', 'json', 'csv', 'xlsx']).default('table'),
    )
    .option('--out <file>', '--format xlsx 时写出的 .xlsx 文件')
    .option('--ballot-log <file>', '逐票记录 (CSV; 文件名以 .xlsx 结尾时为 Excel 工作簿): 每张选票的类别和原因')
    .option('--now <time>', '在 JSON 中写入生成时间 (默认不写, 保证结果可逐字节复现)')
    .option('--strict', '结果不是最终结果时 (选举无效、疑难待认定、需再次投票或另行选举) 退出码为 1')
    .action(async (ballots: string[], o: Record<string, unknown>) => {
      const { io } = ctx;
      const second = Array.isArray(o['verifyWith']) ? (o['verifyWith'] as string[]) : [];
      const verified = second.length > 0 ? await verifyBeforeCount(ctx, ballots, second, inputOptions(o), o['format']) : undefined;
      if (second.length > 0 && !verified) return;
      const xlsxOut = typeof o['out'] === 'string' ? path.resolve(io.cwd, o['out']) : undefined;
      const usage = outUsage(o);
      if (usage) {
        io.stderr.write(formatErrors([usage]));
        return ctx.setExit(EXIT_BAD_INPUT);
      }
      const logTarget = typeof o['ballotLog'] === 'string' ? path.resolve(io.cwd, o['ballotLog']) : undefined;
      const logXlsx = logTarget !== undefined && isXlsxPath(logTarget);
      const log = logTarget === undefined ? undefined : new BallotLog(logXlsx ? ballotLogCsvPath(logTarget) : logTarget, io.fs);
      const logPath = logTarget;
      const run = await runCount(ballots, inputOptions(o), io.cwd, log).catch((e: unknown) => {
        log?.abort();
        throw e;
      });
      if (!run.ok) {
        log?.abort();
        io.stderr.write(formatErrors(run.error));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      // The log never replaces an input (checked before it is moved into place).
      const clash = logPath === undefined ? [] : outputsOverInputs([logPath], run.value.paths, (p) => displayPath(io.cwd, p));
      if (clash.length > 0) {
        log?.abort();
        io.stderr.write(formatErrors(clash));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      // What is counted must be what was verified (each file's bytes, by their SHA-256).
      const changed = verified ? changedSinceVerified(verified.inputs, run.value.inputs) : [];
      if (changed.length > 0) {
        log?.abort();
        io.stderr.write(formatErrors(changed));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      log?.commit();
      if (logXlsx && logTarget !== undefined) await ballotLogToXlsx(logTarget);
      const { result } = run.value;
      const inputs = verified ? [...run.value.inputs, ...verified.inputs.filter((i) => i.role === 'second-entry')] : run.value.inputs;
      const verification = verified ? verificationJson(verified) : undefined;
      const now = typeof o['now'] === 'string' ? o['now'] : undefined;
      const format = o['format'];
      // Renderers load on use (issue 17): JSON output never loads chalk and cli-table3.
      if (format === 'json')
        io.stdout.write((await import('../adapters/render/json.js')).renderJson(result, { color: false, inputs, now, verification }));
      else if (format === 'csv') io.stdout.write((await import('../adapters/render/csv.js')).renderCsv(result));
      else if (format === 'xlsx' && xlsxOut !== undefined) {
        await writeTalliesXlsx(result, xlsxOut);
        io.stdout.write(`计票结果已写入 ${displayPath(io.cwd, xlsxOut)}\n`);
      } else
        io.stdout.write(
          (await import('../adapters/render/table.js')).renderTable(result, {
            color: useColor(io),
            inputs,
            now,
            columns: io.stdout.columns,
          }),
        );
      ctx.setExit(o['strict'] === true && !isFinal(result) ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
