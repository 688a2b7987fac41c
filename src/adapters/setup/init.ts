/**
 * `jipiao init` at the edge: read the 候选人 sheet (CSV or .xlsx, through the same row readers as the
 * ballots), check the answers as `count` would (election.json validation, 差额 rule), and write
 * election.json plus the ballot templates and the empty tally sheet (计票统计表) — atomically, never over an existing file without --force.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type InputError,
  type Office,
  type Result,
  type SetupAnswers,
  type TemplateLayout,
  competitiveErrors,
  electionDocument,
  err,
  inputError,
  officesFromRows,
  ok,
  templateHeader,
} from '../../core/index.js';
import { type CsvOptions, readCsvAll } from '../input/csv.js';
import { parseElection } from '../input/election.js';
import { LAYOUT_LABEL, TALLY_TEMPLATE_NAME, tallyTemplateCsv, tallyTemplateXlsx, templateCsv, templateXlsx } from './templates.js';

export interface SetupFile {
  readonly name: string;
  readonly bytes: string | Uint8Array;
}

export async function loadCandidates(file: string, display: string, opts: CsvOptions = {}): Promise<Result<Office[]>> {
  const rows = await readCsvAll(file, display, opts);
  return rows.ok ? officesFromRows(rows.value, display) : rows;
}

/** Template file names: not `ballots*` (a folder's ballots files are counted; an empty template is not a 票箱). */
export function templateName(layout: TemplateLayout, ext: 'csv' | 'xlsx'): string {
  return `选票模板-${LAYOUT_LABEL[layout]}.${ext}`;
}

/** election.json text and the templates, or the errors `count` would find in that election.json. */
export async function buildSetup(a: SetupAnswers): Promise<Result<SetupFile[]>> {
  const text = `${JSON.stringify(electionDocument(a), null, 2)}\n`;
  const parsed = parseElection(text, 'election.json');
  const errors: InputError[] = parsed.ok ? [] : [...parsed.error];
  if (a.round === 'first') errors.push(...competitiveErrors(a.offices, 'election.json'));
  if (errors.length > 0 || !parsed.ok) return err(errors);
  const files: SetupFile[] = [{ name: 'election.json', bytes: text }];
  for (const layout of ['grid', 'names'] as const) {
    const header = templateHeader(a.offices, layout);
    files.push({ name: templateName(layout, 'xlsx'), bytes: await templateXlsx(header, layout) });
    files.push({ name: templateName(layout, 'csv'), bytes: templateCsv(header) });
  }
  // The empty 计票统计表 for boxes counted by 唱票 (issue 16; `count --tallies`).
  files.push({ name: `${TALLY_TEMPLATE_NAME}.xlsx`, bytes: await tallyTemplateXlsx(parsed.value) });
  files.push({ name: `${TALLY_TEMPLATE_NAME}.csv`, bytes: tallyTemplateCsv(parsed.value) });
  return ok(files);
}

/** Write the files into `dir` (created if missing); nothing is written if one exists and `force` is off. */
export function writeSetup(dir: string, shownDir: string, files: readonly SetupFile[], force: boolean): Result<string[]> {
  const existing = files.filter((f) => existsSync(path.join(dir, f.name)));
  if (existing.length > 0 && !force) {
    return err([
      inputError(
        'INIT_WOULD_OVERWRITE',
        `已存在 ${existing.map((f) => f.name).join('、')}; 为免覆盖已有的设置和已录入的选票, 没有写入任何文件 (确需重写请加 --force)`,
        { file: shownDir },
      ),
    ]);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return err([inputError('INIT_DIR_UNWRITABLE', '无法创建这个文件夹', { file: shownDir })]);
  }
  for (const f of files) {
    const target = path.join(dir, f.name);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, f.bytes);
      renameSync(tmp, target);
    } catch {
      rmSync(tmp, { force: true });
      return err([inputError('INIT_NOT_WRITTEN', '无法写入文件 (文件夹不可写或文件被占用)', { file: `${shownDir}/${f.name}` })]);
    }
  }
  return ok(files.map((f) => f.name));
}
