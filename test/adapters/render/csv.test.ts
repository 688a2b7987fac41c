/**
 * `--format csv` (SPEC §5): one rectangular table (得票 rows then 唱票 rows), read back with csv-parse,
 * and formula-injection escaping of every cell.
 */
import { RollIndex } from '../../../src/core/index.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeCsvCell, renderCsv } from '../../../src/adapters/render/csv.js';
import { countRows, election, handChecked, rows } from './helpers.js';

const read = (s: string): string[][] => parse(s, { relax_column_count: false, bom: true }) as string[][];

describe('escapeCsvCell', () => {
  it.each(['=1+1', '=HYPERLINK("http://x","y")', '+86 123', '-3', '@SUM(A1)', '\tx', '\rx', '\0x', '＝1+1', '＠x'])(
    '%j is prefixed with a quote',
    (s) => expect(escapeCsvCell(s)).toBe(`'${s}`),
  );
  it.each(['张建国', '42', '', 'a=b', '李-明', ' x', "'=already"])('%j is left alone', (s) => expect(escapeCsvCell(s)).toBe(s));
});

describe('renderCsv', () => {
  it('header, one 得票 row per person, one 唱票 row per printed candidate, all rows the same width', async () => {
    const { result } = await handChecked();
    const s = renderCsv(result);
    expect(s.startsWith('\uFEFF')).toBe(true);
    expect(s.endsWith('\n')).toBe(true);
    expect(s).not.toContain('\r');
    const t = read(s);
    expect(t[0]).toEqual([
      '表',
      '姓名',
      '印刷职务',
      '主任票',
      '委员票',
      '总得票数',
      '过半数',
      '当选职务',
      '赞成',
      '反对',
      '弃权',
      '未赞成',
    ]);
    expect(t.slice(1)).toEqual([
      ['得票', '张三', '主任', '7', '0', '7', '是', '主任', '', '', '', ''],
      ['得票', '李四', '主任', '1', '0', '1', '否', '', '', '', '', ''],
      ['得票', '王五', '委员', '0', '6', '6', '是', '委员', '', '', '', ''],
      ['得票', '赵六', '委员', '0', '5', '5', '否', '', '', '', '', ''],
      ['得票', '钱七', '委员', '0', '1', '1', '否', '', '', '', '', ''],
      ['得票', '陈一', '另选', '0', '2', '2', '否', '', '', '', '', ''],
      ['唱票', '张三', '主任', '', '', '', '', '', '7', '0', '2', '2'],
      ['唱票', '李四', '主任', '', '', '', '', '', '1', '1', '7', '8'],
      ['唱票', '王五', '委员', '', '', '', '', '', '6', '0', '2', '2'],
      ['唱票', '赵六', '委员', '', '', '', '', '', '5', '0', '3', '3'],
      ['唱票', '钱七', '委员', '', '', '', '', '', '1', '0', '7', '7'],
    ]);
  });

  it('without recorded opposition, 反对 and 弃权 are empty and 未赞成 carries the figure', async () => {
    const { result } = await countRows(election({ registered: 4, issued: 4 }), [
      {
        file: 'n.csv',
        rows: rows(
          'n.csv',
          ['票号', '主任', '委员'],
          [
            ['1', '张三', '王五、赵六'],
            ['2', '张三', '王五'],
            ['3', '李四', '赵六、钱七'],
          ],
        ),
      },
    ]);
    const t = read(renderCsv(result));
    expect(t.find((r) => r[0] === '唱票' && r[1] === '张三')).toEqual(['唱票', '张三', '主任', '', '', '', '', '', '2', '', '', '1']);
  });

  it('names from the ballots that look like formulas are neutralised', async () => {
    const header = ['票号', '主任:张三', '主任:李四', '委员:王五', '委员:赵六', '委员:钱七', '委员:另选1'];
    const ballots = [
      ['1', '○', '', '○', '', '', '=HYPERLINK("http://evil","x")'],
      ['2', '○', '', '○', '', '', '+1'],
      ['3', '○', '', '○', '', '', '-2'],
      ['4', '○', '', '', '', '', '@SUM(A1)'],
    ];
    // Only a roll can make such text a person (a name spelled exactly as a roll entry, SPEC §2.2 item 1).
    const roll = new RollIndex(['=HYPERLINK("http://evil","x")', '+1', '-2', '@SUM(A1)'].map((name) => ({ name })));
    const { result } = await countRows(election({ registered: 5, issued: 5 }), [{ file: 'b.csv', rows: rows('b.csv', header, ballots) }], {
      roll,
    });
    const s = renderCsv(result);
    const names = read(s)
      .filter((r) => r[0] === '得票' && r[2] === '另选')
      .map((r) => r[1]);
    expect(names.sort()).toEqual(["'+1", "'-2", '\'=HYPERLINK("http://evil","x")', "'@SUM(A1)"].sort());
    for (const line of s.split('\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/u);
  });

  it('is the same bytes for the same result', async () => {
    const a = renderCsv((await handChecked()).result);
    const b = renderCsv((await handChecked([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])).result);
    expect(b).toBe(a);
  });
});
