/**
 * Typography and wording of the sheets: full-width punctuation in running text (numbers left alone), the
 * line-breaking rules (禁则) of the .txt sheets, and phrases built from the election's parts — tested on
 * titles with and without 换届, with 另行选举 / 再次投票 rounds and in separate mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSheets } from '../../../src/adapters/report/sheets.js';
import { sheetText } from '../../../src/adapters/report/text.js';
import { NO_LINE_END, NO_LINE_START, formal, joinNames } from '../../../src/adapters/report/typography.js';
import { width, wrap } from '../../../src/adapters/report/width.js';
import { electionParts, electionPhrase } from '../../../src/adapters/report/wording.js';
import type { Election } from '../../../src/core/index.js';
import { GRID_BALLOTS, GRID_HEADER, countRows, election, rows } from '../render/helpers.js';

describe('formal(): running text in full-width punctuation', () => {
  it.each([
    ['主任应选 1 名, 候选人 2 名, 差额选举应为 2 人', '主任应选 1 名，候选人 2 名，差额选举应为 2 人'],
    ['收回选票 318 张不多于发出选票 325 张 (第三十七条)', '收回选票 318 张不多于发出选票 325 张（第三十七条）'],
    ['「委员:周强」一栏的符号「?」无法确定; 备注: 涂改', '「委员：周强」一栏的符号「？」无法确定；备注：涂改'],
    ['陈晓东 (另选)', '陈晓东（另选）'],
  ])('%s', (input, want) => expect(formal(input)).toBe(want));
  it('leaves numbers, votes and Latin text as they are', () => {
    expect(formal('表决 7:0, 共 1,200 张')).toBe('表决 7:0，共 1,200 张');
    expect(formal('file ballots.csv, line 3')).toBe('file ballots.csv, line 3');
  });
  it('names are separated by 、', () => expect(joinNames(['孙丽', '吴敏', '周强'])).toBe('孙丽、吴敏、周强'));
});

describe('wrap(): 禁则 and whole numbers', () => {
  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const text =
      '根据《中华人民共和国城市居民委员会组织法》和《甘肃省城市社区居民委员会换届选举指导规程（试行）》，本社区于2026年12月20日召开选举大会，「委员：周强」一栏。';
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 80 }), (max) => {
        const lines = wrap(text, max);
        expect(lines.join('')).toBe(text);
        for (const [i, l] of lines.entries()) {
          expect(width(l)).toBeLessThanOrEqual(max);
          if (i > 0) expect(NO_LINE_START.has(l[0] ?? '')).toBe(false);
          if (i < lines.length - 1) expect(NO_LINE_END.has(l[l.length - 1] ?? '')).toBe(false);
        }
      }),
    );
  });
  it('does not break inside a number', () => {
    for (const max of [8, 9, 10, 11, 12, 13]) {
      const runs = wrap('收回选票 123456 张，有效票 123450 张', max).flatMap((l) => l.match(/\d+/gu) ?? []);
      expect(runs, `width ${max}`).toEqual(['123456', '123450']);
    }
    expect(wrap('有效票 123456 张', 10)).toEqual(['有效票', '123456 张']);
  });
});

const base: Election = election({ community: '银龙东苑社区', title: '银龙东苑社区第九届居民委员会换届选举' });

describe('wording from the election’s parts, not from the title', () => {
  it.each<[string, Partial<Election>, string]>([
    ['换届 in the title', {}, '银龙东苑社区第九届居民委员会换届选举'],
    ['no 换届', { title: '银龙东苑社区第九届居民委员会选举' }, '银龙东苑社区第九届居民委员会选举'],
    ['another order of words', { title: '2026年银龙东苑社区居委会第九届换届选举工作' }, '银龙东苑社区第九届居民委员会换届选举'],
    ['runoff round, title of the first round', { round: 'runoff' }, '银龙东苑社区第九届居民委员会另行选举'],
    [
      'runoff round, title saying so',
      { round: 'runoff', title: '银龙东苑社区第九届居民委员会委员另行选举' },
      '银龙东苑社区第九届居民委员会另行选举',
    ],
    ['revote round', { round: 'revote', title: '银龙东苑社区第九届居民委员会换届选举再次投票' }, '银龙东苑社区第九届居民委员会再次投票'],
    [
      'separate mode',
      {
        mode: 'separate',
        title: '银龙东苑社区第九届居民委员会委员选举',
        offices: [{ name: '委员', seats: 3, candidates: ['甲', '乙', '丙', '丁'] }],
      },
      '银龙东苑社区第九届居民委员会委员选举',
    ],
    [
      'separate mode, runoff',
      { mode: 'separate', round: 'runoff', offices: [{ name: '主任', seats: 1, candidates: ['甲', '乙'] }] },
      '银龙东苑社区第九届居民委员会主任另行选举',
    ],
    ['no 届次 in the title', { title: '银龙东苑社区居民委员会换届选举' }, '银龙东苑社区居民委员会换届选举'],
  ])('%s', (_name, change, want) => expect(electionPhrase({ ...base, ...change })).toBe(want));
  it('the body elected and the leading group', () => {
    expect(electionParts(base)).toMatchObject({ body: '银龙东苑社区第九届居民委员会', leadGroup: '银龙东苑社区居民委员会选举领导小组' });
  });
  it('the 当选公告 never reads 换届成员 or 另行成员, whatever the title', async () => {
    for (const [round, title] of [
      ['first', '银龙东苑社区第九届居民委员会换届选举'],
      ['runoff', '银龙东苑社区第九届居民委员会委员另行选举'],
      ['revote', '银龙东苑社区第九届居民委员会再次投票'],
    ] as const) {
      const e = { ...base, round, title };
      const { result: r } = await countRows(e, [{ file: 'ballots.csv', rows: rows('ballots.csv', GRID_HEADER, GRID_BALLOTS) }]);
      const t = buildSheets(r).map(sheetText).join('');
      expect(t).not.toMatch(/换届成员|另行成员|投票成员|选举成员/u);
      expect(t.replace(/\s/gu, '')).toContain('当选为银龙东苑社区第九届居民委员会成员');
    }
  });
});
