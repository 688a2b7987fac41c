/**
 * Ballot reading (SPEC §2.2): a header is compiled once per file into a plan (every column resolved to
 * its office, candidate or write-in slot at header time), then each row is read into marks and
 * written names without further lookups by name. Pure: rows come in as string arrays.
 */
import type { Election } from './model.js';
import { type Mark, markParser } from './marks.js';
import {
  type NameProblem,
  type Near,
  cleanText,
  cleanWritten,
  hasControl,
  isPlainTicket,
  isUnclearName,
  normalizeName,
  splitNames,
  ticketKey,
} from './names.js';
import { type InputError, type Result, err, factError, ok } from './result.js';
import { must } from './must.js';

/** One CSV record as the adapters deliver it. */
export interface RawRow {
  readonly file: string;
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type Layout = 'grid' | 'names';

interface PlanBase {
  readonly file: string;
  /** Header cells, without Excel's empty trailing columns. */
  readonly header: readonly string[];
  /** Number of cells of the header record including empty trailing ones (SPEC §2.2 "Rows that are not ballots"). */
  readonly width: number;
  readonly ticketCol: number;
  readonly boxCol: number | undefined;
  readonly statusCol: number | undefined;
  readonly noteCol: number | undefined;
  /** Default 票箱 when there is no 票箱 column: the file's base name. */
  readonly defaultBox: string;
}

export interface GridMarkCol {
  readonly col: number;
  readonly office: number;
  readonly candidate: number;
}
export interface GridWriteInCol {
  readonly col: number;
  readonly office: number;
  readonly slot: string;
  readonly markCol: number | undefined;
}
export interface GridPlan extends PlanBase {
  readonly layout: 'grid';
  readonly marks: readonly GridMarkCol[];
  readonly writeIns: readonly GridWriteInCol[];
}
export interface NamesPlan extends PlanBase {
  readonly layout: 'names';
  /** Column of approved names per office (undefined: office has no column → nothing approved). */
  readonly approveCols: readonly (number | undefined)[];
  /** `<职务>:反对` columns; when absent for an office, opposition is not known there. */
  readonly opposeCols: readonly (number | undefined)[];
}
export type HeaderPlan = GridPlan | NamesPlan;

/** Something on a ballot that the counters cannot read with certainty (→ disputed, SPEC §3 step 2). */
export type Unclear =
  | { readonly kind: 'flag'; readonly column: string; readonly value: string }
  | { readonly kind: 'mark'; readonly column: string; readonly value: string }
  | { readonly kind: 'name'; readonly column: string; readonly value: string }
  | { readonly kind: 'homonym'; readonly column: string; readonly value: string; readonly matches: readonly string[] }
  | { readonly kind: 'group'; readonly column: string; readonly value: string; readonly matches: readonly string[] }
  /** Names layout: the same printed candidate listed both as approved and as opposed. */
  | { readonly kind: 'conflict'; readonly column: string; readonly value: string }
  /** Names layout: a name in a `<职务>:反对` column that is not a printed candidate of that office. */
  | { readonly kind: 'opposeNotPrinted'; readonly column: string; readonly value: string }
  /** A written item that is not a name (SPEC §2.2 items 2–4): why, to rule from the list alone. */
  | {
      readonly kind: 'badName';
      readonly column: string;
      readonly value: string;
      readonly problem: NameProblem | 'group' | 'groupNoRoll' | 'spaces';
    }
  /** NAME_NEAR_CANDIDATE (SPEC §2.2 item 5): one character off, or traditional characters, of a printed candidate. */
  | { readonly kind: 'near'; readonly column: string; readonly value: string; readonly candidate: string; readonly why: Near['why'] };

export interface WrittenVote {
  /** Header name of the cell the name was written in (grid: `委员:另选1`; names: `委员`). */
  readonly column: string;
  /** Normalised written name, possibly with a `(居民小组)` suffix. */
  readonly name: string;
}

export interface SectionReading {
  /** Mark for each printed candidate of the office, aligned with `office.candidates`. */
  readonly marks: Mark[];
  /** Written names that are approvals (write-ins, and names-layout names not printed for this office). */
  readonly written: WrittenVote[];
  /** Something was written or marked at all (for the blank-ballot count). */
  touched: boolean;
}

export type BallotStatus = 'normal' | 'unreadable' | 'disputed';

export interface BallotReading {
  readonly ticket: string;
  readonly box: string;
  readonly file: string;
  readonly line: number;
  readonly status: BallotStatus;
  readonly note: string;
  readonly sections: SectionReading[];
  readonly unclear: Unclear[];
}

const STATUS_UNREADABLE = '无法辨认';
const STATUS_DISPUTED = '疑难';

function cleanHeader(h: string): string {
  return cleanText(h).replace(/\s+/gu, '');
}

/** Excel's extra columns: the empty header cells at the end (SPEC §2.2), ignored when nothing is under them. */
function trailingEmpty(header: readonly string[]): number {
  let n = header.length;
  while (n > 1 && header[n - 1] === '') n--;
  return n;
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/u);
  const last = parts[parts.length - 1] ?? file;
  return last.replace(/\.[^.]*$/u, '');
}

/** What a header's columns are, gathered column by column (compileHeader). */
interface HeaderColumns {
  ticketCol: number | undefined;
  boxCol: number | undefined;
  statusCol: number | undefined;
  noteCol: number | undefined;
  readonly marks: GridMarkCol[];
  readonly writeIns: GridWriteInCol[];
  readonly writeInMarks: Map<string, number>;
  readonly approveCols: (number | undefined)[];
  readonly opposeCols: (number | undefined)[];
  unknownCandidates: number;
}

type At = (col: number) => { file: string; line: number; column: number };

/**
 * Compile a header into a plan. Errors name the file, line 1 and the column.
 * A header whose candidate columns match none of this election's printed candidates is reported as a
 * ballots file from another election (SPEC §7).
 */
export function compileHeader(rawHeader: readonly string[], election: Election, file: string, line = 1): Result<HeaderPlan> {
  const width = rawHeader.length;
  const cleaned = rawHeader.map(cleanHeader);
  const header = cleaned.slice(0, trailingEmpty(cleaned));
  const errors: InputError[] = [];
  const at = (col: number) => ({ file, line, column: col + 1 });
  const officeIndex = new Map(election.offices.map((o, i) => [o.name, i] as const));
  const seen = new Map<string, number>();
  const cols: HeaderColumns = {
    ticketCol: undefined,
    boxCol: undefined,
    statusCol: undefined,
    noteCol: undefined,
    marks: [],
    writeIns: [],
    writeInMarks: new Map<string, number>(),
    approveCols: election.offices.map(() => undefined),
    opposeCols: election.offices.map(() => undefined),
    unknownCandidates: 0,
  };

  header.forEach((h, col) => {
    if (h === '') {
      errors.push(factError('BALLOT_EMPTY_HEADER', { index: col + 1 }, at(col)));
      return;
    }
    const prev = seen.get(h);
    if (prev !== undefined) {
      errors.push(factError('BALLOT_DUPLICATE_COLUMN', { header: h, first: prev + 1, second: col + 1 }, at(col)));
      return;
    }
    seen.set(h, col);
    if (h === '票号') cols.ticketCol = col;
    else if (h === '票箱') cols.boxCol = col;
    else if (h === '状态') cols.statusCol = col;
    else if (h === '备注') cols.noteCol = col;
    else {
      const e = officeColumn(h, col, cols, election, officeIndex, at);
      if (e) errors.push(e);
    }
  });
  const { ticketCol, boxCol, statusCol, noteCol, marks, writeIns, approveCols, opposeCols } = cols;
  const { isGrid, isNames } = layoutErrors(cols, election, errors, file, line);
  if (isGrid && !isNames) gridErrors(cols, election, header, errors, file, line, at);
  if (errors.length > 0 || ticketCol === undefined) return err(errors);
  const base = { file, header, width, ticketCol, boxCol, statusCol, noteCol, defaultBox: baseName(file) };
  if (isNames) return ok({ ...base, layout: 'names', approveCols, opposeCols });
  return ok({ ...base, layout: 'grid', marks, writeIns });
}

/** A column `<职务>`, `<职务>:反对`, `<职务>:另选<n>[:符号]` or `<职务>:<姓名>` into `cols`; an error if it is none. */
function officeColumn(
  h: string,
  col: number,
  cols: HeaderColumns,
  election: Election,
  officeIndex: ReadonlyMap<string, number>,
  at: At,
): InputError | undefined {
  const parts = h.split(':');
  const officeName = must(parts[0], 'a split header has a first part');
  const office = officeIndex.get(officeName);
  if (office === undefined) {
    if (parts.length > 1) {
      return factError('BALLOT_UNKNOWN_OFFICE', { header: h, office: officeName, offices: election.offices.map((o) => o.name) }, at(col));
    }
    return factError('BALLOT_UNKNOWN_COLUMN', { header: h, why: 'shape' }, at(col));
  }
  if (parts.length === 1) {
    cols.approveCols[office] = col;
    return undefined;
  }
  const second = must(parts[1], 'a header with a colon has a second part');
  if (parts.length === 2 && second === '反对') {
    cols.opposeCols[office] = col;
    return undefined;
  }
  if (/^另选\d+$/u.test(second)) {
    if (parts.length === 2) {
      cols.writeIns.push({ col, office, slot: second, markCol: undefined });
      return undefined;
    }
    if (parts.length === 3 && parts[2] === '符号') {
      cols.writeInMarks.set(`${office}:${second}`, col);
      return undefined;
    }
  }
  if (parts.length === 2) {
    const candidate = election.offices[office]?.candidates.indexOf(normalizeName(second)) ?? -1;
    if (candidate < 0) {
      cols.unknownCandidates++;
      return factError('BALLOT_UNKNOWN_CANDIDATE', { header: h, name: second, office: officeName }, at(col));
    }
    cols.marks.push({ col, office, candidate });
    return undefined;
  }
  return factError('BALLOT_UNKNOWN_COLUMN', { header: h, why: 'name' }, at(col));
}

/** The header as a whole: a 票号 column, one layout (grid or names), columns of this election. */
function layoutErrors(
  cols: HeaderColumns,
  election: Election,
  errors: InputError[],
  file: string,
  line: number,
): { isGrid: boolean; isNames: boolean } {
  const { ticketCol, marks, writeIns, writeInMarks, approveCols, opposeCols, unknownCandidates } = cols;
  if (ticketCol === undefined) {
    errors.unshift(factError('BALLOT_NO_TICKET_COLUMN', {}, { file, line }));
  }
  const isGrid = marks.length > 0 || writeIns.length > 0 || writeInMarks.size > 0 || unknownCandidates > 0;
  const isNames = approveCols.some((c) => c !== undefined) || opposeCols.some((c) => c !== undefined);
  if (isGrid && isNames) {
    errors.push(factError('BALLOT_MIXED_LAYOUT', {}, { file, line }));
  }
  if (!isGrid && !isNames && errors.length === 0) {
    errors.push(factError('BALLOT_NO_OFFICE_COLUMNS', {}, { file, line }));
  }
  if (unknownCandidates > 0 && marks.length === 0) {
    errors.unshift(factError('BALLOT_OTHER_ELECTION', { title: election.title }, { file, line }));
  }
  return { isGrid, isNames };
}

/** A grid: every printed candidate has a column (else the ballot cannot be read as printed); every 符号 column its 另选. */
function gridErrors(
  cols: HeaderColumns,
  election: Election,
  header: readonly string[],
  errors: InputError[],
  file: string,
  line: number,
  at: At,
): void {
  const { marks, writeIns, writeInMarks } = cols;
  election.offices.forEach((o, oi) => {
    o.candidates.forEach((c, ci) => {
      if (!marks.some((m) => m.office === oi && m.candidate === ci)) {
        errors.push(factError('BALLOT_MISSING_CANDIDATE', { office: o.name, candidate: c }, { file, line }));
      }
    });
  });
  for (const [key, col] of writeInMarks) {
    const [oi, slot] = key.split(':');
    const w = writeIns.findIndex((x) => String(x.office) === oi && x.slot === slot);
    const target = writeIns[w];
    if (target === undefined) {
      errors.push(factError('BALLOT_UNKNOWN_COLUMN', { header: must(header[col], 'a mark column in the header'), why: 'mark' }, at(col)));
    } else {
      writeIns[w] = { ...target, markCol: col };
    }
  }
}

const TOTAL_ROW_CELL = /^\d+$/u;
/** 票号 of a totals row (SPEC §2.2 "Rows that are not ballots"). */
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '共计']);

/** Per office, all printed candidates 'abstain': copied for each ballot (a packed array, cheaply). */
const BLANK_MARKS = new WeakMap<Election, readonly Mark[][]>();
function blankMarks(election: Election): readonly Mark[][] {
  let b = BLANK_MARKS.get(election);
  if (!b) {
    b = election.offices.map((o) => o.candidates.map((): Mark => 'abstain'));
    BLANK_MARKS.set(election, b);
  }
  return b;
}

/** SPEC §2.2: a row whose every cell is empty (Excel leaves `,,,,,` rows) is skipped like a blank line. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}

function at(row: RawRow, column?: number): { file: string; line: number; column?: number } {
  return column === undefined ? { file: row.file, line: row.line } : { file: row.file, line: row.line, column };
}

/** A record's width against the header's: Excel's empty trailing columns may be there, empty (SPEC §2.2). */
function checkWidth(plan: HeaderPlan, row: RawRow): InputError | undefined {
  const { cells } = row;
  const n = plan.header.length;
  if (cells.length < n || cells.length > plan.width) {
    return factError(
      'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
      { fields: cells.length, expected: plan.width },
      at(row, Math.min(cells.length, plan.width) + 1),
    );
  }
  for (let i = n; i < cells.length; i++) {
    const extra = must(cells[i], 'a cell past the header');
    if (extra.trim() !== '') {
      return factError('BALLOT_EMPTY_HEADER', { index: i + 1, content: extra }, at(row, i + 1));
    }
  }
  return undefined;
}

/**
 * A totals row: every office cell a number and one of them ≥ 2 (a `1` alone is a mark or a typing slip,
 * read as such), or (no 票号) every filled office cell a number. SPEC §2.2 "Rows that are not ballots".
 */
function looksLikeTotals(plan: HeaderPlan, cells: readonly string[], ticketEmpty: boolean): boolean {
  const cols = plan.layout === 'grid' ? plan.marks.map((m) => m.col) : plan.approveCols.filter((c): c is number => c !== undefined);
  let big = false;
  let filled = 0;
  for (const c of cols) {
    const t = must(cells[c], 'a cell of a row of checked width').trim();
    if (t === '' && ticketEmpty) continue;
    if (!TOTAL_ROW_CELL.test(t)) return false;
    filled++;
    if (Number(t) >= 2) big = true;
  }
  return ticketEmpty ? filled > 0 : big;
}

/**
 * Errors of a row that is not a ballot: repeated header, totals row, empty or unusable 票号 (规程 第三十七条:
 * 每张收回的选票计入选票总数 — so a row that is not a paper ballot must never be counted as one).
 */
function notABallot(plan: HeaderPlan, row: RawRow, rawTicket: string, ticket: string): InputError | undefined {
  const col = plan.ticketCol + 1;
  if (cleanHeader(rawTicket) === '票号') {
    return factError('BALLOT_REPEATED_HEADER', {}, at(row, col));
  }
  if (TOTAL_WORDS.has(cleanHeader(rawTicket)) || (ticket === '' && looksLikeTotals(plan, row.cells, true))) {
    return factError('BALLOT_TOTAL_ROW', { numbers: false }, at(row));
  }
  if (ticket === '') return factError('BALLOT_EMPTY_TICKET', {}, at(row, col));
  if (hasControl(ticket)) {
    return factError('BALLOT_TICKET_CONTROL', { ticket }, at(row, col));
  }
  return undefined;
}

/** Read one record with a compiled plan. Structural problems of the row are input errors. */
export function readRow(plan: HeaderPlan, election: Election, row: RawRow): Result<BallotReading, InputError> {
  const { cells } = row;
  if (cells.length !== plan.header.length) {
    const e = checkWidth(plan, row);
    if (e) return err(e);
  }
  const rawTicket = must(cells[plan.ticketCol], 'a cell of a row of checked width');
  // Nearly every 票号 is plain ASCII: no normalisation and no further checks (one regex test).
  let ticket = rawTicket;
  if (!isPlainTicket(rawTicket)) {
    ticket = ticketKey(rawTicket.trim());
    const e = notABallot(plan, row, rawTicket, ticket);
    if (e) return err(e);
  }
  const box =
    plan.boxCol === undefined ? plan.defaultBox : must(cells[plan.boxCol], 'a cell of a row of checked width').trim() || plan.defaultBox;
  const note = plan.noteCol === undefined ? '' : must(cells[plan.noteCol], 'a cell of a row of checked width').trim();
  const unclear: Unclear[] = [];
  let status: BallotStatus = 'normal';
  if (plan.statusCol !== undefined) {
    const raw = must(cells[plan.statusCol], 'a cell of a row of checked width');
    const s = raw === '' ? '' : cleanText(raw).trim();
    if (s === STATUS_UNREADABLE) status = 'unreadable';
    else if (s === STATUS_DISPUTED) {
      status = 'disputed';
      unclear.push({ kind: 'flag', column: '状态', value: s });
    } else if (s !== '') {
      return err(factError('BALLOT_BAD_STATUS', { value: raw }, at(row, plan.statusCol + 1)));
    }
  }
  const blank = blankMarks(election);
  const sections: SectionReading[] = new Array<SectionReading>(blank.length);
  for (let oi = 0; oi < blank.length; oi++) sections[oi] = { marks: (blank[oi] as Mark[]).slice(), written: [], touched: false };
  const parse = markParser(election);
  if (plan.layout === 'grid') {
    if (readGrid(plan, election, cells, sections, unclear, parse)) {
      return err(factError('BALLOT_TOTAL_ROW', { numbers: true }, at(row)));
    }
  } else {
    if (looksLikeTotals(plan, cells, false)) return err(factError('BALLOT_TOTAL_ROW', { numbers: true }, at(row)));
    readNames(plan, election, cells, sections, unclear);
  }
  return ok({ ticket, box, file: row.file, line: row.line, status, note, sections, unclear });
}

/** Grid layout: mark cells and write-in slots. True when the row is a totals row. */
function readGrid(
  plan: GridPlan,
  election: Election,
  cells: readonly string[],
  sections: SectionReading[],
  unclear: Unclear[],
  parse: (cell: string) => Mark,
): boolean {
  let big = 0;
  const planMarks = plan.marks;
  for (let i = 0; i < planMarks.length; i++) {
    const m = planMarks[i] as GridMarkCol;
    const cell = must(cells[m.col], 'a cell of a row of checked width');
    const mark = parse(cell);
    const sec = sections[m.office];
    if (sec === undefined) continue;
    sec.marks[m.candidate] = mark;
    if (mark === 'abstain') continue;
    sec.touched = true;
    if (mark === 'unclear') {
      unclear.push({ kind: 'mark', column: must(plan.header[m.col], 'a planned column'), value: cell });
      const t = cell.trim();
      if (TOTAL_ROW_CELL.test(t) && Number(t) >= 2) big++; // '0' is an unclear mark, not a total
    }
  }
  // A 合计 row: every candidate cell a number (0, 1 or more), at least one of them ≥ 2.
  if (big > 0 && looksLikeTotals(plan, cells, false)) return true;
  for (const w of plan.writeIns) {
    const sec = sections[w.office];
    if (sec === undefined) continue;
    const rawName = must(cells[w.col], 'a cell of a row of checked width');
    // An abstain spelling (- 弃权) in a write-in cell means no name was written (SPEC §2.2, §3 step 7).
    const name = rawName === '' || parse(rawName) === 'abstain' ? '' : cleanWritten(rawName);
    const column = must(plan.header[w.col], 'a planned column');
    const markCell = w.markCol === undefined ? undefined : must(cells[w.markCol], 'a cell of a row of checked width');
    const mark = markCell === undefined ? 'approve' : parse(markCell);
    if (name === '') {
      // A mark under an empty write-in slot is no vote; an unreadable one is still unclear.
      if (mark === 'unclear')
        unclear.push({
          kind: 'mark',
          column: must(plan.header[w.markCol ?? w.col], 'a planned column'),
          value: must(markCell, 'the cell of an unclear mark'),
        });
      else if (markCell !== undefined && mark !== 'abstain') sec.touched = true;
      continue;
    }
    sec.touched = true;
    if (isUnclearName(name)) {
      unclear.push({ kind: 'name', column, value: rawName });
      continue;
    }
    if (mark === 'unclear') {
      unclear.push({
        kind: 'mark',
        column: must(plan.header[w.markCol ?? w.col], 'a planned column'),
        value: must(markCell, 'the cell of an unclear mark'),
      });
      continue;
    }
    // 规程 第三十四条: 另选其他选民. Mark column semantics per SPEC §2.2.
    let approves: boolean;
    if (markCell === undefined || mark === 'approve') approves = true;
    else if (mark === 'oppose') approves = false;
    else approves = markCell.trim() === '' && election.rules.writeInWithoutMark === 'approve';
    // Who the name is (and whether it is a name at all) is decided with the roll, SPEC §3 step 3.
    if (approves) sec.written.push({ column, name });
  }
  return false;
}

/**
 * The printed candidates of one office that a names-layout item means without a roll: itself, or the
 * white-space separated parts when each is one, or the parts joined (SPEC §2.2 item 4). Empty: none.
 */
function printedParts(item: string, candidates: readonly string[]): number[] {
  const ci = candidates.indexOf(item);
  if (ci >= 0) return [ci];
  if (!item.includes(' ')) return [];
  const parts = item.split(' ').map((p) => candidates.indexOf(p));
  if (parts.every((p) => p >= 0)) return parts;
  const joined = Math.max(candidates.indexOf(item.replace(/ /gu, '')), candidates.indexOf(item.replace(/ /gu, '·')));
  return joined >= 0 ? [joined] : [];
}

/** Names layout: approved names per office, and `<职务>:反对` columns. */
function readNames(plan: NamesPlan, election: Election, cells: readonly string[], sections: SectionReading[], unclear: Unclear[]): void {
  election.offices.forEach((office, oi) => {
    const sec = sections[oi];
    if (sec === undefined) return;
    const col = plan.approveCols[oi];
    const opposeCol = plan.opposeCols[oi];
    const column = plan.header[col ?? -1] ?? office.name; // no approve column: the office's name
    if (opposeCol !== undefined) {
      const opColumn = must(plan.header[opposeCol], 'a planned column');
      for (const name of splitNames(must(cells[opposeCol], 'a cell of a row of checked width'))) {
        if (name === '-' || name === '弃权') continue;
        sec.touched = true;
        const cis = printedParts(name, office.candidates);
        if (isUnclearName(name)) unclear.push({ kind: 'name', column: opColumn, value: name });
        // Opposing someone not printed for this office is meaningless; it is unclear what was meant.
        else if (cis.length === 0) unclear.push({ kind: 'opposeNotPrinted', column: opColumn, value: name });
        else for (const ci of cis) sec.marks[ci] = 'oppose';
      }
    }
    if (col === undefined) return;
    for (const name of splitNames(must(cells[col], 'a cell of a row of checked width'))) {
      if (name === '-' || name === '弃权') continue; // an abstain spelling is not a name
      sec.touched = true;
      if (isUnclearName(name)) {
        unclear.push({ kind: 'name', column, value: name });
        continue;
      }
      const cis = printedParts(name, office.candidates);
      if (cis.length === 0) {
        sec.written.push({ column, name });
        continue;
      }
      for (const ci of cis) {
        if (sec.marks[ci] === 'oppose') unclear.push({ kind: 'conflict', column, value: office.candidates[ci] ?? name });
        else sec.marks[ci] = 'approve';
      }
    }
  });
}

/** One correction of a ruling: a header column and the value the 选举领导小组 read in it. */
export interface Correction {
  readonly column: string;
  readonly value: string;
}

/**
 * Apply a ruling's corrections as an overlay (vxsuite adjudication style): returns a new cells array;
 * the original row is untouched. The 状态 flag is cleared (SPEC §3 step 2).
 */
export function overlayCells(
  plan: HeaderPlan,
  cells: readonly string[],
  corrections: readonly Correction[],
): Result<string[], { column: string }> {
  const out = [...cells];
  if (plan.statusCol !== undefined) out[plan.statusCol] = '';
  for (const c of corrections) {
    const col = plan.header.indexOf(cleanHeader(c.column));
    if (col < 0 || col === plan.ticketCol || col === plan.boxCol) return err({ column: c.column });
    out[col] = c.value;
  }
  return ok(out);
}
