/**
 * Usage errors and help entirely in Chinese. Commander builds its messages in English and carries the
 * facts only in them; `usageError` reads the facts back (option, command, value, choices, suggestion)
 * from the stable message shapes of commander 14 and says each in one Chinese line.
 */
import { type Command, type CommanderError, Help, type HelpConfiguration } from 'commander';

export interface UsageProblem {
  /** Commander's code, e.g. `commander.unknownOption`. */
  readonly code: string;
  readonly message: string;
}

const SUGGEST = /\n?\(Did you mean (.+?)\?\)/u;

function suggestion(msg: string): string {
  const m = SUGGEST.exec(msg);
  return m?.[1] === undefined ? '' : `; 您是不是想输入 ${m[1].replace(/^one of /u, '').replace(/ or /gu, ' 或 ')}?`;
}

/** The quoted facts of a commander message, in order: `'--fromat'` → `--fromat`. */
function quoted(msg: string): string[] {
  return [...msg.matchAll(/'([^']*)'/gu)].map((m) => m[1] ?? '');
}

/** Argument names as the help shows them. */
const ARGUMENT_ZH: Readonly<Record<string, string>> = {
  ballots: '选票文件 (例如 jipiao count ballots.csv)',
  voters: '选民名单文件 (例如 jipiao roll check voters.csv)',
  published: '公布的计票结果 JSON',
  recount: '复核的计票结果 JSON',
  folders: '选举文件夹',
};

export function usageError(e: CommanderError): UsageProblem {
  const msg = e.message.replace(/^error: /u, '');
  // An option is named by its flag only (`--format`, not `--format <format>`).
  const [a = '', b = '', c = ''] = quoted(msg).map((q) => q.replace(/ [<[].*$/u, ''));
  const say = (message: string): UsageProblem => ({ code: e.code, message });
  switch (e.code) {
    case 'commander.unknownOption':
      return say(`未知选项 ${a}${suggestion(msg)}`);
    case 'commander.unknownCommand':
      return say(`未知命令「${a}」${suggestion(msg)}`);
    case 'commander.missingArgument':
      return say(`缺少参数: ${ARGUMENT_ZH[a] ?? a}`);
    case 'commander.optionMissingArgument':
      return say(`选项 ${a} 后面缺少值`);
    case 'commander.missingMandatoryOptionValue':
      return say(`必须给出选项 ${a}`);
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.+)\.$/u.exec(msg)?.[1];
      if (choices !== undefined) return say(`参数值无效: 选项 ${a} 的值「${b}」不在可选范围内; 可选: ${choices.split(', ').join('、')}`);
      const why = /is invalid\. (.+)$/su.exec(msg)?.[1];
      return say(`参数值无效: 选项 ${a} 的值「${b}」${why === undefined ? '无效' : `无效, ${why}`}`);
    }
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/u.exec(msg);
      return say(`命令 ${a} 的参数过多${m ? `: 应为 ${m[1]} 个, 给出了 ${m[2]} 个` : ''}`);
    }
    case 'commander.conflictingOption':
      return say(`选项 ${a} 不能与 ${b || c} 同时使用`);
    default:
      return say(`用法错误 (${msg.split('\n')[0] ?? ''})`);
  }
}

export function formatUsageError(e: CommanderError): string {
  return `错误 [USAGE] ${usageError(e).message} (用 jipiao --help 查看用法)\n`;
}

const TITLE_ZH: Readonly<Record<string, string>> = {
  'Usage:': '用法:',
  'Options:': '选项:',
  'Arguments:': '参数:',
  'Commands:': '命令:',
  'Global Options:': '全局选项:',
};

function descriptionZh(s: string): string {
  return s
    .replace(/\bchoices: /gu, '可选: ')
    .replace(/\bdefault: /gu, '默认: ')
    .replace(/\bpreset: /gu, '预设: ')
    .replace(/\benv: /gu, '环境变量: ');
}

/** Help headings and notes in Chinese (inherited by the subcommands created after this call). */
export const HELP_ZH: HelpConfiguration = {
  styleTitle: (s) => TITLE_ZH[s] ?? s,
  styleUsage: (s) => s.replace(/\[options\]/gu, '[选项]').replace(/\[command\]/gu, '[命令]'),
  subcommandTerm: (cmd) => new Help().subcommandTerm(cmd).replace(/\[options\]/gu, '[选项]'),
  styleOptionDescription: descriptionZh,
  styleArgumentDescription: descriptionZh,
};

export function configureHelpZh(cmd: Command): Command {
  return cmd.configureHelp(HELP_ZH);
}
