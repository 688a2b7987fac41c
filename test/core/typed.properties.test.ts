/**
 * Issue 12 property: a ballot's result never changes when invisible characters (zero-width, soft hyphen,
 * bidi controls, BOM) or NFKC variants (full-width forms, Kangxi radicals, other middle dots) are put into
 * its cells — for the 票号, the marks, the written names and the 状态, in both layouts, with and without a
 * roll. Per ballot: the same class and reasons; overall: the same tallies and persons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BallotLogEntry, type CountResult, type Election, type RawRow, RollIndex, count } from '../../src/core/index.js';
import { election as testElection } from '../adapters/render/helpers.js';

const election: Election = testElection({
  registered: 100,
  issued: 100,
  offices: [
    { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
    { name: '委员', seats: 2, candidates: ['孙丽', '周强', '吴敏'] },
  ],
});
const roll = new RollIndex(
  ['张建国', '李秀英', '孙丽', '周强', '吴敏', '刘洋', '刘洋', '阿依古丽·买买提', '王一'].map((name, i) => ({
    name,
    group: i === 6 ? '二组' : '一组',
  })),
);

const MARKS = ['○', '√', '×', '', '', '-', '?', '1', 'O', 'x', '同意', 'v'];
/** Written items: names, typing slips, homonyms, group suffixes, spaces, traditional and near-miss forms. */
const WRITTEN = [
  '',
  '',
  '刘洋',
  '刘洋(二组)',
  '王一',
  '阿依古丽·买买提',
  '孙丽 周强',
  '张 建国',
  '孙丽/周强',
  '张建国(反对)',
  '○',
  '1',
  '吳敏',
  '张建囯',
  '王 一',
  '?',
];

const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202a', '\u202c', '\u200e'];
/** Characters and an NFKC (or middle-dot) variant of each. */
const VARIANTS: Readonly<Record<string, string>> = {
  '0': '０',
  '1': '１',
  '2': '２',
  '3': '３',
  '4': '４',
  '5': '５',
  '6': '６',
  '7': '７',
  '8': '８',
  '9': '９',
  '?': '？',
  '(': '（',
  ')': '）',
  '/': '／',
  '-': '－',
  O: 'Ｏ',
  x: 'ｘ',
  v: 'ｖ',
  ' ': '\u3000',
  一: '⼀',
  二: '⼆',
  '·': '・',
};

/** A perturbation of one cell, driven by a stream of random numbers. */
function perturb(cell: string, rnd: () => number): string {
  let out = '';
  for (const ch of cell) {
    if (rnd() % 3 === 0) out += INVISIBLES[rnd() % INVISIBLES.length];
    const v = VARIANTS[ch];
    out += v !== undefined && rnd() % 2 === 0 ? v : ch;
  }
  if (rnd() % 3 === 0) out += INVISIBLES[rnd() % INVISIBLES.length];
  return out;
}

interface Case {
  layout: 'grid' | 'names';
  withRoll: boolean;
  rows: string[][];
  seed: number[];
}

const GRID = ['票号', '主任:张建国', '主任:李秀英', '主任:另选1', '委员:孙丽', '委员:周强', '委员:吴敏', '委员:另选1', '状态'];
const NAMES = ['票号', '主任', '委员', '状态'];
const NAME_ITEMS = ['张建国', '李秀英', '孙丽', '周强', '吴敏', ...WRITTEN];

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    layout: fc.constantFrom('grid' as const, 'names' as const),
    withRoll: fc.boolean(),
    picks: fc.array(fc.array(fc.nat(1000), { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 25 }),
    seed: fc.array(fc.nat(1000), { minLength: 64, maxLength: 64 }),
  })
  .map(({ layout, withRoll, picks, seed }) => {
    const status = (n: number): string => (n % 9 === 0 ? '疑难' : n % 13 === 0 ? '无法辨认' : '');
    const rows = picks.map((p, i) => {
      const at = (k: number): number => p[k] ?? 0;
      const ticket = String(i + 1).padStart(6, '0');
      if (layout === 'grid') {
        return [
          ticket,
          MARKS[at(0) % MARKS.length] ?? '',
          MARKS[at(1) % MARKS.length] ?? '',
          WRITTEN[at(2) % WRITTEN.length] ?? '',
          MARKS[at(3) % MARKS.length] ?? '',
          MARKS[at(4) % MARKS.length] ?? '',
          MARKS[at(5) % MARKS.length] ?? '',
          WRITTEN[at(6) % WRITTEN.length] ?? '',
          status(at(7)),
        ];
      }
      const item = (k: number): string => NAME_ITEMS[at(k) % NAME_ITEMS.length] ?? '';
      return [
        ticket,
        item(0),
        [item(1), item(2), at(3) % 2 === 0 ? item(4) : ''].filter((x) => x !== '').join(at(5) % 2 === 0 ? '、' : '，'),
        status(at(7)),
      ];
    });
    return { layout, withRoll, rows, seed };
  });

async function run(c: Case, rows: readonly string[][]): Promise<{ result: CountResult; log: BallotLogEntry[] }> {
  const header = c.layout === 'grid' ? GRID : NAMES;
  const raw: RawRow[] = [{ file: 'b.csv', line: 1, cells: header }, ...rows.map((cells, i) => ({ file: 'b.csv', line: i + 2, cells }))];
  const log: BallotLogEntry[] = [];
  const r = await count([{ file: 'b.csv', rows: raw }], {
    election,
    registered: 100,
    roll: c.withRoll ? roll : undefined,
    onBallot: (e) => log.push(e),
  });
  if (!r.ok) throw new Error(r.error.map((e) => JSON.stringify(e)).join('; '));
  return { result: r.value, log };
}

describe('typed input properties (issue 12)', () => {
  it('invisible characters and NFKC variants in any cell never change a ballot’s class, reasons or the result', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        let k = 0;
        const rnd = (): number => (c.seed[k++ % c.seed.length] ?? 0) + k;
        const dirty = c.rows.map((r) => r.map((cell) => perturb(cell, rnd)));
        const a = await run(c, c.rows);
        const b = await run(c, dirty);
        expect(b.log.map((e) => [e.ticket, e.class, e.reasons])).toEqual(a.log.map((e) => [e.ticket, e.class, e.reasons]));
        expect(b.result.ballots).toEqual(a.result.ballots);
        expect(b.result.people).toEqual(a.result.people);
        expect(b.result.offices).toEqual(a.result.offices);
        expect(b.result.disputes.map((d) => [d.ticket, d.issues.map((u) => u.kind)])).toEqual(
          a.result.disputes.map((d) => [d.ticket, d.issues.map((u) => u.kind)]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
