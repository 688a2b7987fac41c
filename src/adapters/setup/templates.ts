/**
 * The ballot templates `jipiao init` writes for the clerks: a CSV (UTF-8 with BOM, header only) and
 * an .xlsx (exceljs, loaded only here) with the header frozen, the 票号 column formatted as text (so
 * 000001 keeps its zeros), and a drop-down of the accepted marks on every mark column.
 */
import { stringify } from 'csv-stringify/sync';
import type { DataValidation } from 'exceljs';
import { type Election, TALLY_COLUMNS, type TemplateLayout, columnKind, emptyTallyRows } from '../../core/index.js';
import { BOM, CSV_OPTIONS, escapeCsvCell } from '../render/csv.js';

/** What the mark drop-down offers (SPEC §2.2 vocabulary: approve, oppose, abstain, unclear). */
export const MARK_CHOICES = ['○', '√', '×', '弃权', '?'] as const;
export const STATUS_CHOICES = ['无法辨认', '疑难'] as const;
/** Rows given drop-downs and text format (a 票箱 rarely holds more). */
const TEMPLATE_ROWS = 5000;

export function templateCsv(header: readonly string[]): string {
  return BOM + stringify([[...header]], CSV_OPTIONS);
}

export const LAYOUT_LABEL: Readonly<Record<TemplateLayout, string>> = { grid: '表格式', names: '名单式' };

function columnWidth(h: string): number {
  const kind = columnKind(h);
  if (kind === 'names' || kind === 'note') return 24;
  if (kind === 'ticket' || kind === 'box' || kind === 'status') return 12;
  return Math.max(8, Math.min(16, h.length * 2 + 2));
}

/** The .xlsx template as bytes. */
export async function templateXlsx(header: readonly string[], layout: TemplateLayout): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`选票-${LAYOUT_LABEL[layout]}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  // exceljs keeps range validations in `dataValidations` (missing from its type declarations).
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
  ws.addRow([...header]).font = { bold: true };
  header.forEach((h, i) => {
    const column = ws.getColumn(i + 1);
    column.width = columnWidth(h);
    const kind = columnKind(h);
    const letter = column.letter;
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    if (kind === 'ticket' || kind === 'writeIn' || kind === 'names' || kind === 'box') column.numFmt = '@';
    if (kind === 'mark') {
      const error = `请选择 ${MARK_CHOICES.join(' ')}; 空白为弃权; 看不清的标记填 ?`;
      validations.add(range, { ...listOf(MARK_CHOICES), errorStyle: 'warning', errorTitle: '标记', error });
    }
    if (kind === 'status')
      validations.add(range, { ...listOf(STATUS_CHOICES), errorStyle: 'stop', error: '状态只能为空、无法辨认 或 疑难' });
  });
  // The header row keeps its own (general) format.
  ws.getRow(1).eachCell((c) => void (c.numFmt = 'General'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A drop-down of these choices (blank allowed), its error shown when something else is typed. */
function listOf(choices: readonly string[]): DataValidation {
  return { type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`], showErrorMessage: true };
}

/** The empty tally sheet's file name (`jipiao init`; read with `count --tallies`). */
export const TALLY_TEMPLATE_NAME = '计票统计表';

/** Boxes the empty tally sheet lists: election.json `boxes` when given, else one box for the clerk to rename. */
export function tallyTemplateBoxes(election: Election): string[] {
  return election.boxes !== undefined && election.boxes.length > 0 ? election.boxes.map((b) => b.name) : ['票箱1'];
}

/** The empty tally sheet (计票统计表) as a CSV file for people (UTF-8 with BOM, opens in Excel/WPS). */
export function renderTallyTemplate(election: Election, boxes: readonly string[]): string {
  return (
    BOM +
    stringify(
      emptyTallyRows(election, boxes).map((row) => row.map(escapeCsvCell)),
      CSV_OPTIONS,
    )
  );
}

/** The empty tally sheet of `jipiao init` as CSV. */
export function tallyTemplateCsv(election: Election): string {
  return renderTallyTemplate(election, tallyTemplateBoxes(election));
}

/**
 * The empty tally sheet as .xlsx: the same rows as the CSV, header frozen, 票箱/职务/姓名 as text, and the
 * number columns accepting only whole numbers ≥ 0 (a clerk copying a blackboard types digits only).
 */
export async function tallyTemplateXlsx(election: Election): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const rows = emptyTallyRows(election, tallyTemplateBoxes(election));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TALLY_TEMPLATE_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations;
  for (const row of rows) ws.addRow(row.map((c) => (c === '' ? null : c)));
  ws.getRow(1).font = { bold: true };
  const numbers = new Set<string>([TALLY_COLUMNS.votes, TALLY_COLUMNS.oppose, TALLY_COLUMNS.abstain]);
  (rows[0] ?? []).forEach((h, i) => {
    const column = ws.getColumn(i + 1);
    column.width = numbers.has(h) ? 8 : 14;
    if (!numbers.has(h)) {
      column.numFmt = '@';
      return;
    }
    validations.add(`${column.letter}2:${column.letter}${TEMPLATE_ROWS + 1}`, {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '票数应为 0 或正整数',
    });
  });
  ws.getRow(1).eachCell((c) => void (c.numFmt = 'General'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
