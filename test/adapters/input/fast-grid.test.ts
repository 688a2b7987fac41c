/**
 * The byte fast path (issue 17) against the exact path: the same result JSON byte for byte and the same
 * ballot log, on random grid files whose cells sit on every boundary of "plainly common" (marks of one,
 * two, three and four bytes, unknown and multi-character marks, padded, full-width and letter 票号,
 * duplicates, 票箱 with spaces, statuses, write-ins, ragged and blank rows, quotes, CR LF, BOM, no final
 * line break, rulings) — and on every fixture.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotSource } from '../../../src/adapters/input/ballots.js';
import { loadElection } from '../../../src/adapters/input/election.js';
import { csvBatches } from '../../../src/adapters/input/csv.js';
import { countBallotFiles, fastBallotSource } from '../../../src/adapters/input/fast-grid.js';
import { plainCsvBatches } from '../../../src/adapters/input/plain-csv.js';
import { loadRollIndex } from '../../../src/adapters/input/roll.js';
import { loadRulings } from '../../../src/adapters/input/rulings.js';
import { renderJson } from '../../../src/adapters/render/json.js';
import {
  type BallotLogEntry,
  type CountOptions,
  DEFAULT_RULES,
  type Election,
  type Result,
  type CountResult,
  type FastRows,
  type FastRowsData,
  type RawRow,
  RollIndex,
  type Ruling,
  count,
  isFastRows,
} from '../../../src/core/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-fast-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MARKS = [
  '',
  '',
  '',
  '○',
  '√',
  '×',
  'O',
  'x',
  'X',
  '1',
  '-',
  '〇',
  '✓',
  'Ｏ',
  '?',
  '0',
  '2',
  'é',
  '😀',
  '○○',
  ' ○',
  '○ ',
  '弃权',
  '同意',
  '\u200b',
  '·',
];
const TICKETS = ['1', '2', '3', '007', '12', 'A1', 'b2', ' 4', '5 ', '', '１２', '1234567890123456', '9.5', '甲1'];
const BOXES = ['', '甲', '中心会场', ' 乙', 'b', '流动 票箱'];
const STATUSES = ['', '', '', '', '疑难', '无法辨认', ' '];
const WRITE_INS = ['', '', '', '', '甲一', '路人', '-', '乙二'];

interface Case {
  readonly election: Election;
  readonly text: string;
  readonly rulings: Ruling[];
  readonly roll: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    seats: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 3 }),
    shared: fc.boolean(),
    writeIn: fc.boolean(),
    box: fc.boolean(),
    rows: fc.array(
      fc.record({
        ticket: fc.oneof(fc.integer({ min: 1, max: 60 }).map(String), fc.constantFrom(...TICKETS)),
        box: fc.constantFrom(...BOXES),
        marks: fc.array(
          fc.oneof({ weight: 6, arbitrary: fc.constantFrom('', '○', '√', '×') }, { weight: 1, arbitrary: fc.constantFrom(...MARKS) }),
          { minLength: 12, maxLength: 12 },
        ),
        status: fc.constantFrom(...STATUSES),
        writeIn: fc.constantFrom(...WRITE_INS),
        shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'short', 'long', 'blank', 'commas', 'quoted'),
      }),
      { maxLength: 30 },
    ),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
    rulings: fc.array(
      fc.record({ ticket: fc.integer({ min: 1, max: 60 }).map(String), verdict: fc.constantFrom('valid' as const, 'invalid' as const) }),
      { maxLength: 3 },
    ),
    roll: fc.boolean(),
  })
  .map((g) => {
    const names = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];
    let k = 0;
    const offices = g.seats.map((seats, i) => ({
      name: ['主任', '副主任', '委员'][i] ?? '委员',
      seats,
      // With `shared`, the first office's first candidate is printed again in the second (step 4).
      candidates: Array.from({ length: seats + 1 }, (_, c) =>
        g.shared && i === 1 && c === 0 ? '甲一' : (names[k++ % names.length] ?? ''),
      ),
    }));
    const election: Election = {
      title: '快速路径测试',
      date: '2026-12-20',
      method: 'direct',
      mode: 'combined',
      round: 'first',
      registered: 100,
      issued: 100,
      offices,
      rules: DEFAULT_RULES,
      previouslyElected: [],
    };
    const header = ['票号', ...(g.box ? ['票箱'] : [])];
    for (const o of offices) {
      for (const c of o.candidates) header.push(`${o.name}:${c}`);
      if (g.writeIn) header.push(`${o.name}:另选1`);
    }
    header.push('状态');
    const lines = [header.join(',')];
    for (const r of g.rows) {
      const cells = [r.ticket, ...(g.box ? [r.box] : [])];
      let m = 0;
      for (const o of offices) {
        for (let c = 0; c < o.candidates.length; c++) cells.push(r.marks[m++ % r.marks.length] ?? '');
        if (g.writeIn) cells.push(r.writeIn);
      }
      cells.push(r.status);
      if (r.shape === 'short') cells.pop();
      if (r.shape === 'long') cells.push('');
      if (r.shape === 'quoted') cells[cells.length - 1] = `"${r.status}"`;
      lines.push(r.shape === 'blank' ? '' : r.shape === 'commas' ? ','.repeat(header.length - 1) : cells.join(','));
    }
    const nl = g.crlf ? '\r\n' : '\n';
    const text = `${g.bom ? '\uFEFF' : ''}${lines.join(nl)}${g.finalBreak ? nl : ''}`;
    const rulings: Ruling[] = g.rulings.map((x, i) => ({
      ticket: x.ticket,
      verdict: x.verdict,
      corrections: [],
      vote: '7:0',
      reason: '测试',
      file: 'rulings.csv',
      line: i + 2,
    }));
    return { election, text, rulings, roll: g.roll };
  });

interface Counted {
  readonly json: string;
  readonly log: readonly BallotLogEntry[];
}

function shown(r: Result<CountResult>): string {
  return r.ok ? renderJson(r.value, { color: false, inputs: [] }) : JSON.stringify(r.error);
}

/** The exact count, and the fast one — once able to start over, once not (as in batch: checked first). */
async function both(
  files: readonly { path: string; display: string }[],
  opts: Omit<CountOptions, 'onBallot'>,
): Promise<{ exact: Counted; fast: Counted; once: Counted }> {
  const exactLog: BallotLogEntry[] = [];
  const exact = await count(
    files.map((f) => ballotSource(f.path, f.display)),
    { ...opts, onBallot: (e) => exactLog.push(e) },
  );
  const fastLog: BallotLogEntry[] = [];
  const fast = await countBallotFiles(files, {}, { ...opts, onBallot: (e) => fastLog.push(e) }, () => (fastLog.length = 0));
  const onceLog: BallotLogEntry[] = [];
  const once = await countBallotFiles(files, {}, { ...opts, onBallot: (e) => onceLog.push(e) }, undefined);
  return {
    exact: { json: shown(exact), log: exactLog },
    fast: { json: shown(fast), log: fastLog },
    once: { json: shown(once), log: onceLog },
  };
}

const ROLL = new RollIndex(['甲一', '乙二', '路人'].map((name) => ({ name, group: undefined })));

describe('byte fast path = exact path', () => {
  let n = 0;
  it('on random grid files built around every fallback boundary (JSON and ballot log)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const file = path.join(tmp, `b${n++}.csv`);
        writeFileSync(file, c.text);
        const { exact, fast, once } = await both([{ path: file, display: 'ballots.csv' }], {
          election: c.election,
          registered: 100,
          rulings: c.rulings,
          roll: c.roll ? ROLL : undefined,
        });
        expect(fast.json).toBe(exact.json);
        expect(fast.log).toEqual(exact.log);
        expect(once.json).toBe(exact.json);
        expect(once.log).toEqual(exact.log);
      }),
      { numRuns: 300 },
    );
  });

  it('packs plain rows, and the core reads the cells of only one row per kind (the rest are counted by key)', async () => {
    const file = path.join(tmp, 'plain.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i + 1},${['○,', ',√', '○,○', ','][i % 4]},`);
    writeFileSync(file, `票号,主任:甲一,主任:乙二,状态\n${rows.join('\n')}\n41,?,,\n`);
    const election: Election = {
      title: 't',
      date: '2026-12-20',
      method: 'direct',
      mode: 'combined',
      round: 'first',
      registered: 50,
      issued: 50,
      offices: [{ name: '主任', seats: 1, candidates: ['甲一', '乙二'] }],
      rules: DEFAULT_RULES,
      previouslyElected: [],
    };
    const src = fastBallotSource(file, 'plain.csv', election);
    let packed = 0;
    let plain = 0;
    let cellsRead = 0;
    async function* watched(): AsyncGenerator<readonly (RawRow | FastRows)[]> {
      for await (const batch of src.rows as AsyncIterable<readonly (RawRow | FastRows)[]>) {
        yield batch.map((x) => {
          if (!isFastRows(x)) return (plain++, x);
          packed += x.to - x.from;
          const data = Object.create(x.data) as FastRowsData & { cells(i: number): string[] };
          data.cells = (i) => (cellsRead++, x.data.cells(i));
          return { ...x, data };
        });
      }
    }
    const r = await count([{ file: 'plain.csv', rows: watched() }], { election, registered: 50 });
    expect(r.ok && r.value.ballots).toMatchObject({ returned: 41, valid: 30, blank: 10, invalid: 10, disputed: 1 });
    expect({ packed, plain }).toEqual({ packed: 41, plain: 1 }); // the header is a plain row; '?' is one character
    expect(cellsRead).toBe(4); // three kinds (valid, void section, blank) and the unclear '?' row
    expect(r.ok && r.value.ballots).toMatchObject({ returned: 41, valid: 30, blank: 10, invalid: 10, disputed: 1 });
  });
});

const root = fileURLToPath(new URL('../../..', import.meta.url));

function fixtureDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const names = readdirSync(dir, { withFileTypes: true });
    if (names.some((d) => d.name === 'election.json') && names.some((d) => /^ballots.*\.csv$/u.test(d.name))) out.push(dir);
    for (const d of names) if (d.isDirectory() && d.name !== 'expected') walk(path.join(dir, d.name));
  };
  walk(path.join(root, 'fixtures'));
  return out.sort();
}

describe('byte fast path = exact path on every fixture', () => {
  for (const dir of fixtureDirs()) {
    it(path.relative(root, dir), async () => {
      const election = await loadElection(path.join(dir, 'election.json'), 'election.json');
      if (!election.ok) return expect(election.error.length).toBeGreaterThan(0);
      const names = readdirSync(dir);
      const roll = names.includes('voters.csv') ? await loadRollIndex(path.join(dir, 'voters.csv'), 'voters.csv') : undefined;
      const rulings = names.includes('rulings.csv') ? await loadRulings(path.join(dir, 'rulings.csv'), 'rulings.csv') : undefined;
      const files = names
        .filter((f) => /^ballots.*\.csv$/u.test(f))
        .sort()
        .map((f) => ({ path: path.join(dir, f), display: f }));
      const registered = election.value.registered ?? (roll?.ok ? roll.value.size : 100);
      const { exact, fast } = await both(files, {
        election: election.value,
        registered,
        roll: roll?.ok ? roll.value : undefined,
        rulings: rulings?.ok ? rulings.value : [],
      });
      expect(fast.json).toBe(exact.json);
      expect(fast.log).toEqual(exact.log);
    });
  }
});

describe('plain CSV reader (the roll) = csvBatches', () => {
  const cell = fc.constantFrom('', '张三', 'a', ' b ', '第1居民小组', '"', 'x"y', '\t', '\r', '\uFFFD', '中,', '·');
  it('gives the same rows (and errors) on random small files', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        async (rows, nl, bom, finalBreak) => {
          const file = path.join(tmp, `r${n++}.csv`);
          writeFileSync(file, `${bom ? '\uFEFF' : ''}${rows.map((r) => r.join(',')).join(nl)}${finalBreak ? nl : ''}`);
          const read = async (it: AsyncIterable<readonly RawRow[]>): Promise<unknown> => {
            const out: RawRow[] = [];
            try {
              for await (const b of it) out.push(...b);
            } catch (e) {
              return { error: e instanceof Error ? e.message : e, errors: (e as { errors?: unknown }).errors };
            }
            return out;
          };
          expect(await read(plainCsvBatches(file, 'v.csv'))).toEqual(await read(csvBatches(file, 'v.csv')));
        },
      ),
      { numRuns: 300 },
    );
  });
});
