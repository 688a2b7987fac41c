/**
 * Errors as values (after votingworks/vxsuite libs/basics/src/result.ts and csv-parse's coded errors).
 * The core never throws for bad input: it returns an `InputError` with a code, its facts as typed fields
 * and, where known, the file, line and column (or JSON key) it concerns. The codes and their facts are
 * declared in ./errors.ts; the Chinese line for each is made at the edge (src/adapters/messages.ts).
 */
import type { ErrorFacts, FactCode, FactError, InputError, ProseCode, ProseError, Where } from './errors.js';

export type { InputError } from './errors.js';

export type Result<T, E = InputError[]> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Copy the place fields that are given (an absent field stays absent, not `undefined`). */
function place(e: Record<string, unknown>, where: Where): void {
  if (where.file !== undefined) e['file'] = where.file;
  if (where.line !== undefined) e['line'] = where.line;
  if (where.column !== undefined) e['column'] = where.column;
  if (where.key !== undefined) e['key'] = where.key;
}

/** A code with facts: the facts, then the place; the text is made by the messages module at the edge. */
export function factError<C extends FactCode>(code: C, facts: ErrorFacts[C], where: Where = {}): FactError {
  const e: Record<string, unknown> = { code, ...facts };
  place(e, where);
  return e as unknown as FactError;
}

/**
 * A code whose adapter writes its own Chinese line. A literal code must be declared in ./errors.ts (a typo
 * does not compile); a code typed only as `string` is let through for election.ts until its schema rewrite.
 */
type ProseCodeArg<C extends string> = string extends C ? C : C extends ProseCode ? C : never;

/** Build one input error with its message; `where` fields are optional. */
export function inputError<C extends string>(code: C & ProseCodeArg<C>, message: string, where: Where = {}): ProseError {
  const e: Record<string, unknown> = { code, message };
  place(e, where);
  return e as unknown as ProseError;
}

/** Thrown only to abort a stream from inside the core; carries the input errors collected so far. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.code).join('\n'));
    this.name = 'InputErrors';
  }
}
