/**
 * One wording of a correction (issue 19) for 更正记录.csv, 现场计票记录.txt, the ballot log's 更正 cell and
 * the report: who, when, before → after; check-track corrections are not cells of the ballot log.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/adapters/live/journal.js';
import { ballotLogCorrections, corrections, correctionsCsv, reportCorrections } from '../../../src/adapters/live/records.js';
import { cells, election, layout } from './demo.js';

const at = '2026-12-20T01:00:00.000Z';
const base = { at, box: '中心会场' } as const;
const events: JournalEvent[] = [
  {
    ...base,
    seq: 1,
    station: '甲',
    op: 'save',
    track: 'main',
    id: 'a',
    ticket: '000001',
    cells: cells('000001', { marks: { '0': 'approve' } }),
  },
  {
    ...base,
    seq: 2,
    station: '甲',
    op: 'edit',
    track: 'main',
    ticket: '000001',
    before: cells('000001', { marks: { '0': 'approve' } }),
    after: cells('000001', { marks: { '1': 'approve' } }),
  },
  {
    ...base,
    seq: 3,
    station: '乙',
    op: 'undo',
    track: 'check',
    ticket: '1',
    before: cells('1', { writeIns: [{ office: 2, name: '马超' }] }),
  },
  {
    ...base,
    seq: 4,
    station: '丙',
    op: 'edit',
    track: 'main',
    ticket: '000001',
    before: cells('000001', { marks: { '1': 'approve' } }),
    after: cells('000001', { marks: { '1': 'oppose' } }),
  },
];

describe('live correction records', () => {
  const list = corrections(election, layout, events);

  it('every undo and edit in order, worded once', () => {
    expect(list.map((c) => [c.seq, c.op, c.track, c.ticket, c.before, c.after])).toEqual([
      [2, '修改', 'main', '000001', '主任: 张建国; 副主任: —; 委员: —', '主任: 李秀英; 副主任: —; 委员: —'],
      [3, '撤销', 'check', '1', '主任: —; 副主任: —; 委员: 另选 马超', '(已撤销)'],
      [4, '修改', 'main', '000001', '主任: 李秀英; 副主任: —; 委员: —', '主任: 李秀英(反对); 副主任: —; 委员: —'],
    ]);
    expect(reportCorrections(list).map((r) => r.ballot)).toEqual(['票号 000001', '复核 中心会场 第 1 张', '票号 000001']);
    const csv = parse(correctionsCsv(list), { bom: true }) as string[][];
    expect(csv.map((r) => r.slice(0, 7))).toEqual([
      ['序号', '时间', '录入台', '录入方式', '操作', '票箱', '票号'],
      ['2', at, '甲', '录入', '修改', '中心会场', '000001'],
      ['3', at, '乙', '复核', '撤销', '中心会场', '复核第 1 张'],
      ['4', at, '丙', '录入', '修改', '中心会场', '000001'],
    ]);
  });

  it('the ballot log cell: main-track corrections of a 票号 joined by ；, none → no column', () => {
    const cellsBy = ballotLogCorrections(list);
    expect([...(cellsBy ?? new Map())]).toEqual([
      [
        '000001',
        `修改 (甲, ${at}): 主任: 张建国; 副主任: —; 委员: — → 主任: 李秀英; 副主任: —; 委员: —；修改 (丙, ${at}): 主任: 李秀英; 副主任: —; 委员: — → 主任: 李秀英(反对); 副主任: —; 委员: —`,
      ],
    ]);
    expect(ballotLogCorrections(list.filter((c) => c.track === 'check'))).toBeUndefined();
    expect(ballotLogCorrections([])).toBeUndefined();
  });
});
