/**
 * Rendering a count with hand-tallied boxes (issue 16): the terminal names the boxes and what a tally
 * cannot give; disputed ballots of a tally are pending (provisional, counted in the closing line); the
 * JSON carries `tallied.unavailable` as data.
 */
import { describe, expect, it } from 'vitest';
import { parseTallyRows } from '../../../src/adapters/input/tallies.js';
import { renderJson } from '../../../src/adapters/render/json.js';
import { renderTable } from '../../../src/adapters/render/table.js';
import { type CountResult, count, readTallies } from '../../../src/core/index.js';
import { csvRows } from '../../core/helpers.js';
import { election } from './helpers.js';

const SHEET = `票箱,职务,姓名,票数
一组,选票,收回,10
一组,选票,有效,9
一组,选票,部分有效,0
一组,选票,无效,0
一组,选票,疑难,1
一组,主任,张三,7
一组,主任,李四,2
一组,委员,王五,8
一组,委员,赵六,6
一组,委员,钱七,1
`;

async function counted(): Promise<CountResult> {
  const e = election();
  const rows = parseTallyRows('t.csv', csvRows(SHEET, 't.csv'));
  if (!rows.ok) throw new Error('parse');
  const sheet = readTallies('t.csv', rows.value, e, undefined);
  if (!sheet.ok) throw new Error(sheet.error.map((x) => x.code).join());
  const r = await count([], { election: e, registered: 12, tallies: [sheet.value] });
  if (!r.ok) throw new Error('count');
  return r.value;
}

describe('a count with tallied boxes', () => {
  it('terminal: the tallied boxes, each gap, and the pending disputed ballots of the tally', async () => {
    const text = renderTable(await counted(), { color: false, inputs: [] });
    expect(text).toContain('按计票统计表计入的票箱: 一组 (手工唱票, 各票箱合计数)');
    expect(text).toContain('  - 疑难选票清单 (票号和疑难情形; 只计张数, 认定后请改填计票统计表): 一组');
    expect(text).toContain('  - 弃权票张数 (未填, 按 0 计): 一组');
    expect(text).toContain('  - 主任的反对、弃权 (未填; 唱票统计中不含这些票箱的反对、弃权和超额作废张数): 一组');
    expect(text).toContain('计票结果暂定: 尚有 1 张疑难选票待选举领导小组认定');
    expect(text).toContain('计票统计表中的疑难选票 1 张, 须由选举领导小组认定');
    expect(text).toContain('疑难选票 1 张待认定, 结果暂定');
    expect(text).not.toContain('认定表: jipiao disputes');
  });

  it('JSON: tallied.unavailable as codes with their boxes; the contract fields unchanged', async () => {
    const j = JSON.parse(renderJson(await counted(), { color: false, inputs: [] })) as Record<string, unknown>;
    expect(j['schema']).toBe('jipiao.result/1');
    expect(j['provisional']).toBe(true);
    const t = j['tallied'] as { boxes: string[]; unavailable: { code: string; office: string | null }[] };
    expect(t.boxes).toEqual(['一组']);
    expect(t.unavailable.map((u) => `${u.code}:${u.office ?? ''}`)).toEqual([
      'BALLOT_LOG:',
      'DISPUTED_LIST:',
      'REASONS:',
      'OFFICE_DETAIL:',
      'BLANK:',
      'MARKS:主任',
      'MARKS:委员',
    ]);
  });
});
