/**
 * The live count's corrections on the 选举结果报告单 (issue 19): a block with the count of corrections and
 * one row each, set before the signatures; the other sheets untouched; no corrections, no change.
 */
import { describe, expect, it } from 'vitest';
import { type CorrectionRow, beijingTime, withCorrections } from '../../../src/adapters/report/corrections.js';
import { buildSheets } from '../../../src/adapters/report/sheets.js';
import { sheetText } from '../../../src/adapters/report/text.js';
import { handChecked } from '../render/helpers.js';

const { result } = await handChecked();
const rows: CorrectionRow[] = [
  {
    at: '2026-12-20T01:41:05.120Z',
    station: '计票员甲',
    op: '撤销',
    ballot: '票号 000011',
    before: '主任: 张建国; 委员: 郑伟',
    after: '(已撤销)',
  },
  {
    at: '2026-12-20T01:50:00.000Z',
    station: '计票员乙',
    op: '修改',
    ballot: '复核 中心会场 第 3 张',
    before: '主任: —',
    after: '主任: 李秀英',
  },
];

describe('corrections on the 选举结果报告单', () => {
  it('no corrections: the sheets are exactly those of report', () => {
    const sheets = buildSheets(result);
    expect(withCorrections(sheets, [])).toEqual(sheets);
  });

  it('a paragraph with the count and a table row per correction, before the signatures; other sheets untouched', () => {
    const sheets = buildSheets(result);
    const out = withCorrections(sheets, rows);
    const i = sheets.findIndex((s) => s.id === '选举结果报告单');
    const before = sheets[i]?.blocks ?? [];
    const after = out[i]?.blocks ?? [];
    expect(after.length).toBe(before.length + 2);
    expect(after.at(-1)).toEqual(before.at(-1));
    expect(after.at(-1)?.kind).toBe('keep');
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
    expect(after.at(-3)).toEqual({
      kind: 'para',
      text: '现场计票更正记录：共 2 条（撤销 1 条，修改 1 条）。更正不删除原录入内容，每条均记有录入台、时间和更正前后的内容。',
    });
    const table = after.at(-2);
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.rows).toEqual([
      ['1', '2026-12-20 09:41:05', '计票员甲', '撤销', '票号 000011', '主任：张建国；委员：郑伟', '（已撤销）'],
      ['2', '2026-12-20 09:50:00', '计票员乙', '修改', '复核 中心会场 第 3 张', '主任：—', '主任：李秀英'],
    ]);
    for (const [k, s] of out.entries()) if (k !== i) expect(s).toBe(sheets[k]);
    const sheet = out[i];
    if (!sheet) throw new Error('no 选举结果报告单');
    expect(sheetText(sheet)).toContain('现场计票更正记录：共 2 条');
  });

  it('the sheet shows 北京时间 (UTC+8) whatever the machine; a time it cannot read as written', () => {
    expect(beijingTime('2026-12-20T16:30:00.000Z')).toBe('2026-12-21 00:30:00');
    expect(beijingTime('不是时间')).toBe('不是时间');
  });
});
