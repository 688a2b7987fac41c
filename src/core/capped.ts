/**
 * A list of input errors capped for reading (issue 13): the first `limit` are kept, the rest counted,
 * and the list ends with `还有 N 个错误未列出` — never a silent stop after 50. Pure.
 */
import { type InputError, factError } from './result.js';

export const ERROR_LIMIT = 50;

/** The last line of a capped error list. */
export function omittedErrors(n: number): InputError {
  return factError('ERRORS_OMITTED', { omitted: n });
}

export class CappedErrors {
  private readonly kept: InputError[] = [];
  private omitted = 0;
  constructor(private readonly limit = ERROR_LIMIT) {}

  push(e: InputError): void {
    if (this.kept.length < this.limit) this.kept.push(e);
    else this.omitted++;
  }

  /** Errors kept plus those past the cap. */
  get length(): number {
    return this.kept.length + this.omitted;
  }

  /** The kept errors, then the `还有 N 个错误未列出` line when some were left out. */
  list(): InputError[] {
    return this.omitted > 0 ? [...this.kept, omittedErrors(this.omitted)] : [...this.kept];
  }
}
