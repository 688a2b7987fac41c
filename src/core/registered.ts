/**
 * The number of registered voters (登记选民数) the turnout rule divides by (规程 第三十八条): election.json
 * `registered`, or the size of the roll; when both are given they must agree.
 */
import { must } from './must.js';
import type { Election } from './model.js';
import { type Result, err, factError, ok } from './result.js';

export function resolveRegistered(
  election: Election,
  roll: { readonly size: number } | undefined,
  electionFile: string,
  rollFile: string | undefined,
): Result<number> {
  const where = { file: electionFile, key: 'registered' };
  if (roll !== undefined && election.registered !== undefined && roll.size !== election.registered) {
    return err([
      factError(
        'REGISTERED_MISMATCH',
        { registered: election.registered, rollSize: roll.size, rollFile: must(rollFile, 'the roll file of a roll') },
        where,
      ),
    ]);
  }
  const n = election.registered ?? roll?.size;
  if (n === undefined) return err([factError('REGISTERED_MISSING', {}, where)]);
  return ok(n);
}
