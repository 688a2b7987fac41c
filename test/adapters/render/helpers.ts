/**
 * Small in-memory elections for the renderer tests: rows as RawRow arrays, counted by the real core.
 */
import {
  type BallotLogEntry,
  type CountResult,
  DEFAULT_RULES,
  type Election,
  type InputFile,
  type Office,
  type RawRow,
  type RollIndex,
  type Ruling,
  count,
} from '../../../src/core/index.js';
import type { RenderContext } from '../../../src/adapters/render/context.js';

export function election(over: Partial<Election> & { offices?: readonly Office[] } = {}): Election {
  return {
    community: '测试社区',
    title: '测试社区第一届居民委员会选举',
    date: '2026-12-20',
    method: 'direct',
    mode: 'combined',
    round: 'first',
    registered: 12,
    issued: 11,
    offices: [
      { name: '主任', seats: 1, candidates: ['张三', '李四'] },
      { name: '委员', seats: 2, candidates: ['王五', '赵六', '钱七'] },
    ],
    rules: DEFAULT_RULES,
    previouslyElected: [],
    ...over,
  };
}

/** Header + ballot lines of one file as RawRows (header on line 1, ballots from line 2). */
export function rows(file: string, header: readonly string[], ballots: readonly (readonly string[])[]): RawRow[] {
  return [{ file, line: 1, cells: header }, ...ballots.map((cells, i) => ({ file, line: i + 2, cells }))];
}

export interface Counted {
  readonly result: CountResult;
  readonly log: BallotLogEntry[];
}

export async function countRows(
  e: Election,
  files: readonly { file: string; rows: readonly RawRow[] }[],
  opts: { roll?: RollIndex; rulings?: readonly Ruling[] } = {},
): Promise<Counted> {
  const log: BallotLogEntry[] = [];
  const r = await count(
    files.map((f) => ({ file: f.file, rows: f.rows })),
    { election: e, registered: e.registered ?? 0, roll: opts.roll, rulings: opts.rulings, onBallot: (x) => log.push(x) },
  );
  if (!r.ok) throw new Error(`count failed: ${r.error.map((x) => JSON.stringify(x)).join('; ')}`);
  return { result: r.value, log };
}

/**
 * The hand-checked election (see json.test.ts for every figure): 主任 1 of 张三/李四, 委员 2 of
 * 王五/赵六/钱七, grid layout with one write-in slot, 12 registered, 11 issued, 10 returned.
 */
export const GRID_HEADER = ['票号', '票箱', '主任:张三', '主任:李四', '委员:王五', '委员:赵六', '委员:钱七', '委员:另选1', '状态'] as const;
export const GRID_BALLOTS: readonly (readonly string[])[] = [
  ['001', '中心会场', '○', '', '○', '○', '', '', ''],
  ['002', '中心会场', '○', '', '○', '○', '', '', ''],
  ['003', '中心会场', '○', '', '○', '○', '', '', ''],
  ['004', '中心会场', '', '○', '○', '○', '', '', ''],
  ['005', '中心会场', '○', '×', '○', '', '○', '', ''],
  ['006', '流动票箱', '○', '', '', '○', '', '陈一', ''],
  ['007', '流动票箱', '', '', '', '', '', '', ''],
  ['008', '流动票箱', '○', '', '○', '○', '○', '', ''],
  ['009', '流动票箱', '', '', '', '', '', '', '无法辨认'],
  ['010', '流动票箱', '○', '', '○', '', '', '陈一', ''],
];

export function handChecked(order: readonly number[] = GRID_BALLOTS.map((_, i) => i)): Promise<Counted> {
  const all = rows('ballots.csv', GRID_HEADER, GRID_BALLOTS);
  const header = all[0];
  if (!header) throw new Error('no header');
  // Reordering keeps each ballot's own line: the same paper ballots, read in another order.
  const body = order.map((i) => all[i + 1]).filter((x): x is RawRow => x !== undefined);
  return countRows(election(), [{ file: 'ballots.csv', rows: [header, ...body] }]);
}

export const INPUTS: readonly InputFile[] = [
  { role: 'ballots', file: 'data/ballots.csv', sha256: 'a'.repeat(64) },
  { role: 'election', file: 'data/election.json', sha256: 'b'.repeat(64) },
  { role: 'roll', file: 'data/voters.csv', sha256: 'c'.repeat(64) },
  { role: 'rulings', file: 'data/rulings.csv', sha256: 'd'.repeat(64) },
];

export const PLAIN: RenderContext = { color: false, inputs: INPUTS };
export const COLOR: RenderContext = { color: true, inputs: INPUTS };

export const ANSI = /\u001b\[/u;

/**
 * Terminal display width written for the tests, independently of src/adapters/render/text.ts:
 * code points in the CJK ranges (Hangul Jamo, CJK radicals/punctuation, kana, ideographs incl.
 * extensions, Hangul syllables, compatibility ideographs, full-width forms) count 2, others 1.
 */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0x303e) ||
      (cp >= 0x3041 && cp <= 0x33ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xa000 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** The bordered tables of a report: runs of lines drawn with box characters. */
export function tablesOf(text: string): string[][] {
  const out: string[][] = [];
  let cur: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^[┌│├└]/u.test(line)) {
      if (line.startsWith('┌') || !cur) {
        cur = [];
        out.push(cur);
      }
      cur.push(line);
    } else cur = undefined;
  }
  return out;
}
