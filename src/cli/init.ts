/**
 * `jipiao init [DIR]`: set up an election folder — election.json, the ballot templates and the empty
 * tally sheet (计票统计表). In a
 * terminal it asks (in Chinese, @clack/prompts); with `--candidates FILE --yes` it runs without one,
 * the other answers from flags (defaults: today, direct, combined, first round, 0 issued).
 */
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { clackPrompter } from '../adapters/setup/clack.js';
import { buildSetup, loadCandidates, writeSetup } from '../adapters/setup/init.js';
import { askSetup, isoDate } from '../adapters/setup/questions.js';
import { METHOD_LABEL, MODE_LABEL, type Method, type Mode, type Office, type SetupAnswers, inputError } from '../core/index.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_OK, formatErrors } from './errors.js';
import { displayPath } from './pipeline.js';

interface InitOptions {
  readonly dir: string;
  readonly candidates?: string | undefined;
  readonly sheet?: string | undefined;
  readonly yes: boolean;
  readonly force: boolean;
  readonly answers: Omit<SetupAnswers, 'offices'>;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function initOptions(dir: string | undefined, o: Record<string, unknown>): InitOptions {
  const s = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const registered = s('registered');
  return {
    dir: dir ?? '.',
    candidates: s('candidates'),
    sheet: s('sheet'),
    yes: o['yes'] === true,
    force: o['force'] === true,
    answers: {
      community: s('community'),
      term: s('term'),
      title: s('title'),
      date: s('date') ?? today(),
      method: (s('method') ?? 'direct') as Method,
      mode: (s('mode') ?? 'combined') as Mode,
      round: 'first',
      registered: registered === undefined ? undefined : Number(registered),
      issued: Number(s('issued') ?? '0'),
    },
  };
}

const integer =
  (min: number) =>
  (v: string): string => {
    if (!/^\d+$/u.test(v) || Number(v) < min) throw new InvalidArgumentError(`应为不小于 ${min} 的整数`);
    return v;
  };

function summary(a: SetupAnswers): string {
  const offices = a.offices.map((o) => `  ${o.name} 应选 ${o.seats} 人: ${o.candidates.join('、')}`).join('\n');
  return `${a.date} · ${METHOD_LABEL[a.method]} · ${MODE_LABEL[a.mode]}\n${offices}`;
}

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('新建选举: 写出 election.json 和供录入的选票模板')
    .argument('[dir]', '选举文件夹 (默认: 当前文件夹)')
    .option('--candidates <file>', '候选人表 (CSV 或 .xlsx, 表头 职务,应选人数,候选人)')
    .option('--sheet <name>', '候选人表为 .xlsx 时读取的工作表 (默认: 第一个)')
    .option('--yes', '不提问, 其余各项用选项或默认值 (无终端时必须)')
    .option('--force', '覆盖文件夹中已有的 election.json、模板和计票统计表')
    .option('--community <name>', '社区名称')
    .option('--term <n>', '第几届 (如 九)')
    .option('--title <title>', '选举名称 (默认: <社区>第<届>届居民委员会选举)')
    .option('--date <YYYY-MM-DD>', '选举日期 (默认: 今天)')
    .addOption(new Option('--method <method>', '选举方式').choices(Object.keys(METHOD_LABEL)).default('direct'))
    .addOption(new Option('--mode <mode>', '投票方式').choices(Object.keys(MODE_LABEL)).default('combined'))
    .option('--registered <n>', '登记选民数 (不给出时由选民名单 voters.csv 得出)', integer(1))
    .option('--issued <n>', '发出选票数 (默认 0: 选举当天发出选票后再填写)', integer(0))
    .action(async (dir: string | undefined, o: Record<string, unknown>) => {
      const { io } = ctx;
      const opts = initOptions(dir, o);
      const fail = (errors: Parameters<typeof formatErrors>[0]): void => {
        io.stderr.write(formatErrors(errors));
        ctx.setExit(EXIT_BAD_INPUT);
      };
      const bad = isoDate(opts.answers.date);
      if (bad !== undefined) return fail([inputError('USAGE_BAD_DATE', `--date 的值「${opts.answers.date}」无效: ${bad}`)]);
      let offices: Office[] | undefined;
      if (opts.candidates !== undefined) {
        const file = path.resolve(io.cwd, opts.candidates);
        const loaded = await loadCandidates(file, displayPath(io.cwd, file), { sheet: opts.sheet });
        if (!loaded.ok) return fail(loaded.error);
        offices = loaded.value;
      }
      const interactive = !opts.yes && process.stdin.isTTY === true && io.stdout.isTTY;
      let answers: SetupAnswers | undefined;
      let prompter: Awaited<ReturnType<typeof clackPrompter>> | undefined;
      if (interactive) {
        prompter = await clackPrompter();
        answers = await askSetup(prompter, opts.answers, offices);
        if (answers === undefined || (await prompter.confirm(`${summary(answers)}\n确认写入?`)) !== true) {
          io.stderr.write('已取消, 没有写入任何文件。\n');
          return ctx.setExit(EXIT_BAD_INPUT);
        }
      } else if (offices === undefined) {
        return fail([
          inputError('INIT_NEEDS_CANDIDATES', '没有终端可以提问: 请用 --candidates 给出候选人表 (职务,应选人数,候选人), 并加 --yes'),
        ]);
      } else answers = { ...opts.answers, offices };
      const built = await buildSetup(answers);
      if (!built.ok) return fail(built.error);
      const target = path.resolve(io.cwd, opts.dir);
      const shown = displayPath(io.cwd, target) || '.';
      const written = writeSetup(target, shown, built.value, opts.force);
      if (!written.ok) return fail(written.error);
      const lines = [`已在 ${shown} 写入:`, ...written.value.map((f) => `  ${f}`), ''];
      lines.push('下一步: 把选票模板复制为每个票箱一个文件 (如 ballots-中心会场.xlsx), 录入选票后运行 jipiao count ballots-*.xlsx');
      lines.push('手工唱票的票箱: 在计票统计表中填写各票箱的合计数, 运行 jipiao count --tallies 计票统计表.xlsx');
      if (answers.issued === 0) lines.push('注意: 发出选票数 (issued) 现为 0; 选举当天发出选票后, 请在 election.json 中填写。');
      prompter?.done('完成');
      io.stdout.write(`${lines.join('\n')}\n`);
      ctx.setExit(EXIT_OK);
    });
}
