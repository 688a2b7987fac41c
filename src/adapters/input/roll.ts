/** voters.csv (SPEC §2.3) → core RollEntry[]. Only 姓名 is required; other columns are ignored. */
import {
  CappedErrors,
  type InputError,
  InputErrors,
  type RawRow,
  type Result,
  type RollEntry,
  RollIndex,
  StringTable,
  cleanText,
  err,
  factError,
  isBlankRow,
  normalizeName,
  ok,
} from '../../core/index.js';
import { type CsvOptions, duplicateColumn, headerIndex, readCsvAll, splitHeader } from './csv.js';
import { plainCsvBatches } from './plain-csv.js';

/** The identity of a 选民证号 / 身份证号: NFKC, invisible characters and white space removed, `x` as `X`. */
function idKey(s: string): string {
  if (/^[0-9A-Z]+$/u.test(s)) return s; // nearly every ID: nothing to normalise (issue 17)
  return cleanText(s).replace(/\s+/gu, '').toUpperCase();
}

const ID_COLUMNS = ['选民证号', '身份证号'] as const;

/** The 选民证号 tables of the last roll read, emptied for the next (issue 17: `batch` reads a roll per election). */
const spareTables: StringTable[] = [];

/** The duplicate-voter check of one roll: `check` a row; `release` its tables once the roll is read. */
interface DuplicateVoters {
  check(r: RawRow): InputError | undefined;
  release(): void;
}

/**
 * The same voter twice in the roll (a roll pasted twice doubles 登记选民 and can make the election
 * invalid): per 选民证号 / 身份证号, the first line it was seen on. `check` returns an error naming both rows.
 */
function duplicateVoters(idx: ReadonlyMap<string, number>, file: string): DuplicateVoters {
  // 选民证号 → the line it was first seen on, in a StringTable: no object per voter (issue 17).
  const cols = ID_COLUMNS.flatMap((label) => {
    const i = idx.get(label);
    return i === undefined ? [] : [{ label, i, seen: spareTables.pop() ?? new StringTable() }];
  });
  const check = (r: RawRow): InputError | undefined => {
    for (const { label, i, seen } of cols) {
      const raw = r.cells[i] ?? '';
      if (raw.trim() === '') continue;
      const known = seen.size;
      const id = seen.add(idKey(raw), r.line);
      if (id < known) {
        const prev = seen.value(id);
        return factError(
          'ROLL_DUPLICATE_VOTER',
          { idColumn: label, value: raw.trim(), firstLine: prev, againLine: r.line },
          { file, line: r.line, column: i + 1 },
        );
      }
    }
    return undefined;
  };
  const release = (): void => {
    for (const { seen } of cols) {
      seen.clear();
      if (spareTables.length < ID_COLUMNS.length) spareTables.push(seen);
    }
  };
  return { check, release };
}

export function parseRoll(rows: readonly RawRow[], file: string): Result<RollEntry[]> {
  const split = splitHeader(rows, file, factError('ROLL_EMPTY', {}, { file, line: 1 }));
  if (!split.ok) return split;
  const { header, body, idx } = split.value;
  const name = idx.get('姓名');
  if (name === undefined) return err([factError('ROLL_MISSING_COLUMN', {}, { file, line: header.line })]);
  const get = (r: RawRow, k: string): string | undefined => {
    const i = idx.get(k);
    const v = i === undefined ? undefined : r.cells[i]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const errors = new CappedErrors();
  const entries: RollEntry[] = [];
  for (const r of body) {
    if (isBlankRow(r.cells)) continue;
    if (r.cells.length !== header.cells.length) {
      errors.push(
        factError(
          'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
          { fields: r.cells.length, expected: header.cells.length },
          { file, line: r.line },
        ),
      );
      continue;
    }
    entries.push({
      name: normalizeName(r.cells[name] ?? ''),
      voterId: get(r, '选民证号'),
      gender: get(r, '性别'),
      birthDate: get(r, '出生日期'),
      idNumber: get(r, '身份证号'),
      group: get(r, '居民小组'),
      proxy: get(r, '受托人'),
      line: r.line,
    });
  }
  return errors.length > 0 ? err(errors.list()) : ok(entries);
}

export async function loadRoll(path: string, display: string, opts: CsvOptions = {}): Promise<Result<RollEntry[]>> {
  const rows = await readCsvAll(path, display, opts);
  return rows.ok ? parseRoll(rows.value, display) : rows;
}

/**
 * The roll as the count needs it (names, groups, size), streamed: a district-sized roll is never held as
 * rows or entries in memory.
 */
export async function loadRollIndex(path: string, display: string, opts: CsvOptions = {}): Promise<Result<RollIndex>> {
  const index = new RollIndex();
  const errors = new CappedErrors();
  let cols: RollColumns | undefined;
  try {
    for await (const batch of plainCsvBatches(path, display, opts)) {
      for (const r of batch) {
        if (cols !== undefined) addVoter(index, errors, r, cols, display);
        else cols = orThrow(rollColumns(r, display));
      }
    }
  } catch (e) {
    if (e instanceof InputErrors) return err([...e.errors]);
    throw e;
  } finally {
    cols?.duplicates.release();
  }
  if (cols === undefined) return err([factError('ROLL_EMPTY', {}, { file: display, line: 1 })]);
  return errors.length > 0 ? err(errors.list()) : ok(index);
}

/** The value, or the errors thrown as InputErrors (caught above and returned as values). */
function orThrow<T>(r: Result<T>): T {
  if (!r.ok) throw new InputErrors(r.error);
  return r.value;
}

interface RollColumns {
  readonly name: number;
  readonly group: number | undefined;
  readonly width: number;
  readonly duplicates: DuplicateVoters;
}

/** The roll's header row: no column twice, a 姓名 column. */
function rollColumns(r: RawRow, display: string): Result<RollColumns> {
  const dup = duplicateColumn(r, display);
  if (dup) return err([dup]);
  const idx = headerIndex(r.cells);
  const name = idx.get('姓名');
  const group = idx.get('居民小组');
  const width = r.cells.length;
  if (name === undefined) return err([factError('ROLL_MISSING_COLUMN', {}, { file: display, line: r.line })]);
  return ok({ name, group, width, duplicates: duplicateVoters(idx, display) });
}

/** One row of the roll into the index (a ragged row or a voter registered twice is an error). */
function addVoter(index: RollIndex, errors: CappedErrors, r: RawRow, cols: RollColumns, display: string): void {
  const { name, group, width, duplicates } = cols;
  if (isBlankRow(r.cells)) return;
  if (r.cells.length !== width) {
    errors.push(
      factError('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', { fields: r.cells.length, expected: width }, { file: display, line: r.line }),
    );
    return;
  }
  const twice = duplicates.check(r);
  if (twice) errors.push(twice);
  const g = group === undefined ? undefined : (r.cells[group] ?? '').trim() || undefined;
  index.add({ name: normalizeName(r.cells[name] ?? ''), group: g });
}
