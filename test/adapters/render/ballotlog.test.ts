/**
 * `--ballot-log` (SPEC §5): one line per input ballot, class and reasons, the ruling columns, and
 * escaping of every cell that comes from the input.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ballotLogHeader, formatBallotLogLine, formatBallotLogLineWith } from '../../../src/adapters/render/ballotlog.js';
import type { BallotLogEntry, Ruling } from '../../../src/core/index.js';
import { GRID_BALLOTS, GRID_HEADER, countRows, election, handChecked, rows } from './helpers.js';

const logOf = (entries: readonly BallotLogEntry[]): string => ballotLogHeader() + entries.map(formatBallotLogLine).join('');

describe('ballot log', () => {
  it('header: SPEC columns, then 原读,认定', () => {
    expect(ballotLogHeader()).toBe('\uFEFF票号,票箱,文件,行,类别,原因,原读,认定\n');
  });

  it('one line per input ballot, in reading order, with class and reason codes', async () => {
    const { result, log } = await handChecked();
    const text = logOf(log);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(''); // every line ends with \n
    expect(lines.length - 2).toBe(GRID_BALLOTS.length);
    expect(log.length).toBe(result.ballots.returned);
    expect(lines.slice(1, -1)).toEqual([
      '001,中心会场,ballots.csv,2,有效,,,',
      '002,中心会场,ballots.csv,3,有效,,,',
      '003,中心会场,ballots.csv,4,有效,,,',
      '004,中心会场,ballots.csv,5,有效,,,',
      '005,中心会场,ballots.csv,6,有效,,,',
      '006,流动票箱,ballots.csv,7,有效,,,',
      '007,流动票箱,ballots.csv,8,有效,BLANK,,',
      '008,流动票箱,ballots.csv,9,部分有效,OVERVOTE,,',
      '009,流动票箱,ballots.csv,10,无效,UNREADABLE,,',
      '010,流动票箱,ballots.csv,11,有效,,,',
    ]);
    // Every ballot counted exactly once: the log's classes add up to the class counts.
    const t = parse(text, { columns: true }) as Record<string, string>[];
    const n = (c: string) => t.filter((r) => r['类别'] === c).length;
    expect([n('有效'), n('部分有效'), n('无效'), n('疑难')]).toEqual([
      result.ballots.valid,
      result.ballots.partial,
      result.ballots.invalid,
      result.ballots.disputed,
    ]);
  });

  it('a ruled ballot: 原读 疑难, 认定 with the place in rulings.csv; several reasons joined with ;', async () => {
    const rulings: Ruling[] = [
      {
        ticket: '2',
        verdict: 'partial',
        corrections: [{ column: '委员:王五', value: '○' }],
        vote: '5:2',
        reason: '',
        file: 'rulings.csv',
        line: 3,
      },
      { ticket: '3', verdict: 'invalid', corrections: [], vote: '7:0', reason: '撕毁', file: 'rulings.csv', line: 4 },
    ];
    const ballots = [
      ['1', '甲', '○', '', '○', '○', '', '', ''],
      ['2', '甲', '○', '', '?', '○', '○', '', ''],
      ['3', '甲', '○', '', '', '', '', '', '疑难'],
      ['4', '甲', '○', '', '', '', '', '', '疑难'],
    ];
    const { log } = await countRows(
      election({ registered: 6, issued: 6 }),
      [{ file: 'b.csv', rows: rows('b.csv', GRID_HEADER, ballots) }],
      { rulings },
    );
    expect(log.map(formatBallotLogLine)).toEqual([
      '1,甲,b.csv,2,有效,,,\n',
      '2,甲,b.csv,3,部分有效,RULED;OVERVOTE,疑难,部分有效 (rulings.csv 第 3 行)\n',
      '3,甲,b.csv,4,无效,RULED;RULED_INVALID,疑难,无效 (rulings.csv 第 4 行)\n',
      '4,甲,b.csv,5,疑难,DISPUTED: 计票人员标为「疑难」,,\n',
    ]);
  });

  it('input cells are neutralised against formulas and quoted when needed', () => {
    const e = (over: Partial<BallotLogEntry>): string =>
      formatBallotLogLine({ ticket: '1', box: '甲', file: 'b.csv', line: 2, class: 'valid', reasons: [], ruling: undefined, ...over });
    expect(e({ ticket: '=1+1' })).toBe("'=1+1,甲,b.csv,2,有效,,,\n");
    expect(e({ box: '+box' })).toBe("1,'+box,b.csv,2,有效,,,\n");
    expect(e({ box: '-box' })).toBe("1,'-box,b.csv,2,有效,,,\n");
    expect(e({ file: '@evil.csv' })).toBe("1,甲,'@evil.csv,2,有效,,,\n");
    // Control characters are shown as \uXXXX (issue 13): one ballot, one line, no escape reaches a terminal.
    expect(e({ ticket: '\t7' })).toBe('\\u00097,甲,b.csv,2,有效,,,\n');
    expect(e({ ticket: '\r7' })).toBe('\\u000D7,甲,b.csv,2,有效,,,\n');
    expect(e({ box: '\u001b[31m红\u202E' })).toBe('1,\\u001B[31m红\\u202E,b.csv,2,有效,,,\n');
    expect(e({ box: '一,号' })).toBe('1,"一,号",b.csv,2,有效,,,\n');
    expect(e({ ticket: '=HYPERLINK("x")' })).toBe(`"'=HYPERLINK(""x"")",甲,b.csv,2,有效,,,\n`);
    expect(e({ file: 'a\nb.csv' })).toBe('1,甲,a\\u000Ab.csv,2,有效,,,\n');
    expect(e({ ruling: { verdict: 'valid', file: '=r.csv', line: 2 }, class: 'valid', reasons: ['RULED'] })).toBe(
      '1,甲,b.csv,2,有效,RULED,疑难,有效 (=r.csv 第 2 行)\n',
    );
  });

  it('every escaped line reads back as 8 cells with the original values (after the quote)', () => {
    const tricky = ['=1', '+2', '-3', '@4', 'a,b', 'q"q', '普通'];
    const text =
      ballotLogHeader() +
      tricky
        .map((s, i) =>
          formatBallotLogLine({
            ticket: s,
            box: s,
            file: `${s}.csv`,
            line: i + 2,
            class: 'invalid',
            reasons: ['UNREADABLE'],
            ruling: undefined,
          }),
        )
        .join('');
    const t = parse(text) as string[][];
    expect(t.length).toBe(tricky.length + 1);
    t.slice(1).forEach((r, i) => {
      const s = tricky[i] ?? '';
      const want = /^[=+\-@]/u.test(s) ? `'${s}` : s;
      expect(r).toEqual([want, want, /^[=+\-@]/u.test(s) ? `'${s}.csv` : `${s}.csv`, String(i + 2), '无效', 'UNREADABLE', '', '']);
    });
  });
});

describe("ballot log with the live count's 更正 column (issue 19)", () => {
  const entry: BallotLogEntry = {
    ticket: '000011',
    box: '中心会场',
    file: '现场计票.csv',
    line: 12,
    class: 'valid',
    reasons: [],
    ruling: undefined,
  };

  it('the column follows 认定; a ballot line keeps its eight cells and adds the cell, escaped like the others', () => {
    expect(ballotLogHeader(['更正'])).toBe('\uFEFF票号,票箱,文件,行,类别,原因,原读,认定,更正\n');
    expect(formatBallotLogLineWith(entry, [''])).toBe('000011,中心会场,现场计票.csv,12,有效,,,,\n');
    const said = '修改 (计票员甲, 2026-12-20T01:41:05.120Z): 主任: 张建国; 委员: — → 主任: 李秀英; 委员: —';
    const line = formatBallotLogLineWith(entry, [said]);
    expect(line.startsWith(formatBallotLogLine(entry).slice(0, -1))).toBe(true);
    const [cells] = parse(ballotLogHeader(['更正']) + line, { bom: true, from_line: 2 }) as string[][];
    expect(cells).toEqual(['000011', '中心会场', '现场计票.csv', '12', '有效', '', '', '', said]);
    // A station name typed as a formula or with a control character is neutralised and shown escaped.
    expect(formatBallotLogLineWith(entry, ['=甲\u0007'])).toBe("000011,中心会场,现场计票.csv,12,有效,,,,'=甲\\u0007\n");
  });
});
