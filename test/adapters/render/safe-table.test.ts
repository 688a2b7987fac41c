/**
 * Terminal safety (issue 13): names, 票箱 and 备注 with an ANSI escape or a bidi override are shown as
 * \uXXXX in the terminal table — what is printed is what the file holds, and nothing steers the terminal.
 */
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../../src/adapters/render/table.js';
import { countRows, election, rows, PLAIN } from './helpers.js';

describe('control and bidi characters in user data', () => {
  it('a write-in name, a 票箱 and a 备注 are escaped in the table', async () => {
    const header = ['票号', '票箱', '主任', '委员', '状态', '备注'];
    const { result } = await countRows(election(), [
      {
        file: 'b.csv',
        rows: rows('b.csv', header, [
          ['1', '箱\u001b[2J', '张三', '王五、赵六', '', ''],
          ['2', '箱\u001b[2J', '张三', '王五、赵六', '疑难', '撕破\u202E了'],
        ]),
      },
    ]);
    const text = renderTable(result, PLAIN);
    expect(text).not.toMatch(/[\u001b\u202e]/u);
    expect(text).toContain('备注: 撕破\\u202E了');
    expect(text).toContain('票箱 箱\\u001B[2J');
  });
});
