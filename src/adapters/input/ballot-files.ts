/**
 * Naming the real problem with the files given as ballots, before and after the count: a path that
 * does not exist or is a folder is said first (not "election.json missing" beside it), and a voter
 * roll, a rulings sheet or a result given as ballots is named as what it is.
 */
import { readdirSync } from 'node:fs';
import { type InputError, InputErrors, inputError } from '../../core/index.js';
import { type CsvOptions, csvRows, headerIndex } from './csv.js';
import { checkFile } from './files.js';

/** Ballots files found in a folder given instead of a file (to say which to give). */
function ballotsIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /^ballots.*\.(csv|xlsx)$/iu.test(f))
      .sort();
  } catch {
    return [];
  }
}

/** One error per ballots path that is missing, a folder or not a regular file. */
export function checkBallotFiles(abs: readonly string[], shown: readonly string[]): InputError[] {
  const errors: InputError[] = [];
  abs.forEach((p, i) => {
    const display = shown[i] ?? p;
    const e = checkFile(p, display);
    if (e === undefined) return;
    if (e.code === 'FILE_NOT_FOUND') errors.push(inputError('FILE_NOT_FOUND', '选票文件不存在 (请检查路径和文件名)', { file: display }));
    else if (e.code === 'FILE_IS_DIRECTORY') {
      const inside = ballotsIn(p).map((f) => `${display.replace(/\/$/u, '')}/${f}`);
      const hint = inside.length > 0 ? `请给出其中的选票文件, 如 ${inside.join(' ')}` : '请给出其中的选票文件 (CSV 或 .xlsx)';
      errors.push(
        inputError('FILE_IS_DIRECTORY', `这是一个文件夹, 不是选票文件; ${hint}; 要一次统计多个选举文件夹请用 jipiao batch`, {
          file: display,
        }),
      );
    } else errors.push(e);
  });
  return errors;
}

/** What a header that is not a ballots header looks like, if it is one of jipiao's other files. */
export function otherFileKind(header: readonly string[]): 'roll' | 'rulings' | 'tallies' | undefined {
  const idx = headerIndex(header);
  if (idx.has('姓名') && (idx.has('选民证号') || idx.has('出生日期') || idx.has('性别') || idx.has('居民小组'))) return 'roll';
  if (idx.has('票号') && idx.has('认定')) return 'rulings';
  if (idx.has('表') && idx.has('总得票数')) return 'tallies';
  return undefined;
}

const KIND_MESSAGE: Readonly<Record<'roll' | 'rulings' | 'tallies', string>> = {
  roll: '这是选民名单, 不是选票文件; 选民名单请放在选票文件旁命名为 voters.csv, 或用 --roll 指定',
  rulings: '这是疑难选票认定表, 不是选票文件; 认定表请放在选票文件旁命名为 rulings.csv, 或用 --rulings 指定',
  tallies: '这是计票结果 (count --format csv 的输出), 不是选票文件',
};

/** The ballots files of a count: the paths read, the names shown, and how they are read. */
export interface BallotFilesRead {
  readonly abs: readonly string[];
  readonly shown: readonly string[];
  readonly csv: CsvOptions;
}

/**
 * After a count refused a file's header: if the file is a roll, a rulings sheet or a tallies CSV,
 * replace that file's errors by one saying so. Other errors are returned unchanged.
 */
export async function explainWrongFiles(errors: readonly InputError[], files: BallotFilesRead): Promise<InputError[]> {
  const { abs, shown, csv } = files;
  // A ballots file that could not be read at all: the rulings' 票号 are not found for that reason only.
  const unread = errors.some((e) => e.line === undefined && e.file !== undefined && shown.includes(e.file));
  const quiet = (e: InputError): boolean => unread && e.code === 'RULING_UNKNOWN_TICKET';
  const refused = new Set(
    errors.filter((e) => e.code === 'BALLOT_NO_TICKET_COLUMN' || (e.code === 'BALLOT_UNKNOWN_COLUMN' && e.line === 1)).map((e) => e.file),
  );
  if (refused.size === 0) return errors.filter((e) => !quiet(e));
  const kinds = new Map<string, InputError>();
  for (let i = 0; i < abs.length; i++) {
    const display = shown[i] ?? '';
    if (!refused.has(display)) continue;
    const kind = await headerKind(abs[i] ?? '', display, csv);
    if (kind) kinds.set(display, inputError(`BALLOTS_IS_${kind.toUpperCase()}`, KIND_MESSAGE[kind], { file: display }));
  }
  const out: InputError[] = [];
  for (const e of errors) {
    // A ruling's 票号 is not found because the ballots were not read: the same problem, said once.
    if ((kinds.size > 0 && e.code === 'RULING_UNKNOWN_TICKET') || quiet(e)) continue;
    const k = e.file === undefined ? undefined : kinds.get(e.file);
    if (k === undefined) out.push(e);
    else if (!out.includes(k)) out.push(k);
  }
  return out;
}

async function headerKind(file: string, display: string, opts: CsvOptions): Promise<ReturnType<typeof otherFileKind>> {
  try {
    for await (const row of csvRows(file, display, opts)) return otherFileKind(row.cells);
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
  }
  return undefined;
}
