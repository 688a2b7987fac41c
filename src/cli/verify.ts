/**
 * `jipiao verify FIRST SECOND` and `count --verify-with SECOND…` (issue 16): double entry — two typings of
 * the same paper ballots compared by meaning. Each input is read once and hashed from the bytes read
 * (issue 13). Exit 0 when they agree, 1 when they differ, 2 on bad input.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { readCsvAll } from '../adapters/input/csv.js';
import type { Encoding } from '../adapters/input/encoding.js';
import { loadElection } from '../adapters/input/election.js';
import { Sha256Sink } from '../adapters/input/hash.js';
import { renderVerifyCsv, renderVerifyJson, renderVerifyText } from '../adapters/render/verify.js';
import {
  type EntryFile,
  type InputError,
  type InputFile,
  type Result,
  type VerifyResult,
  entriesAgree,
  err,
  inputError,
  ok,
  verifyEntries,
} from '../core/index.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { inputOptions } from './count.js';
import { type CountInputOptions, displayPath } from './pipeline.js';

export interface VerifyRun {
  readonly result: VerifyResult;
  /** Both sides' files with their hashes (role `ballots` for the first entry, `second-entry` for the second). */
  readonly inputs: readonly InputFile[];
}

/** Files of a folder that are not ballots: the roll, the rulings, the templates and tally sheet of `jipiao init`. */
const NOT_ENTRIES = /^(voters|rulings)\.(csv|xlsx)$|^选票模板-|^计票统计表|^~\$/iu;

/** A side given as files, or as one folder of box files (its `*.csv` and `*.xlsx`, in name order). */
function sideFiles(args: readonly string[], cwd: string, errors: InputError[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const p = path.resolve(cwd, a);
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // a missing file is reported when it is read
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const files = readdirSync(p)
      .filter((f) => /\.(csv|xlsx)$/iu.test(f) && !f.startsWith('.') && !NOT_ENTRIES.test(f))
      .sort()
      .map((f) => path.join(p, f));
    if (files.length === 0)
      errors.push(inputError('VERIFY_EMPTY_FOLDER', '文件夹中没有选票文件 (.csv 或 .xlsx)', { file: displayPath(cwd, p) }));
    out.push(...files);
  }
  return out;
}

export interface VerifyOptions {
  readonly election?: string | undefined;
  readonly encoding?: Encoding | undefined;
  /** .xlsx sides: the sheet to read (default: the first). */
  readonly sheet?: string | undefined;
  /** Called once each file has been read (its rows and hash are then fixed; a test replaces the file here). */
  readonly onRead?: ((file: string) => void) | undefined;
}

/** One side's files, each read once: its rows, and its SHA-256 from the same bytes (issue 13). */
async function readSide(
  files: readonly string[],
  role: InputFile['role'],
  cwd: string,
  o: VerifyOptions,
  errors: InputError[],
): Promise<{ entries: EntryFile[]; inputs: InputFile[] }> {
  const entries: EntryFile[] = [];
  const inputs: InputFile[] = [];
  for (const f of files) {
    const shown = displayPath(cwd, f);
    const digest = new Sha256Sink();
    const rows = await readCsvAll(f, shown, { encoding: o.encoding, sheet: o.sheet, digest });
    o.onRead?.(f);
    if (!rows.ok) {
      errors.push(...rows.error);
      continue;
    }
    entries.push({ file: shown, rows: rows.value });
    inputs.push({ role, file: shown, sha256: digest.hex() });
  }
  return { entries, inputs };
}

/** Read both sides and compare them; election.json beside (or inside) the first side unless given. */
export async function runVerify(
  first: readonly string[],
  second: readonly string[],
  o: VerifyOptions,
  cwd: string,
): Promise<Result<VerifyRun>> {
  const errors: InputError[] = [];
  const a = sideFiles(first, cwd, errors);
  const b = sideFiles(second, cwd, errors);
  if (errors.length > 0) return err(errors);
  const firstArg = path.resolve(cwd, first[0] ?? '.');
  const dir = a[0] !== undefined && path.dirname(a[0]) !== firstArg ? path.dirname(a[0]) : firstArg;
  const electionPath = o.election !== undefined ? path.resolve(cwd, o.election) : path.join(dir, 'election.json');
  const electionShown = displayPath(cwd, electionPath);
  const electionDigest = new Sha256Sink();
  const election = await loadElection(electionPath, electionShown, electionDigest);
  if (!election.ok) return election;
  const x = await readSide(a, 'ballots', cwd, o, errors);
  const y = await readSide(b, 'second-entry', cwd, o, errors);
  if (errors.length > 0) return err(errors);
  const result = verifyEntries(x.entries, y.entries, election.value);
  if (!result.ok) return result;
  const inputs: InputFile[] = [...x.inputs, ...y.inputs, { role: 'election', file: electionShown, sha256: electionDigest.hex() }];
  return ok({ result: result.value, inputs });
}

export function renderVerify(run: VerifyRun, format: unknown): string {
  if (format === 'json') return renderVerifyJson(run.result, run.inputs);
  if (format === 'csv') return renderVerifyCsv(run.result);
  return renderVerifyText(run.result);
}

/**
 * `count --verify-with`: the count goes ahead only when both entries agree; otherwise the differences
 * are printed (in the count's format) and the exit is 1 (2 on bad input). Returns the run when they agree.
 */
export async function verifyBeforeCount(
  ctx: CommandContext,
  ballots: readonly string[],
  second: readonly string[],
  o: CountInputOptions,
  format: unknown,
): Promise<VerifyRun | undefined> {
  const run = await runVerify(ballots, second, o, ctx.io.cwd);
  if (!run.ok) {
    ctx.io.stderr.write(formatErrors(run.error));
    ctx.setExit(EXIT_BAD_INPUT);
    return undefined;
  }
  if (entriesAgree(run.value.result)) return run.value;
  ctx.io.stdout.write(renderVerify(run.value, format));
  ctx.io.stderr.write('两次录入不一致, 未计票 (先更正录入, 用 jipiao verify 核对一致后再计票)\n');
  ctx.setExit(EXIT_NOT_FINAL);
  return undefined;
}

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description('双人录入核对: 按票号比对同一批选票的两次录入 (退出码 0 一致, 1 不一致, 2 输入错误)')
    .argument('<first>', '第一次录入: 选票文件, 或装有各票箱选票文件的文件夹')
    .argument('<second>', '第二次录入: 选票文件或文件夹')
    .option('--election <file>', '选举设置 election.json (默认: 第一次录入旁的 election.json)')
    .addOption(new Option('--format <format>', '输出格式').choices(['text', 'json', 'csv']).default('text'))
    .addOption(new Option('--encoding <enc>', '选票文件编码 (默认自动识别)').choices(['utf-8', 'gb18030']))
    .option('--sheet <name>', '选票文件为 .xlsx 时读取的工作表 (默认: 第一个)')
    .action(async (first: string, second: string, o: Record<string, unknown>) => {
      const run = await runVerify([first], [second], inputOptions(o), ctx.io.cwd);
      if (!run.ok) {
        ctx.io.stderr.write(formatErrors(run.error));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      ctx.io.stdout.write(renderVerify(run.value, o['format']));
      ctx.setExit(entriesAgree(run.value.result) ? EXIT_OK : EXIT_NOT_FINAL);
    });
}

/**
 * `count --verify-with`: the count reads the first entry (and election.json) itself; a file whose bytes differ
 * from the ones verified changed in between — what was counted is not what was verified (issue 13).
 */
export function changedSinceVerified(verified: readonly InputFile[], counted: readonly InputFile[]): InputError[] {
  const seen = new Map(verified.filter((i) => i.role !== 'second-entry').map((i) => [`${i.role}:${i.file}`, i.sha256]));
  return counted.flatMap((i) => {
    const before = seen.get(`${i.role}:${i.file}`);
    return before === undefined || before === i.sha256
      ? []
      : [inputError('VERIFY_FILE_CHANGED', '核对两次录入之后、计票之前文件内容改变了, 计的不是核对过的内容; 请重新运行', { file: i.file })];
  });
}

/** The `verification` field of a count's JSON: both entries' files and hashes, and that they agree. */
export function verificationJson(run: VerifyRun): Record<string, unknown> {
  const side = (role: InputFile['role']) => run.inputs.filter((i) => i.role === role).map((i) => ({ file: i.file, sha256: i.sha256 }));
  return { verified: entriesAgree(run.result), ballots: run.result.agree, first: side('ballots'), second: side('second-entry') };
}
