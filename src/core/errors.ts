/**
 * Every input-error code, declared once (issue 18: errors as data).
 *
 * Two kinds of code:
 * - A code with facts (`ErrorFacts`): the core (and a few adapters) return the facts as typed fields; the
 *   one Chinese sentence is made from them at the edge, in `src/adapters/messages.ts`.
 * - A code with prose (`PROSE_CODES` and the dynamic families): an adapter builds its Chinese text where it
 *   is local to that adapter (a file that cannot be opened, a CSV quote, a port), and passes it in `message`.
 * A new code is one member here plus, for a code with facts, one entry in the messages module (which does
 * not compile without it).
 */

import type { Unclear } from './ballot.js';

/** A place in an input file (a ballot row, a 票号 first seen). */
export interface RowPlace {
  readonly file: string;
  readonly line: number;
}

/** The result classes a ruling can name (core/classify.ts). */
export type RuledClass = 'valid' | 'partial' | 'invalid';

/** Which sum of a `jipiao.result/1` document does not add up (core/compare.ts checkResultSums). */
export type WrongSum =
  | {
      readonly sum: 'classes';
      readonly valid: number;
      readonly partial: number;
      readonly invalid: number;
      readonly disputed: number;
      readonly returned: number;
    }
  | { readonly sum: 'blank'; readonly blank: number; readonly valid: number }
  | { readonly sum: 'person'; readonly name: string; readonly total: number; readonly stated: number }
  | { readonly sum: 'box'; readonly box: string; readonly total: number; readonly returned: number }
  | { readonly sum: 'figure'; readonly label: string; readonly total: number; readonly stated: number };

/** How two result documents are not the same election (core/compare.ts sameElection). */
export type ElectionDifference =
  | { readonly differs: 'title'; readonly first: string; readonly second: string }
  | { readonly differs: 'candidates'; readonly onlyFirst: readonly string[]; readonly onlySecond: readonly string[] }
  | { readonly differs: 'seats' | 'round' | 'mode'; readonly first: string; readonly second: string };

/** The facts each code carries. Field names never repeat the place fields (file, line, column, key). */
export interface ErrorFacts {
  // Ballot header (core/ballot.ts compileHeader)
  /** `index`: 1-based column; `content`: a row's text under that empty header. */
  BALLOT_EMPTY_HEADER: { readonly index: number; readonly content?: string };
  BALLOT_DUPLICATE_COLUMN: { readonly header: string; readonly first: number; readonly second: number };
  BALLOT_UNKNOWN_OFFICE: { readonly header: string; readonly office: string; readonly offices: readonly string[] };
  /** `shape`: not a known column shape; `name`: an unknown bare word; `mark`: a write-in mark column without its name column. */
  BALLOT_UNKNOWN_COLUMN: { readonly header: string; readonly why: 'shape' | 'name' | 'mark' };
  BALLOT_UNKNOWN_CANDIDATE: { readonly header: string; readonly name: string; readonly office: string };
  BALLOT_NO_TICKET_COLUMN: Record<never, never>;
  BALLOT_MIXED_LAYOUT: Record<never, never>;
  BALLOT_NO_OFFICE_COLUMNS: Record<never, never>;
  BALLOT_OTHER_ELECTION: { readonly title: string };
  BALLOT_MISSING_CANDIDATE: { readonly office: string; readonly candidate: string };
  // Ballot rows (core/ballot.ts, count.ts, fast.ts, verify.ts)
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: { readonly fields: number; readonly expected: number };
  BALLOT_REPEATED_HEADER: Record<never, never>;
  /** `numbers`: every cell is a number (else the 票号 cell says 合计). */
  BALLOT_TOTAL_ROW: { readonly numbers: boolean };
  BALLOT_EMPTY_TICKET: Record<never, never>;
  BALLOT_TICKET_CONTROL: { readonly ticket: string };
  BALLOT_BAD_STATUS: { readonly value: string };
  /** `firstSeen`: where the 票号 was first read, when known. */
  BALLOT_DUPLICATE_TICKET: { readonly ticket: string; readonly firstSeen?: RowPlace };
  BALLOT_EMPTY_FILE: Record<never, never>;
  // Rulings applied by the count (core/count.ts)
  RULING_NOT_DISPUTED: { readonly ticket: string; readonly read: RuledClass };
  RULING_UNKNOWN_COLUMN: { readonly header: string; readonly ballots: string };
  RULING_STILL_UNCLEAR: { readonly ticket: string };
  RULING_CONTRADICTS: { readonly ticket: string; readonly verdict: RuledClass; readonly reread: RuledClass };
  /** `padded`: a 票号 on the ballots with the same digits after leading zeros. */
  RULING_UNKNOWN_TICKET: { readonly ticket: string; readonly padded?: string };
  ERRORS_OMITTED: { readonly omitted: number };
  // Tally sheets (core/tallies.ts; TALLY_EMPTY also adapters/input/tallies.ts)
  TALLY_UNKNOWN_ITEM: { readonly name: string; readonly items: readonly string[] };
  /** `office` absent: a 选票 row. */
  TALLY_MARKS_NOT_PRINTED: { readonly name?: string; readonly office?: string };
  /** `office` absent: a 选票 row. */
  TALLY_DUPLICATE_ROW: { readonly box: string; readonly name: string; readonly office?: string; readonly firstLine: number };
  /** `office` absent: a 选票 row. */
  TALLY_EMPTY_NUMBER: { readonly box: string; readonly name: string; readonly office?: string };
  TALLY_UNKNOWN_OFFICE: { readonly office: string; readonly offices: readonly string[] };
  TALLY_EMPTY_NAME: Record<never, never>;
  /** `unclear`: the name cannot be settled; `not-a-name`; `several`: names several people; `described`: the ballot rules' own words. */
  TALLY_UNCLEAR_NAME:
    { readonly why: 'unclear' | 'not-a-name' | 'several'; readonly name: string } | { readonly why: 'described'; readonly issue: Unclear };
  TALLY_MARKS_INCOMPLETE: { readonly name: string };
  TALLY_HOMONYM: { readonly name: string; readonly matches: readonly string[] };
  TALLY_MISSING_CLASS: { readonly box: string; readonly item: string };
  TALLY_MISSING_CANDIDATE: { readonly box: string; readonly office: string; readonly candidate: string };
  TALLY_CLASSES_SUM: {
    readonly box: string;
    readonly valid: number;
    readonly partial: number;
    readonly invalid: number;
    readonly disputed: number;
    readonly returned: number;
  };
  TALLY_BLANK_OVER_VALID: { readonly box: string; readonly blank: number; readonly valid: number };
  TALLY_MARKS_SUM: {
    readonly box: string;
    readonly office: string;
    readonly name: string;
    readonly marks: number;
    readonly valid: number;
    readonly counted: number;
  };
  TALLY_MARKS_UNEQUAL: {
    readonly box: string;
    readonly office: string;
    readonly name: string;
    readonly marks: number;
    readonly others: number;
  };
  TALLY_OFFICE_OVER: {
    readonly box: string;
    readonly office: string;
    readonly total: number;
    readonly ballots: number;
    readonly seats: number;
  };
  /** `office` absent: the person's total over all offices against `ballots` counted. */
  TALLY_PERSON_OVER: {
    readonly box: string;
    readonly name: string;
    readonly office?: string;
    readonly votes: number;
    readonly ballots: number;
  };
  /** `noHeader`: not even a header (else a header and no rows). */
  TALLY_EMPTY: { readonly noHeader: boolean };
  TALLY_BOX_ALSO_BALLOTS: { readonly box: string };
  TALLY_BOX_TWICE: { readonly box: string; readonly firstSheet: string };
  // Rulings and roll files (adapters/input/rulings.ts, roll.ts)
  RULINGS_EMPTY: Record<never, never>;
  RULINGS_MISSING_COLUMN: { readonly missing: readonly string[] };
  /** `control`: the 票号 has control characters (else it is empty). */
  RULINGS_EMPTY_TICKET: { readonly control: boolean };
  RULINGS_DUPLICATE_TICKET: { readonly ticket: string; readonly firstLine: number };
  RULINGS_BAD_VERDICT: { readonly value: string };
  RULINGS_BAD_CORRECTION: { readonly value: string };
  RULINGS_BAD_VOTE: { readonly value: string };
  ROLL_EMPTY: Record<never, never>;
  // The registered count (core/registered.ts)
  REGISTERED_MISMATCH: { readonly registered: number; readonly rollSize: number; readonly rollFile: string };
  REGISTERED_MISSING: Record<never, never>;
  ROLL_MISSING_COLUMN: Record<never, never>;
  /** `idColumn`: 身份证号 or 选民证号; the same voter on `firstLine` and `againLine`. */
  ROLL_DUPLICATE_VOTER: { readonly idColumn: string; readonly value: string; readonly firstLine: number; readonly againLine: number };
  // Candidate list and set-up (core/setup.ts)
  /** `noHeader`: not even a header (else no candidates). */
  CANDIDATES_EMPTY: { readonly noHeader: boolean };
  CANDIDATES_MISSING_COLUMN: { readonly missing: readonly string[] };
  CANDIDATES_NO_OFFICE: Record<never, never>;
  CANDIDATES_BAD_SEATS: { readonly text: string };
  CANDIDATES_SEATS_DIFFER: { readonly office: string; readonly before: number; readonly now: number };
  CANDIDATES_NO_SEATS: { readonly office: string };
  CANDIDATES_NONE: { readonly office: string };
  SETUP_NOT_COMPETITIVE: {
    readonly office: string;
    readonly seats: number;
    readonly candidates: number;
    readonly min: number;
    readonly max: number;
  };
  // Result documents (core/compare.ts)
  COMPARE_SUMS_WRONG: { readonly wrong: WrongSum };
  COMPARE_DIFFERENT_ELECTION: { readonly difference: ElectionDifference };
}

export type FactCode = keyof ErrorFacts;

/** The codes with facts, for tests to iterate (checked below against `ErrorFacts`). */
export const FACT_CODES = [
  'BALLOT_EMPTY_HEADER',
  'BALLOT_DUPLICATE_COLUMN',
  'BALLOT_UNKNOWN_OFFICE',
  'BALLOT_UNKNOWN_COLUMN',
  'BALLOT_UNKNOWN_CANDIDATE',
  'BALLOT_NO_TICKET_COLUMN',
  'BALLOT_MIXED_LAYOUT',
  'BALLOT_NO_OFFICE_COLUMNS',
  'BALLOT_OTHER_ELECTION',
  'BALLOT_MISSING_CANDIDATE',
  'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
  'BALLOT_REPEATED_HEADER',
  'BALLOT_TOTAL_ROW',
  'BALLOT_EMPTY_TICKET',
  'BALLOT_TICKET_CONTROL',
  'BALLOT_BAD_STATUS',
  'BALLOT_DUPLICATE_TICKET',
  'BALLOT_EMPTY_FILE',
  'RULING_NOT_DISPUTED',
  'RULING_UNKNOWN_COLUMN',
  'RULING_STILL_UNCLEAR',
  'RULING_CONTRADICTS',
  'RULING_UNKNOWN_TICKET',
  'ERRORS_OMITTED',
  'TALLY_UNKNOWN_ITEM',
  'TALLY_MARKS_NOT_PRINTED',
  'TALLY_DUPLICATE_ROW',
  'TALLY_EMPTY_NUMBER',
  'TALLY_UNKNOWN_OFFICE',
  'TALLY_EMPTY_NAME',
  'TALLY_UNCLEAR_NAME',
  'TALLY_MARKS_INCOMPLETE',
  'TALLY_HOMONYM',
  'TALLY_MISSING_CLASS',
  'TALLY_MISSING_CANDIDATE',
  'TALLY_CLASSES_SUM',
  'TALLY_BLANK_OVER_VALID',
  'TALLY_MARKS_SUM',
  'TALLY_MARKS_UNEQUAL',
  'TALLY_OFFICE_OVER',
  'TALLY_PERSON_OVER',
  'TALLY_EMPTY',
  'TALLY_BOX_ALSO_BALLOTS',
  'TALLY_BOX_TWICE',
  'RULINGS_EMPTY',
  'RULINGS_MISSING_COLUMN',
  'RULINGS_EMPTY_TICKET',
  'RULINGS_DUPLICATE_TICKET',
  'RULINGS_BAD_VERDICT',
  'RULINGS_BAD_CORRECTION',
  'RULINGS_BAD_VOTE',
  'ROLL_EMPTY',
  'ROLL_MISSING_COLUMN',
  'REGISTERED_MISMATCH',
  'REGISTERED_MISSING',
  'ROLL_DUPLICATE_VOTER',
  'CANDIDATES_EMPTY',
  'CANDIDATES_MISSING_COLUMN',
  'CANDIDATES_NO_OFFICE',
  'CANDIDATES_BAD_SEATS',
  'CANDIDATES_SEATS_DIFFER',
  'CANDIDATES_NO_SEATS',
  'CANDIDATES_NONE',
  'SETUP_NOT_COMPETITIVE',
  'COMPARE_SUMS_WRONG',
  'COMPARE_DIFFERENT_ELECTION',
] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: FACT_CODES lists exactly the keys of ErrorFacts. */
export const FACT_CODES_COMPLETE: Same<(typeof FACT_CODES)[number], FactCode> = true;

/** Codes whose Chinese text an adapter or the CLI builds itself (passed as `message`). */
export const PROSE_CODES = [
  // election.json (adapters/input/election.ts)
  'ELECTION_NOT_JSON',
  'ELECTION_INVALID',
  'ELECTION_DUPLICATE_KEY',
  'ELECTION_NOT_FOUND',
  // files and encodings (adapters/input/files.ts, encoding.ts, csv.ts, xlsx.ts)
  'FILE_NOT_FOUND',
  'FILE_IS_DIRECTORY',
  'FILE_NO_ACCESS',
  'FILE_LINK_LOOP',
  'FILE_NOT_REGULAR',
  'FILE_TOO_BIG',
  'FILE_BINARY',
  'ENCODING_INVALID',
  'ENCODING_UNSUPPORTED',
  'ENCODING_UTF16',
  'CSV_TAB_SEPARATED',
  'CSV_CELL_TOO_LONG',
  'CSV_DUPLICATE_COLUMN',
  'XLSX_UNREADABLE',
  'XLSX_NO_SHEET',
  'XLSX_SHEET_NOT_FOUND',
  // tally sheets as files (adapters/input/tallies.ts)
  'TALLY_UNKNOWN_COLUMN',
  'TALLY_NO_COLUMN',
  'TALLY_EMPTY_BOX',
  'TALLY_TOTAL_ROW',
  'TALLY_BAD_NUMBER',
  // result documents read by compare (adapters/input/result-schema.ts)
  'COMPARE_NOT_JSON',
  'COMPARE_NOT_RESULT',
  // set-up, live counting, batch (adapters/setup, adapters/live, cli)
  'INIT_WOULD_OVERWRITE',
  'INIT_DIR_UNWRITABLE',
  'INIT_NOT_WRITTEN',
  'INIT_NEEDS_CANDIDATES',
  'LIVE_JOURNAL_WITHOUT_LOG',
  'LIVE_JOURNAL_HEADER',
  'LIVE_JOURNAL_CORRUPT',
  'LIVE_LISTEN_FAILED',
  'BATCH_LOCKED',
  'BATCH_FOLDER_UNREADABLE',
  'BATCH_AMBIGUOUS_NAMES',
  'BATCH_CSV_AND_XLSX',
  'BATCH_NO_BALLOTS',
  // the CLI (src/cli)
  'OUT_IS_INPUT',
  'REPORT_NOT_WRITTEN',
  'VERIFY_EMPTY_FOLDER',
  'VERIFY_FILE_CHANGED',
  'USAGE_NO_BALLOTS',
  'USAGE_BAD_PORT',
  'USAGE_BAD_DATE',
  'USAGE_XLSX_NEEDS_OUT',
  'USAGE_OUT_ONLY_XLSX',
  'BALLOTS_GIVEN_TWICE',
] as const;

/** csv-parse's own codes (`CsvError.code`), shown with a Chinese text in adapters/input/csv.ts. */
export type CsvParseCode = `CSV_${string}` | 'INVALID_OPENING_QUOTE';

/** Families whose code is built from a fact: an errno, or the kind of file given as ballots. */
export type DynamicCode = `OUT_${string}` | `IO_${string}` | `BALLOTS_IS_${'ROLL' | 'RULINGS' | 'TALLIES'}` | CsvParseCode;

export type ProseCode = (typeof PROSE_CODES)[number] | DynamicCode;

/** Every code an `InputError` may carry. */
export type InputErrorCode = FactCode | ProseCode;

/** Every fixed code (the dynamic families are matched by `isInputErrorCode`). */
export const INPUT_ERROR_CODES: readonly InputErrorCode[] = [...FACT_CODES, ...PROSE_CODES];

const DYNAMIC = /^(?:OUT_[A-Z0-9_]+|IO_[A-Z0-9_]+|BALLOTS_IS_(?:ROLL|RULINGS|TALLIES)|CSV_[A-Z0-9_]+|INVALID_OPENING_QUOTE)$/u;

/** Is `code` a declared code (a fixed one, or one of a dynamic family)? */
export function isInputErrorCode(code: string): code is InputErrorCode {
  return (INPUT_ERROR_CODES as readonly string[]).includes(code) || DYNAMIC.test(code);
}

/** Where an error is: all optional. */
export interface Where {
  readonly file?: string | undefined;
  /** 1-based line in the file. */
  readonly line?: number | undefined;
  /** 1-based column number, or the column's header name. */
  readonly column?: number | string | undefined;
  /** JSON key path for election.json errors, e.g. `offices[1].seats`. */
  readonly key?: string | undefined;
}

/** An error whose code carries facts; no prose. */
export type FactError = { [C in FactCode]: Where & { readonly code: C } & ErrorFacts[C] }[FactCode];

/** An error whose adapter wrote its one line of Simplified Chinese. */
export interface ProseError extends Where {
  readonly code: Exclude<ProseCode, FactCode>;
  readonly message: string;
}

export type InputError = FactError | ProseError;

/** The facts error of one code (for the messages module). */
export type ErrorOf<C extends FactCode> = Extract<FactError, { readonly code: C }>;
