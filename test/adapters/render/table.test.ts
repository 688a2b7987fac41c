/**
 * The terminal report (SPEC §5): colour only when asked, CJK-aligned tables, the sections the 计票员
 * needs, and the wording of every "still to do" case (disputes, margin, revote, runoff, vacancy,
 * invalid election).
 */
import { describe, expect, it } from 'vitest';
import { invalidReasons, percent, renderTable } from '../../../src/adapters/render/table.js';
import { RollIndex, type Ruling } from '../../../src/core/index.js';
import { ANSI, COLOR, GRID_BALLOTS, GRID_HEADER, PLAIN, countRows, election, handChecked, rows, tablesOf, width } from './helpers.js';

describe('percent (integer arithmetic)', () => {
  it.each([
    [318, 412, '77.1%'],
    [10, 12, '83.3%'],
    [2, 3, '66.6%'], // floor, never rounded up across a threshold
    [1, 2, '50.0%'],
    [1, 1, '100.0%'],
    [0, 5, '0.0%'],
    [999_999, 1_000_000, '99.9%'],
    [4_807, 4_807, '100.0%'],
  ])('%i / %i → %s', (a, b, s) => expect(percent(a, b)).toBe(s));
  it('no registered voters: no figure', () => expect(percent(1, 0)).toBe('—'));
});

describe('renderTable — colour', () => {
  it('color:false has no ANSI escape; color:true has', async () => {
    const { result } = await handChecked();
    expect(renderTable(result, PLAIN)).not.toMatch(ANSI);
    expect(renderTable(result, COLOR)).toMatch(ANSI);
  });
  it('colour changes nothing but the escapes', async () => {
    const { result } = await handChecked();
    expect(renderTable(result, COLOR).replace(/\u001b\[[0-9;]*m/gu, '')).toBe(renderTable(result, PLAIN));
  });
});

describe('renderTable — CJK alignment', () => {
  it('every line of every table has the display width of its top border', async () => {
    const { result } = await handChecked();
    const tables = tablesOf(renderTable(result, PLAIN));
    expect(tables.length).toBeGreaterThanOrEqual(5); // 选票统计, 各票箱, 主任, 委员, 得票汇总
    for (const t of tables) {
      const w = width(t[0] ?? '');
      for (const line of t) expect(width(line), line).toBe(w);
    }
  });

  it('stays aligned with mixed names: write-ins with ·, Latin letters, full-width box names, rare ideographs', async () => {
    const e = election({
      registered: 6,
      issued: 6,
      offices: [
        { name: '主任', seats: 1, candidates: ['欧阳建国', '李四'] },
        { name: '委员', seats: 2, candidates: ['王五', '𠮷田', '钱七'] },
      ],
    });
    const header = ['票号', '票箱', '主任:欧阳建国', '主任:李四', '委员:王五', '委员:𠮷田', '委员:钱七', '委员:另选1'];
    const ballots = [
      ['1', '第一（流动）票箱', '○', '', '○', '', '', '阿依古丽·买买提'],
      ['2', 'Box B', '○', '', '', '○', '', 'Anna Li'],
      ['3', 'Box B', '○', '', '○', '', '', ''],
      ['4', '第一（流动）票箱', '', '○', '○', '○', '', ''],
    ];
    // A Latin name is a name only when the roll spells it (SPEC §2.2 item 1); its space is resolved by item 4.
    const roll = new RollIndex([{ name: '阿依古丽·买买提' }, { name: 'AnnaLi' }]);
    const { result } = await countRows(e, [{ file: 'b.csv', rows: rows('b.csv', header, ballots) }], { roll });
    const text = renderTable(result, PLAIN);
    expect(text).toContain('阿依古丽·买买提');
    expect(text).toContain('AnnaLi'); // the roll's name: white space removed (SPEC §3 step 3)
    const tables = tablesOf(text);
    for (const t of tables) {
      const w = width(t[0] ?? '');
      for (const line of t) expect(width(line), line).toBe(w);
    }
    // The box column really is measured as two columns per CJK character (not by .length).
    const boxTable = tables.find((t) => t.some((l) => l.includes('第一（流动）票箱')));
    expect(boxTable).toBeDefined();
    const row = boxTable?.find((l) => l.includes('第一（流动）票箱')) ?? '';
    const border = boxTable?.[0] ?? '';
    expect(row.length).toBeLessThan(border.length);
  });

  it('a normal election fits in 80 columns', async () => {
    const { result } = await handChecked();
    for (const line of renderTable(result, PLAIN).split('\n')) {
      if (/^[┌│├└]/u.test(line)) expect(width(line), line).toBeLessThanOrEqual(80);
    }
  });
});

describe('renderTable — content', () => {
  it('title, files, summary, validity, per-box, per-office, combined, elected, runoff', async () => {
    const { result } = await handChecked();
    const t = renderTable(result, PLAIN);
    const lines = t.split('\n');
    expect(lines[0]).toBe('测试社区第一届居民委员会选举 计票结果');
    expect(lines[1]).toBe('2026-12-20 · 直接选举 · 一次性投票 · 正式选举');
    expect(t).toMatch(/^ {2}选票 {6}data\/ballots\.csv$/mu);
    expect(t).toMatch(/^ {2}选举设置 {2}data\/election\.json$/mu);
    expect(t).toMatch(/^ {2}选民名单 {2}data\/voters\.csv$/mu);
    expect(t).toMatch(/^ {2}疑难认定 {2}data\/rulings\.csv$/mu);
    expect(t).toMatch(/│ 登记选民 +│ +12 │/u);
    expect(t).toMatch(/│ 收回选票 +│ +10 │/u);
    expect(t).toMatch(/│ 有效 \(含弃权 1\) +│ +8 │/u);
    expect(t).toMatch(/│ 参选率 \(收回\/登记\) +│ +83\.3% │/u);
    expect(t).toContain('  ✓ 参加投票 10 人超过登记选民 12 人的半数 (第三十八条)');
    expect(t).toContain('  选举有效');
    expect(t).toMatch(/│ 流动票箱 +│ +5 │ +3 │ +1 │ +1 │ +1 │ +0 │/u);
    expect(t).toMatch(/│ 合计 +│ +10 │ +8 │ +1 │ +1 │ +1 │ +0 │/u);
    expect(t).toMatch(/│ 李四 +│ +1 │ +1 │ +7 │/u); // 赞成 反对 弃权
    expect(t).toMatch(/│ 另选 \(合计\) +│ +2 │/u);
    expect(t).toContain('  计入选票 9 张 (本栏超额作废 1 张)\n'); // figures of 0 left out (issue 15)
    expect(t).not.toContain('去掉 0 票');
    expect(t).toMatch(/│ 张三 +│ 主任 +│ +7 │ +0 │ +7 │ +✓ +│ 主任 +│/u);
    expect(t).toMatch(/│ 陈一 +│ 另选 +│ +0 │ +2 │ +2 │ +│ +│/u);
    expect(t).toContain('  主任  张三  主任票 7, 总得票 7');
    expect(t).toContain('  委员  王五  总得票 6');
    expect(t).toContain('  应选 3 名, 当选 2 名; 委员 1 名待另行选举');
    expect(t).toContain('另行选举: 委员 1 名, 候选人按得票多少为序: 赵六、陈一 (第四十条, 30 日内)');
    expect(t).toContain('未提供选民名单: 另选人是否为登记选民未经核对 (第三十四条)');
    expect(lines.at(-2)).toBe('结论: 选举有效, 当选 2/3 名; 1 名须另行选举。');
    expect(t.endsWith('\n')).toBe(true);
  });

  it('sections are numbered without gaps when there is a single box', async () => {
    const e = election({ registered: 10, issued: 6 });
    const { result } = await countRows(e, [
      {
        file: 'b.csv',
        rows: rows('b.csv', ['票号', '主任:张三', '主任:李四', '委员:王五', '委员:赵六', '委员:钱七'], [['1', '○', '', '○', '○', '']]),
      },
    ]);
    const heads = renderTable(result, PLAIN)
      .split('\n')
      .filter((l) => /^[一二三四五六七八九十]+、/u.test(l))
      .map((l) => l.split('、')[0]);
    expect(heads).toEqual(['一', '二', '三', '四', '五', '六']);
  });

  it('a final result says so', async () => {
    const e = election({ registered: 6, issued: 6 });
    const b = [
      ['1', '中心', '○', '', '○', '○', '', '', ''],
      ['2', '中心', '○', '', '○', '○', '', '', ''],
      ['3', '中心', '○', '', '○', '', '○', '', ''],
      ['4', '中心', '', '○', '', '○', '○', '', ''],
    ];
    const { result } = await countRows(e, [{ file: 'b.csv', rows: rows('b.csv', GRID_HEADER, b) }]);
    const t = renderTable(result, PLAIN);
    expect(t).toContain('  无。计票结果为最终结果, 可以公布。');
    expect(t.split('\n').at(-2)).toBe('结论: 选举有效, 当选 3/3 名。计票结果为最终结果。');
    expect(t).not.toContain('各票箱'); // one box: no breakdown
  });

  it('an invalid election: reasons in words, nobody elected, a new election needed', async () => {
    const e = election({ registered: 30, issued: 11 }); // 10 returned of 30: not more than half
    const { result } = await countRows(e, [{ file: 'ballots.csv', rows: rows('ballots.csv', GRID_HEADER, GRID_BALLOTS) }]);
    const t = renderTable(result, PLAIN);
    expect(invalidReasons(result)).toBe('参加投票人数不足');
    expect(t).toContain('  ✗ 参加投票 10 人未超过登记选民 30 人的半数 (第三十八条)');
    expect(t).toContain('  选举无效: 参加投票人数不足');
    expect(t).toContain('  本次选举无人当选; 以下得票仅供存档');
    expect(t).toContain('  选举无效, 无人当选');
    expect(t).toContain('应组织重新选举');
    expect(t).not.toContain('LOW_TURNOUT');
    expect(t).not.toMatch(/│ 张三 .*│ 主任 +│$/mu); // nobody marked elected in the combined table
    expect(t.split('\n').at(-2)).toBe('结论: 选举无效 (参加投票人数不足), 无人当选。');
  });

  it('not competitive: the offices are named', async () => {
    const e = election({
      offices: [
        { name: '主任', seats: 1, candidates: ['张三'] },
        { name: '委员', seats: 2, candidates: ['王五', '赵六', '钱七'] },
      ],
    });
    const { result } = await countRows(e, [
      { file: 'b.csv', rows: rows('b.csv', ['票号', '主任:张三', '委员:王五', '委员:赵六', '委员:钱七'], [['1', '○', '○', '○', '']]) },
    ]);
    expect(invalidReasons(result)).toContain('违反差额选举原则 (主任)');
  });

  it('names layout without 反对 columns: one 未赞成 column, no 反对', async () => {
    const { result } = await countRows(election(), [
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
    const t = renderTable(result, PLAIN);
    const office = tablesOf(t).filter((x) => x.some((l) => l.includes('候选人')));
    expect(office.length).toBe(2);
    for (const x of office) {
      expect(x.join('\n')).toContain('未赞成');
      expect(x.join('\n')).not.toContain('反对');
    }
    expect(t).toMatch(/│ 张三 +│ +2 │ +1 │/u);
    expect(t).toContain('选票未录入反对, 反对和弃权合计为「未赞成」');
  });
});

describe('renderTable — what must still happen', () => {
  const pendingElection = (extra: string[][]) => {
    const base = [
      ['001', '中心', '○', '', '○', '○', '', '', ''],
      ['002', '中心', '○', '', '○', '○', '', '', ''],
      ['003', '中心', '○', '', '○', '○', '', '', ''],
      ['004', '中心', '○', '', '○', '○', '', '', ''],
      ['005', '中心', '○', '', '○', '', '○', '', ''],
      ['006', '中心', '', '○', '', '○', '○', '', ''],
    ];
    return rows('b.csv', GRID_HEADER, [...base, ...extra]);
  };

  it('pending disputes: 编号, 票号, 票箱, place, each unclear item in words, note; margin stable', async () => {
    const e = election({ registered: 10, issued: 10 });
    const { result } = await countRows(e, [{ file: 'b.csv', rows: pendingElection([['007', '流动', '○', '', '?', '○', '', '', '']]) }]);
    const t = renderTable(result, PLAIN);
    expect(t).toContain('  计票结果暂定: 尚有 1 张疑难选票待选举领导小组认定');
    expect(t).toContain('当选名单 (暂定, 疑难选票待认定)');
    expect(t).toContain('    [1] 票号 007  票箱 流动  (b.csv 第 8 行)');
    expect(t).toContain('        「委员:王五」一栏的符号「?」无法确定');
    expect(t).toContain('疑难选票不影响当选结果');
    expect(t).not.toContain('疑难选票可能影响');
    expect(t.split('\n').at(-2)).toBe('结论: 选举有效, 当选 3/3 名; 疑难选票 1 张待认定, 结果暂定。');
  });

  it('margin at stake: the offices are named', async () => {
    const e = election({ registered: 12, issued: 12 });
    // 赵六 5 of 9 and 钱七 2: three disputed ballots could lift 钱七 … and the 委员 seat is at stake.
    const extra = [
      ['007', '流动', '○', '', '', '', '?', '', ''],
      ['008', '流动', '○', '', '', '', '', '', '疑难'],
      ['009', '流动', '○', '', '', '', '', '', '疑难'],
    ];
    const { result } = await countRows(e, [{ file: 'b.csv', rows: pendingElection(extra) }]);
    expect(result.margin?.stable).toBe(false);
    const t = renderTable(result, PLAIN);
    expect(t).toContain(`疑难选票可能影响以下职务的当选结果: ${result.margin?.atStake.join('、') ?? ''}; 须先认定再公布`);
    expect(t).toContain('计票人员标为「疑难」');
  });

  it('homonym write-in: the roll entries it could mean', async () => {
    const roll = new RollIndex([
      { name: '李明', group: '一组' },
      { name: '李明', group: '三组' },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `选民${i}` })),
    ]);
    const e = election({ registered: 10, issued: 10 });
    const { result } = await countRows(e, [{ file: 'b.csv', rows: pendingElection([['007', '流动', '○', '', '○', '', '', '李明', '']]) }], {
      roll,
    });
    const t = renderTable(result, PLAIN);
    expect(t).toContain('「委员:另选1」一栏写的「李明」在选民名单中有同名: 李明(一组)、李明(三组)');
  });

  it('ruled disputes are listed with their 认定', async () => {
    const e = election({ registered: 10, issued: 10 });
    const ruling: Ruling = {
      ticket: '007',
      verdict: 'valid',
      corrections: [{ column: '委员:王五', value: '○' }],
      vote: '7:0',
      reason: '涂改处可辨认为同意符号',
      file: 'rulings.csv',
      line: 2,
    };
    const { result } = await countRows(e, [{ file: 'b.csv', rows: pendingElection([['007', '流动', '○', '', '?', '○', '', '', '']]) }], {
      rulings: [ruling],
    });
    const t = renderTable(result, PLAIN);
    expect(t).toContain('疑难选票认定');
    expect(t).toContain('  [1] 票号 007  票箱 流动: 「委员:王五」一栏的符号「?」无法确定');
    expect(t).toContain('      认定有效, 表决 7:0, 计为有效; 理由: 涂改处可辨认为同意符号 (rulings.csv 第 2 行)');
    expect(t).toContain('其中疑难选票 1 张已由选举领导小组认定');
    expect(t).not.toContain('暂定');
  });

  it('revote on a tie at the boundary', async () => {
    const e = election({ registered: 10, issued: 6 });
    const b = [
      ['1', '中心', '○', '', '○', '○', '', '', ''],
      ['2', '中心', '○', '', '○', '○', '', '', ''],
      ['3', '中心', '○', '', '○', '', '○', '', ''],
      ['4', '中心', '○', '', '○', '', '○', '', ''],
      ['5', '中心', '', '○', '', '○', '○', '', ''],
      ['6', '中心', '', '○', '', '○', '○', '', ''],
    ];
    const { result } = await countRows(e, [{ file: 'b.csv', rows: rows('b.csv', GRID_HEADER, b) }]);
    expect(result.revote).toEqual([{ office: '委员', seats: 2, names: ['王五', '赵六', '钱七'] }]);
    const t = renderTable(result, PLAIN);
    expect(t).toContain('再次投票: 委员 2 名, 在得票相等的 王五、赵六、钱七 中进行, 以得票多者当选 (第三十九条(三), 3 日内)');
    expect(t).toContain('  应选 3 名, 当选 1 名; 委员 2 名待再次投票');
    expect(t.split('\n').at(-2)).toBe('结论: 选举有效, 当选 1/3 名; 2 名须再次投票。');
  });

  it('runoff round: vacancy and who presides (第四十一条)', async () => {
    const e = election({
      round: 'runoff',
      registered: 10,
      issued: 8,
      offices: [{ name: '主任', seats: 1, candidates: ['张三', '李四'] }],
      previouslyElected: [
        { office: '委员', name: '王五', total: 7 },
        { office: '委员', name: '赵六', total: 6 },
      ],
    });
    const b = [
      ['1', '○', ''],
      ['2', '', '○'],
      ['3', '', ''],
      ['4', '', ''],
      ['5', '', ''],
      ['6', '', ''],
    ];
    const { result } = await countRows(e, [{ file: 'b.csv', rows: rows('b.csv', ['票号', '主任:张三', '主任:李四'], b) }]);
    expect(result.vacant).toEqual([{ office: '主任', seats: 1 }]);
    const t = renderTable(result, PLAIN);
    expect(t).toContain('前次已当选: 委员 王五、委员 赵六');
    expect(t).toContain('空缺: 主任 1 名 (经另行选举仍未选出, 第四十一条)');
    expect(t).toContain('由当选委员中得票最高的王五主持工作');
    expect(t).toContain('另行选举: 得票多者当选, 且得票 × 3 ≥ 收回选票 6 (第四十条)');
    expect(t).not.toContain('过半数'); // a runoff is not decided by 过半数
  });
});
