/** A ballots CSV file as a core BallotSource (rows streamed, header first). */
import type { BallotSource } from '../../core/index.js';
import { type CsvOptions, csvBatches } from './csv.js';

export function ballotSource(path: string, display: string, opts: CsvOptions = {}): BallotSource {
  return { file: display, rows: { [Symbol.asyncIterator]: () => csvBatches(path, display, opts) } };
}
