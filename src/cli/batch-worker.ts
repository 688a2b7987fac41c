/**
 * One election folder of a district re-count (`jipiao batch`, SPEC §6): count it with the shared
 * pipeline and write its outputs — result.json, ballot-log.csv and the sheets (report/) — beside its
 * inputs or into an output folder; return a plain summary. Loaded by batch.ts when a batch runs.
 */
import { closeSync, existsSync, mkdirSync, readSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openInput } from '../adapters/input/files.js';
import { isBlankTallySheet } from '../adapters/input/tallies.js';
import { ballotLogHeader } from '../adapters/render/ballotlog.js';
import { renderJson } from '../adapters/render/json.js';
import { showControls } from '../adapters/safe-text.js';
import { type CountResult, type InputError, inputError, isFinal, pending, totalSeats } from '../core/index.js';
import { BallotLog } from './ballot-log.js';
import { formatErrors, internalErrorMessage } from './errors.js';
import { OutputError, attempt, outputsOverInputs, whyNotWritten, writeAtomic } from './outputs.js';
import { runCount } from './pipeline.js';
import { sheetFileNames, writeSheetFiles } from './sheet-files.js';

export interface ElectionJob {
  /** Election folder (absolute). */
  readonly dir: string;
  /** Folder name as shown (relative to the batch root, forward slashes). */
  readonly name: string;
  /** Where to write (absolute): the folder itself or <out>/<name>. */
  readonly outDir: string;
}

export type JobSummary =
  | {
      readonly ok: true;
      readonly name: string;
      readonly community: string;
      readonly title: string;
      readonly returned: number;
      readonly registered: number;
      readonly valid: boolean;
      readonly elected: number;
      readonly seats: number;
      /** What must still happen, e.g. `疑难 1; 再次投票 1; 另行选举 1`; '' when nothing. */
      readonly todo: string;
      /** core isFinal. */
      readonly final: boolean;
      /** The ballots files and tally sheets counted, relative to the election folder. */
      readonly files: readonly string[];
    }
  | {
      readonly ok: false;
      readonly name: string;
      /** input: the folder's inputs are wrong (exit 2); output: its outputs could not be written (exit 2); internal: a bug (exit 70). */
      readonly kind: 'input' | 'output' | 'internal';
      /** The error lines, one per error, each naming the folder. */
      readonly errors: string;
    };

/** The spreadsheet files an election folder may hold, .csv or .xlsx alike (names compared in lower case). */
const SHEET = /\.(csv|xlsx)$/u;

/** What a file of an election folder is, by its name (lower case); `ballots` for any other sheet. */
type Role = 'election' | 'roll' | 'rulings' | 'tallies' | 'skip' | 'ballots';

/**
 * Not ballots: the roll, the rulings (voters/rulings .csv or .xlsx), the tally sheets (计票统计表*, counted
 * as `count --tallies` counts them), the empty templates and the 候选人 sheet `jipiao init` reads or writes
 * (src/adapters/setup/init.ts templateName), and Excel's lock files (`~$ballots.xlsx`, present while the
 * workbook is open). Our own ballot log is recognised by its header (isBallotLog).
 */
export function roleOf(lower: string): Role | undefined {
  if (lower === 'election.json') return 'election';
  if (!SHEET.test(lower)) return undefined;
  const stem = lower.replace(SHEET, '');
  if (stem === 'voters') return 'roll';
  if (stem === 'rulings') return 'rulings';
  if (stem.startsWith('计票统计表')) return 'tallies';
  if (stem.startsWith('~$') || stem.startsWith('选票模板-') || stem === '候选人') return 'skip';
  return 'ballots';
}

/** What an election folder holds: ballots and tally sheets (sorted), and the roll, rulings and election.json found in any case. */
export interface FolderInputs {
  readonly ballots: readonly string[];
  /** 计票统计表*.csv / .xlsx (sorted). */
  readonly tallies: readonly string[];
  readonly election: string | undefined;
  readonly roll: string | undefined;
  readonly rulings: string | undefined;
  /** Two or more files for one role (voters.csv and Voters.csv, or voters.csv and voters.xlsx): which one is meant? */
  readonly ambiguous: readonly (readonly string[])[];
}

/** A ballot log jipiao wrote (its header line): a tool output, never taken as ballots. */
function isBallotLog(p: string): boolean {
  const head = Buffer.from(ballotLogHeader());
  const opened = openInput(p, p);
  if (!opened.ok) return false; // not readable: counted, and the count says why
  try {
    const buf = Buffer.alloc(head.length);
    return readSync(opened.value.fd, buf, 0, buf.length, 0) === buf.length && buf.equals(head);
  } finally {
    closeSync(opened.value.fd);
  }
}

/**
 * The inputs of an election folder (not its subfolders). Every *.csv and *.xlsx is a ballots file
 * (symlinks followed; a broken link is counted and reported by the count), except the files roleOf
 * names otherwise — matched case-insensitively — and a ballot log this tool wrote (recognised by its
 * header, so a box file that happens to be called ballot-log.csv is still counted).
 */
export function folderInputs(dir: string): FolderInputs {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((d) => !d.name.startsWith('.'));
  const found = new Map<Role, string[]>();
  for (const d of entries) {
    const p = path.join(dir, d.name);
    const lower = d.name.toLowerCase();
    const st = d.isSymbolicLink() ? statSync(p, { throwIfNoEntry: false }) : d;
    if (st?.isDirectory()) continue;
    const role = roleOf(lower);
    if (role === undefined || role === 'skip') continue;
    if (role === 'ballots' && lower === 'ballot-log.csv' && isBallotLog(p)) continue;
    found.set(role, [...(found.get(role) ?? []), p]);
  }
  const all = (role: Role): string[] => (found.get(role) ?? []).sort();
  const one = (role: Role): string | undefined => found.get(role)?.[0];
  const ambiguous = (['election', 'roll', 'rulings'] as const).map(all).filter((xs) => xs.length > 1);
  return {
    ballots: all('ballots'),
    tallies: all('tallies'),
    election: one('election'),
    roll: one('roll'),
    rulings: one('rulings'),
    ambiguous,
  };
}

/** Ballots of an election folder (see folderInputs). */
export function ballotFilesOf(dir: string): string[] {
  return [...folderInputs(dir).ballots];
}

const failed = (job: ElectionJob, errors: readonly InputError[]): JobSummary => ({
  ok: false,
  name: job.name,
  kind: 'input',
  // Paths are relative to the election folder; prefixed with the folder so every line says where.
  errors: formatErrors(errors, job.name),
});

const WHAT: Readonly<Record<string, string>> = { voters: '选民名单', rulings: '疑难选票认定表' };

/** Two files for one role: names that differ only in case, or the same name as .csv and .xlsx. */
function ambiguityError(paths: readonly string[]): InputError {
  const names = paths.map((p) => path.basename(p)).sort();
  const lower = new Set(names.map((n) => n.toLowerCase()));
  if (lower.size === 1)
    return inputError('BATCH_AMBIGUOUS_NAMES', `文件名只差大小写, 无法确定用哪一个: ${names.join('、')}; 请删除或改名其中之一`);
  const stem = (names[0] ?? '').toLowerCase().replace(/\.[^.]*$/u, '');
  return inputError(
    'BATCH_CSV_AND_XLSX',
    `${names.join(' 和 ')} 同时存在, 无法确定用哪一个${WHAT[stem] ?? ''}; 请删除或移走其中之一 (同一内容只保留一份)`,
  );
}

export async function runElectionJob(job: ElectionJob): Promise<JobSummary> {
  let found: FolderInputs;
  try {
    found = folderInputs(job.dir);
  } catch (e) {
    return failed(job, [inputError('BATCH_FOLDER_UNREADABLE', `无法读取此文件夹 (${(e as { code?: string }).code ?? String(e)})`)]);
  }
  if (found.ambiguous.length > 0) return failed(job, found.ambiguous.map(ambiguityError));
  const files = found.ballots;
  // init writes the empty 计票统计表 as .csv and .xlsx; the clerks fill one and leave the other untouched.
  const tallies: string[] = [];
  for (const t of found.tallies) if (!(await isBlankTallySheet(t, path.basename(t)))) tallies.push(t);
  if (files.length === 0 && tallies.length === 0) {
    return failed(job, [
      inputError(
        'BATCH_NO_BALLOTS',
        '文件夹中既没有选票文件 (*.csv 或 *.xlsx, voters、rulings、选票模板、候选人表除外) 也没有填写了数字的计票统计表',
      ),
    ]);
  }
  const logPath = path.join(job.outDir, 'ballot-log.csv');
  const resultPath = path.join(job.outDir, 'result.json');
  const sheetsDir = path.join(job.outDir, 'report');
  const inputs = [...files, ...tallies, ...[found.election, found.roll, found.rulings].filter((p): p is string => p !== undefined)];
  const rel = (p: string): string => path.relative(job.dir, p).split(path.sep).join('/') || p;
  const clash = outputsOverInputs([logPath, resultPath, ...sheetFileNames().map((n) => path.join(sheetsDir, n))], inputs, rel);
  if (clash.length > 0) return failed(job, clash);
  const created = !existsSync(job.outDir);
  let log: BallotLog | undefined;
  try {
    attempt(job.outDir, () => mkdirSync(job.outDir, { recursive: true }));
    log = new BallotLog(logPath);
    // cwd = the folder: paths in result.json and in errors are relative to it, whatever --out is.
    const opts = { election: found.election, roll: found.roll, rulings: found.rulings, tallies };
    const run = await runCount(files, opts, job.dir, log);
    if (!run.ok) {
      log.abort();
      if (created) tidyFolder(job.outDir);
      return failed(job, run.error);
    }
    log.commit();
    const r = run.value.result;
    writeAtomic(resultPath, renderJson(r, { color: false, inputs: run.value.inputs }));
    attempt(sheetsDir, () => mkdirSync(sheetsDir, { recursive: true }));
    writeSheetFiles(sheetsDir, r, (p, text) => writeAtomic(p, text));
    return summary(job, r, [...files, ...tallies].map(rel));
  } catch (e) {
    log?.abort();
    if (created) tidyFolder(job.outDir);
    if (e instanceof OutputError) {
      return {
        ok: false,
        name: job.name,
        kind: 'output',
        errors: `错误 [BATCH_WRITE_FAILED] ${showControls(job.name)}: 无法写入 ${showControls(e.file)} (${whyNotWritten(e.errno)}, ${e.errno}); 请检查输出文件夹的权限和磁盘空间\n`,
      };
    }
    throw e;
  }
}

/** After a failure: no empty output folder we made ourselves (a folder with anything in it stays). */
function tidyFolder(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty, or not ours to remove
  }
}

function summary(job: ElectionJob, r: CountResult, files: readonly string[]): JobSummary {
  const p = pending(r);
  const todo: string[] = [];
  if (p.disputed > 0) todo.push(`疑难 ${p.disputed}`);
  if (p.revoteSeats > 0) todo.push(`再次投票 ${p.revoteSeats}`);
  if (p.runoffSeats > 0) todo.push(`另行选举 ${p.runoffSeats}`);
  if (p.vacantSeats > 0) todo.push(`空缺 ${p.vacantSeats}`);
  return {
    ok: true,
    name: job.name,
    community: r.election.community ?? '',
    title: r.election.title,
    returned: r.ballots.returned,
    registered: r.ballots.registered,
    valid: r.validity.valid,
    elected: r.elected.length,
    seats: totalSeats(r.election),
    todo: todo.join('; '),
    final: isFinal(r),
    files,
  };
}

/** A job that threw (a bug): reported as that folder's error, the other folders go on. */
export function internalFailure(job: ElectionJob, e: unknown): JobSummary {
  return { ok: false, name: job.name, kind: 'internal', errors: `${job.name}: ${internalErrorMessage(e)}` };
}
