/** The roll-check renderers: problem lines, formula escaping in CSV, JSON shape. */
import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from '../../../src/adapters/render/csv.js';
import { problemLine, renderRollCheckCsv, renderRollCheckJson, renderRollCheckTable } from '../../../src/adapters/render/rollcheck.js';
import type { RollEntry } from '../../../src/core/index.js';
import { checkRoll } from '../../../src/core/rollcheck.js';

const rows: RollEntry[] = [
  { name: '=HYPERLINK("http://x")', voterId: '+1', line: 2 },
  { name: '王伟', voterId: '@A', group: '-一组', line: 3, proxy: '无此人' },
  { name: '王伟', voterId: 'V4', group: '二组', line: 4 },
];

describe('roll check renderers', () => {
  it('escapes cells that a spreadsheet would read as formulas', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'ok', '1-2', ''].map(escapeCsvCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      "'\rx",
      'ok',
      '1-2',
      '',
    ]);
    const csv = renderRollCheckCsv(checkRoll(rows, { electionDate: '2026-12-20', maxProxies: 3 }), { rollFile: 'voters.csv' });
    const lines = csv.trimEnd().split('\n');
    expect(lines).toEqual([
      '\uFEFF类别,代码,项目,行,选民证号,姓名,居民小组,相关行,说明',
      "问题,PROXY_UNKNOWN,受托人不在名单中,3,'@A,王伟,,,受托人「无此人」不是名单中的选民 (既非选民证号也非姓名); 只能委托本社区有选举权的选民 (规程 第三十条)",
      "同名,HOMONYM,同名,3,'@A,王伟,'-一组,4,另选写作「王伟(-一组)」",
      '同名,HOMONYM,同名,4,V4,王伟,二组,3,另选写作「王伟(二组)」',
    ]);
    expect(csv).not.toContain('HYPERLINK'); // row 2 has no problem and is no homonym
  });

  it('names the row, 选民证号 and 姓名 in each problem line; election problems name the file and key', () => {
    const check = checkRoll(
      [
        { name: '', voterId: 'V9', line: 7 },
        { name: '张三', line: 8, birthDate: '2020-01-01' },
      ],
      {
        electionDate: '2026-12-20',
        maxProxies: 3,
      },
    );
    expect(check.problems.map((p) => problemLine(p, 3, {}))).toEqual([
      '第 7 行 (选民证号 V9) 姓名缺失: 姓名为空; 每位登记选民都必须有姓名',
      '第 8 行 (张三) 选举日未满十八周岁: 出生日期 2020-01-01, 到选举日 2026-12-20 为 6 周岁, 没有选举权 (规程 第二条(一): 年满18周岁)',
    ]);
    expect(
      problemLine({ code: 'CANDIDATE_NOT_ON_ROLL', related: [], key: 'offices[0].candidates[1]', message: 'x' }, 3, {
        electionFile: 'e/election.json',
      }),
    ).toBe('e/election.json 键 offices[0].candidates[1] 候选人不在名单中: x');
    expect(problemLine({ code: 'PROXY_OVER_LIMIT', line: 3, related: [], message: 'y' }, 5, {})).toBe('第 3 行 接受委托超过 5 人: y');
  });

  it('table: checks that were not run say 未检查; JSON keeps every check', () => {
    const check = checkRoll(rows, { maxProxies: 3 });
    const table = renderRollCheckTable(check, { rollFile: 'voters.csv' });
    expect(table).toMatch(/选举日未满十八周岁\s*│\s*未检查/u);
    expect(table).toMatch(/候选人不在名单中\s*│\s*未检查/u);
    expect(table).toMatch(/受托人不在名单中\s*│\s*1/u);
    expect(table).toContain('选举日期: 未知, 不检查年龄');
    const doc = JSON.parse(renderRollCheckJson(check, { rollFile: 'voters.csv' })) as {
      electionFile: null;
      summary: { counts: Record<string, number>; skipped: string[] };
      problems: { line: number; text: string }[];
    };
    expect(doc.electionFile).toBeNull();
    expect(Object.keys(doc.summary.counts)).toHaveLength(17);
    expect(doc.summary.skipped).toContain('UNDER_18');
    expect(doc.problems.map((p) => p.text)).toEqual([
      '第 3 行 (选民证号 @A, 王伟) 受托人不在名单中: 受托人「无此人」不是名单中的选民 (既非选民证号也非姓名); 只能委托本社区有选举权的选民 (规程 第三十条)',
    ]);
  });
});
