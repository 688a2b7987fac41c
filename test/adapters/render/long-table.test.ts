/**
 * Scale without cliffs (issue 13): a long table is drawn row by row with cli-table3's borders and
 * widths — the same text cli-table3 gives, byte for byte, plain and coloured — and a count with
 * 150 000 distinct write-in names renders (table and JSON) without a stack overflow.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/adapters/render/json.js';
import { LONG_TABLE, renderTable, tableText } from '../../../src/adapters/render/table.js';
import { countRows, election, rows, PLAIN } from './helpers.js';

type Align = 'left' | 'right' | 'center';

function cliTable3(level: 0 | 1, head: readonly string[], align: readonly Align[], body: readonly (readonly string[])[]): string {
  const c = new Chalk({ level });
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    colAligns: [...align],
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
  for (const r of body) t.push([...r]);
  return t.toString();
}

describe('a long table is cli-table3 text, drawn in linear time', () => {
  const names = ['张三', '欧阳丽娜', 'Li Wei', '阿卜杜热合曼·买买提', '王'];
  const body = (level: 0 | 1): string[][] => {
    const c = new Chalk({ level });
    return Array.from({ length: LONG_TABLE + 57 }, (_, i) => [
      i % 5 === 0 ? c.bold(names[i % names.length] ?? '') : (names[i % names.length] ?? ''),
      i % 3 === 0 ? '另选' : '委员',
      String(i * 37),
      i % 4 === 0 ? '✓' : '',
      i % 6 === 0 ? c.green('委员') : '',
    ]);
  };
  const head = ['姓名', '候选职务', '总得票', '过半数', '当选'];
  const align: Align[] = ['left', 'left', 'right', 'center', 'left'];

  it.each([0, 1] as const)('colour level %i: identical to one cli-table3 table', (level) => {
    const rowsIn = body(level);
    expect(tableText(new Chalk({ level }), head, align, rowsIn)).toBe(cliTable3(level, head, align, rowsIn));
  });
});

describe('150 000 distinct write-in names', () => {
  it('count, table and JSON: no stack overflow, every name listed', async () => {
    const han = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
    const name = (i: number): string => {
      let s = '';
      for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / han.length)) s += han[n % han.length];
      return s;
    };
    const n = 150_000;
    const ballots = Array.from({ length: n }, (_, i) => [String(i + 1), '张三', name(i + 40_000)]);
    const e = election({ registered: 2 * n, issued: n });
    const { result } = await countRows(e, [{ file: 'b.csv', rows: rows('b.csv', ['票号', '主任', '委员'], ballots) }]);
    expect(result.people.filter((p) => p.printed === null)).toHaveLength(n);
    const table = renderTable(result, PLAIN);
    expect(table).toContain(`│ ${name(40_000)} `);
    expect(renderJson(result, PLAIN)).toContain(`"name": "${name(40_000 + n - 1)}"`);
  }, 120_000);
});
