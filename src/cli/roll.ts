/**
 * `jipiao roll check voters.csv [--election FILE] [--date YYYY-MM-DD] [--format table|json|csv]` (SPEC §6):
 * checks the voter roll before the election. Exit 0 clean, 1 problems found, 2 bad input.
 * Without --election, an election.json beside voters.csv is used when there is one (as `count` does).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { ENCODING_CHOICES, encodingOption } from '../adapters/input/encoding.js';
import { loadElection } from '../adapters/input/election.js';
import { Sha256Sink } from '../adapters/input/hash.js';
import { loadRoll } from '../adapters/input/roll.js';
import { DEFAULT_RULES, type Election, type InputFile, inputError } from '../core/index.js';
import { checkRoll, parseIsoDate } from '../core/rollcheck.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';
import { displayPath } from './pipeline.js';

/** Exit code when the roll has problems. */
export const EXIT_ROLL_PROBLEMS = EXIT_NOT_FINAL;

export function registerRoll(program: Command, ctx: CommandContext): void {
  const roll = program.command('roll').description('选民名单相关命令');
  roll
    .command('check')
    .description('检查选民名单: 重复登记、未满十八周岁、身份证号、委托投票、候选人、同名')
    .argument('<voters>', '选民名单 voters.csv')
    .option('--election <file>', '选举设置 election.json (默认: 选民名单旁的 election.json; 用于选举日、候选人、委托限额)')
    .option('--date <YYYY-MM-DD>', '选举日 (默认取 election.json 的 date), 用于计算是否年满十八周岁')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json', 'csv']).default('table'))
    .addOption(new Option('--encoding <enc>', '选民名单编码 (默认自动识别)').choices([...ENCODING_CHOICES]))
    .option('--sheet <name>', '选民名单为 .xlsx 时读取的工作表 (默认: 第一个)')
    .action(async (voters: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const date = str('date');
      if (date !== undefined && parseIsoDate(date) === undefined) {
        io.stderr.write(
          formatErrors([inputError('USAGE_BAD_DATE', `--date 的值「${date}」不是有效日期, 应写作 YYYY-MM-DD (如 2026-12-20)`)]),
        );
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const rollPath = path.resolve(io.cwd, voters);
      const rollShown = displayPath(io.cwd, rollPath);
      const given = str('election');
      let electionPath: string | undefined;
      if (given !== undefined) electionPath = path.resolve(io.cwd, given);
      else {
        const beside = path.join(path.dirname(rollPath), 'election.json');
        if (existsSync(beside) && statSync(beside).isFile()) electionPath = beside;
      }
      const enc = str('encoding');
      // Hashes of the bytes read (one read per file).
      const rollDigest = new Sha256Sink();
      const electionDigest = new Sha256Sink();
      const [loadedRoll, loadedElection] = await Promise.all([
        loadRoll(rollPath, rollShown, { encoding: encodingOption(enc), sheet: str('sheet'), digest: rollDigest }),
        electionPath === undefined ? undefined : loadElection(electionPath, displayPath(io.cwd, electionPath), electionDigest),
      ]);
      if (!loadedRoll.ok || (loadedElection !== undefined && !loadedElection.ok)) {
        // Report the errors of both files at once.
        const errors = [...(loadedRoll.ok ? [] : loadedRoll.error), ...(loadedElection?.ok === false ? loadedElection.error : [])];
        io.stderr.write(formatErrors(errors));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const entries = loadedRoll.value;
      const election: Election | undefined = loadedElection?.value;
      const check = checkRoll(entries, {
        election,
        electionDate: date,
        maxProxies: election?.rules.maxProxies ?? DEFAULT_RULES.maxProxies,
      });
      const electionShown = electionPath === undefined ? undefined : displayPath(io.cwd, electionPath);
      const opts = { rollFile: rollShown, electionFile: electionShown, electionTitle: election?.title };
      const format = o['format'];
      if (format === 'json') {
        const inputs: InputFile[] = [{ role: 'roll', file: rollShown, sha256: rollDigest.hex() }];
        if (electionPath !== undefined && electionShown !== undefined)
          inputs.push({ role: 'election', file: electionShown, sha256: electionDigest.hex() });
        io.stdout.write((await import('../adapters/render/rollcheck.js')).renderRollCheckJson(check, { ...opts, inputs }));
      } else if (format === 'csv') io.stdout.write((await import('../adapters/render/rollcheck.js')).renderRollCheckCsv(check, opts));
      else io.stdout.write((await import('../adapters/render/rollcheck.js')).renderRollCheckTable(check, { ...opts, color: useColor(io) }));
      ctx.setExit(check.summary.problems > 0 ? EXIT_ROLL_PROBLEMS : EXIT_OK);
    });
}
