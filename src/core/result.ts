/**
 * Errors as values (after votingworks/vxsuite libs/basics/src/result.ts and csv-parse's coded errors).
 * The core never throws for bad input: it returns an `InputError` with a code and, where known, the
 * file, line and column (or JSON key) it concerns. The CLI turns each one into one Chinese line.
 */
export interface InputError {
  /** Stable machine code, e.g. `CSV_QUOTE_NOT_CLOSED`, `BALLOT_DUPLICATE_TICKET`. */
  readonly code: string;
  /** One line of Simplified Chinese saying what is wrong and what was expected. */
  readonly message: string;
  readonly file?: string | undefined;
  /** 1-based line in the file. */
  readonly line?: number | undefined;
  /** 1-based column number, or the column's header name. */
  readonly column?: number | string | undefined;
  /** JSON key path for election.json errors, e.g. `offices[1].seats`. */
  readonly key?: string | undefined;
}

export type Result<T, E = InputError[]> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Build one input error; `where` fields are optional. */
export function inputError(
  code: string,
  message: string,
  where: { file?: string | undefined; line?: number | undefined; column?: number | string | undefined; key?: string | undefined } = {},
): InputError {
  const e: { -readonly [K in keyof InputError]: InputError[K] } = { code, message };
  if (where.file !== undefined) e.file = where.file;
  if (where.line !== undefined) e.line = where.line;
  if (where.column !== undefined) e.column = where.column;
  if (where.key !== undefined) e.key = where.key;
  return e;
}

/** Thrown only to abort a stream from inside the core; carries the input errors collected so far. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
    this.name = 'InputErrors';
  }
}
