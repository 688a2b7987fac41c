/** The demo election's live layout and the journal row of a typed ballot, for the live unit tests. */
import path from 'node:path';
import { loadElection } from '../../../src/adapters/input/election.js';
import { type Draft, draftToCells, liveLayout } from '../../../src/adapters/live/layout.js';
import { root } from './harness.js';

const loaded = await loadElection(path.join(root, 'fixtures/demo/election.json'), 'election.json');
if (!loaded.ok) throw new Error('demo election.json does not load');
export const election = loaded.value;
export const layout = liveLayout(election);

/** The journal row of a ballot typed as `d` (empty draft by default). */
export function cells(ticket: string, d: Partial<Draft>, box = '中心会场'): string[] {
  const r = draftToCells(layout, election, ticket, box, { marks: {}, writeIns: [], status: '', note: '', ...d });
  if (!r.ok) throw new Error(r.problem.code);
  return r.cells;
}
