/**
 * Double entry at the venue (issue 19) compares by the core's `verify` rules (issue 16): the same
 * differences `jipiao verify` finds — ○/〇 one mark, written names in another order the same, a name
 * typed differently a difference; only positions typed on both tracks are compared.
 */
import { describe, expect, it } from 'vitest';
import { mismatches } from '../../../src/adapters/live/compare.js';
import type { Entry, Track } from '../../../src/adapters/live/journal.js';
import type { Draft } from '../../../src/adapters/live/layout.js';
import { cells, election, layout } from './demo.js';

const col = (name: string): number => {
  const i = layout.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};

function entry(track: Track, ticket: string, d: Partial<Draft>, patch: Record<string, string> = {}, box = '中心会场'): Entry {
  const row = cells(ticket, d, box);
  for (const [name, v] of Object.entries(patch)) row[col(name)] = v;
  return { track, ticket, box, station: track === 'main' ? '甲' : '乙', seq: 1, cells: row };
}

const find = (main: readonly Entry[], check: readonly Entry[]) => mismatches(election, layout.header, main, check);

describe('live double entry uses the verify rules', () => {
  it('○ and 〇 are one mark; written names in another order are the same ballot', () => {
    const main = [
      entry('main', '000001', {
        marks: { '0': 'approve' },
        writeIns: [
          { office: 2, name: '马超' },
          { office: 2, name: '刘洋' },
        ],
      }),
    ];
    const check = [
      entry(
        'check',
        '1',
        {
          writeIns: [
            { office: 2, name: '刘洋' },
            { office: 2, name: '马超' },
          ],
        },
        { '主任:张建国': '〇' },
      ),
    ];
    expect(find(main, check)).toEqual([]);
  });

  it('a name typed differently and a mark typed wrong are differences, shown as verify words them', () => {
    const main = [
      entry('main', '000001', { marks: { '0': 'approve' } }),
      entry('main', '000002', { marks: { '1': 'approve' }, writeIns: [{ office: 2, name: '马超' }] }),
    ];
    const check = [
      entry('check', '1', { marks: { '0': 'approve' } }),
      entry('check', '2', { marks: { '0': 'approve' }, writeIns: [{ office: 2, name: '马朝' }] }),
    ];
    expect(find(main, check)).toEqual([
      {
        box: '中心会场',
        position: 2,
        ticket: '000002',
        differences: [
          { column: '主任:张建国', first: '弃权', second: '赞成' },
          { column: '主任:李秀英', first: '赞成', second: '弃权' },
          { column: '委员:另选', first: '马超', second: '马朝' },
        ],
      },
    ]);
  });

  it('pairs the k-th ballot of a 票箱 on each track; a position typed on one track only is not compared', () => {
    const main = [
      entry('main', '000001', { marks: { '0': 'approve' } }, {}, '一号箱'),
      entry('main', '000002', { marks: { '1': 'approve' } }, {}, '二号箱'),
      entry('main', '000003', {}, {}, '二号箱'),
    ];
    const check = [
      entry('check', '1', { marks: { '1': 'approve' } }, {}, '二号箱'),
      entry('check', '2', { status: '无法辨认' }, {}, '二号箱'),
      entry('check', '3', {}, {}, '二号箱'),
    ];
    expect(find(main, check)).toEqual([
      { box: '二号箱', position: 2, ticket: '000003', differences: [{ column: '状态', first: '正常', second: '无法辨认' }] },
    ]);
  });

  it('a typing the count cannot read is a difference of its own, and the other pairs are still compared', () => {
    const main = [entry('main', '000001', {}), entry('main', '000002', { marks: { '0': 'approve' } })];
    const check = [entry('check', '1', {}, { 状态: '作废' }), entry('check', '2', { marks: { '1': 'approve' } })];
    const found = find(main, check);
    expect(found.map((m) => [m.ticket, m.differences.map((d) => d.column)])).toEqual([
      ['000001', ['整张选票']],
      ['000002', ['主任:张建国', '主任:李秀英']],
    ]);
    expect(found[0]?.differences[0]?.first).toContain('「状态」只能为空');
  });
});
