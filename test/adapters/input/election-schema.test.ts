/**
 * election.json on the zod schema (issue 18): several errors at once come out with the same codes, keys,
 * messages and order as the hand parser they replaced (expected values recorded from it before the change).
 */
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/adapters/messages.js';
import { parseElection } from '../../../src/adapters/input/election.js';

const CASES: [string, string, { code: string; key?: string; message: string }[]][] = [
  [
    'rules both',
    '{"community": "银龙东苑社区", "title": "银龙东苑社区第九届居民委员会选举", "date": "2026-12-20", "method": "direct", "mode": "combined", "round": "first", "issued": 325, "offices": [{"name": "主任", "seats": 1, "candidates": ["张建国", "李秀英"]}, {"name": "副主任", "seats": 1, "candidates": ["王芳", "赵磊"]}, {"name": "委员", "seats": 3, "candidates": ["孙丽", "周强", "吴敏", "郑伟"]}], "rules": {"approveMarks": ["v", "o"], "opposeMarks": ["o", "v", "x"]}}',
    [
      { code: 'ELECTION_INVALID', key: 'rules.approveMarks[1]', message: '「o」已经是标准符号 (赞成), 不能改变其含义' },
      { code: 'ELECTION_INVALID', key: 'rules.opposeMarks[0]', message: '「o」已经是标准符号 (赞成), 不能改变其含义' },
      { code: 'ELECTION_INVALID', key: 'rules.opposeMarks[2]', message: '「x」已经是标准符号 (反对), 不能改变其含义' },
      { code: 'ELECTION_INVALID', key: 'rules.opposeMarks', message: '符号「v」同时列在 approveMarks 和 opposeMarks 中' },
    ],
  ],
  [
    'issued=100 boxes=[{"name":"A","issued":999999},{"name":"B","issued":1}]',
    '{"community": "银龙东苑社区", "title": "银龙东苑社区第九届居民委员会选举", "date": "2026-12-20", "method": "direct", "mode": "combined", "round": "first", "issued": 100, "offices": [{"name": "主任", "seats": 1, "candidates": ["张建国", "李秀英"]}, {"name": "副主任", "seats": 1, "candidates": ["王芳", "赵磊"]}, {"name": "委员", "seats": 3, "candidates": ["孙丽", "周强", "吴敏", "郑伟"]}], "boxes": [{"name": "A", "issued": 999999}, {"name": "B", "issued": 1}]}',
    [{ code: 'ELECTION_INVALID', key: 'boxes', message: '各票箱发出选票合计 1000000 张, 多于 issued 100 张' }],
  ],
  [
    'combo1',
    '{"community": "银龙东苑社区", "title": 3, "date": "x", "method": "y", "mode": "separate", "round": "z", "issued": -1, "offices": [{"name": "主任", "seats": 0, "candidates": ["张建国", "李秀英"], "yy": 2}, "x", {"name": "委员", "seats": 3, "candidates": ["孙丽", "周强", "吴敏", "郑伟"]}], "zz": 1, "registered": 0, "rules": {"zz": 1, "maxProxies": -1, "approveMarks": ["?", "v"], "opposeMarks": ["v"]}, "previouslyElected": [1], "boxes": [{"name": "A", "issued": 1}, 2], "aa": 1}',
    [
      {
        code: 'ELECTION_INVALID',
        key: 'zz',
        message:
          '未知的键「zz」(可用的键: community, title, date, method, mode, round, registered, issued, offices, rules, previouslyElected, boxes)',
      },
      {
        code: 'ELECTION_INVALID',
        key: 'aa',
        message:
          '未知的键「aa」(可用的键: community, title, date, method, mode, round, registered, issued, offices, rules, previouslyElected, boxes)',
      },
      { code: 'ELECTION_INVALID', key: 'title', message: '「title」应为非空字符串' },
      { code: 'ELECTION_INVALID', key: 'date', message: '「date」应为日期 YYYY-MM-DD, 这里是 "x"' },
      { code: 'ELECTION_INVALID', key: 'method', message: '「method」应为 direct | household | representative 之一, 这里是 "y"' },
      { code: 'ELECTION_INVALID', key: 'round', message: '「round」应为 first | runoff | revote 之一, 这里是 "z"' },
      { code: 'ELECTION_INVALID', key: 'registered', message: '「registered」应为不小于 1 的整数, 这里是 0' },
      { code: 'ELECTION_INVALID', key: 'issued', message: '「issued」应为不小于 0 的整数, 这里是 -1' },
      { code: 'ELECTION_INVALID', key: 'offices[0].yy', message: '未知的键「yy」(可用的键: name, seats, candidates)' },
      { code: 'ELECTION_INVALID', key: 'offices[0].seats', message: '「seats」应为不小于 1 的整数, 这里是 0' },
      { code: 'ELECTION_INVALID', key: 'offices[1]', message: '每个职务应为对象 {"name", "seats", "candidates"}' },
      { code: 'ELECTION_INVALID', key: 'offices', message: '分别投票 (mode: separate) 时每次计票只有一个职务: offices 应只有一项' },
      {
        code: 'ELECTION_INVALID',
        key: 'rules.zz',
        message: '未知的键「zz」(可用的键: writeInWithoutMark, maxProxies, approveMarks, opposeMarks)',
      },
      { code: 'ELECTION_INVALID', key: 'rules.maxProxies', message: '「maxProxies」应为不小于 0 的整数, 这里是 -1' },
      { code: 'ELECTION_INVALID', key: 'rules.approveMarks[0]', message: '「?」含有问号; 问号表示无法确定, 不能定义为符号' },
      { code: 'ELECTION_INVALID', key: 'rules.opposeMarks', message: '符号「v」同时列在 approveMarks 和 opposeMarks 中' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[0]', message: '应为对象 {"office", "name", "total"}' },
      { code: 'ELECTION_INVALID', key: 'boxes[1]', message: '应为对象 {"name", "issued"}' },
    ],
  ],
  [
    'combo2',
    '{"community": "银龙东苑社区", "date": "2026-12-20", "mode": "separate", "round": "first", "issued": 325, "offices": [{"name": "主任", "seats": 1, "candidates": ["甲", "乙"]}, {"name": "主任", "seats": "x", "candidates": ["乙", "甲", 2, ""]}, {"zz": 1}]}',
    [
      { code: 'ELECTION_INVALID', key: 'title', message: '缺少「title」' },
      { code: 'ELECTION_INVALID', key: 'method', message: '缺少「method」(可选值: direct | household | representative)' },
      { code: 'ELECTION_INVALID', key: 'offices[1].name', message: '职务「主任」重复' },
      { code: 'ELECTION_INVALID', key: 'offices[1].seats', message: '「seats」应为不小于 1 的整数, 这里是 "x"' },
      {
        code: 'ELECTION_INVALID',
        key: 'offices[1].candidates[0]',
        message: '候选人「乙」重复印在选票上 (已在 offices[0].candidates[1]); 同一人只能是一个职务的候选人',
      },
      {
        code: 'ELECTION_INVALID',
        key: 'offices[1].candidates[1]',
        message: '候选人「甲」重复印在选票上 (已在 offices[0].candidates[0]); 同一人只能是一个职务的候选人',
      },
      { code: 'ELECTION_INVALID', key: 'offices[1].candidates[2]', message: '候选人姓名应为非空字符串' },
      { code: 'ELECTION_INVALID', key: 'offices[1].candidates[3]', message: '候选人姓名应为非空字符串' },
      { code: 'ELECTION_INVALID', key: 'offices[2].zz', message: '未知的键「zz」(可用的键: name, seats, candidates)' },
      { code: 'ELECTION_INVALID', key: 'offices[2].name', message: '缺少「name」' },
      { code: 'ELECTION_INVALID', key: 'offices[2].seats', message: '缺少「seats」' },
      { code: 'ELECTION_INVALID', key: 'offices[2].candidates', message: '「candidates」应为非空的姓名数组' },
      { code: 'ELECTION_INVALID', key: 'offices', message: '分别投票 (mode: separate) 时每次计票只有一个职务: offices 应只有一项' },
    ],
  ],
  [
    'combo3',
    '{"community": "银龙东苑社区", "title": "银龙东苑社区第九届居民委员会选举", "date": "2026-12-20", "method": "direct", "mode": "separate", "round": "runoff", "issued": 325, "offices": [], "previouslyElected": [{"office": 1, "name": "", "total": "x", "q": 1}, {"office": "主任"}]}',
    [
      { code: 'ELECTION_INVALID', key: 'offices', message: '「offices」应为非空数组, 按职务高低排列 (主任、副主任、委员)' },
      { code: 'ELECTION_INVALID', key: 'offices', message: '分别投票 (mode: separate) 时每次计票只有一个职务: offices 应只有一项' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[0].q', message: '未知的键「q」(可用的键: office, name, total)' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[0].office', message: '「office」应为非空字符串' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[0].name', message: '「name」应为非空字符串' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[0].total', message: '「total」应为不小于 0 的整数, 这里是 "x"' },
      { code: 'ELECTION_INVALID', key: 'previouslyElected[1].name', message: '缺少「name」' },
    ],
  ],
  [
    'dupkeys',
    '{"title":"a","title":"b","offices":[{"name":"x","name":"y"}],"zz":1}',
    [
      { code: 'ELECTION_DUPLICATE_KEY', key: 'title', message: '键「title」在第 1 行又出现一次; 同一个键只能写一次' },
      { code: 'ELECTION_DUPLICATE_KEY', key: 'offices[0].name', message: '键「offices[0].name」在第 1 行又出现一次; 同一个键只能写一次' },
      {
        code: 'ELECTION_INVALID',
        key: 'zz',
        message:
          '未知的键「zz」(可用的键: community, title, date, method, mode, round, registered, issued, offices, rules, previouslyElected, boxes)',
      },
      { code: 'ELECTION_INVALID', key: 'date', message: '缺少「date」' },
      { code: 'ELECTION_INVALID', key: 'method', message: '缺少「method」(可选值: direct | household | representative)' },
      { code: 'ELECTION_INVALID', key: 'mode', message: '缺少「mode」(可选值: combined | separate)' },
      { code: 'ELECTION_INVALID', key: 'issued', message: '缺少「issued」' },
      { code: 'ELECTION_INVALID', key: 'offices[0].seats', message: '缺少「seats」' },
      { code: 'ELECTION_INVALID', key: 'offices[0].candidates', message: '「candidates」应为非空的姓名数组' },
    ],
  ],
];

describe('election.json schema errors', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    const r = parseElection(text, 'e.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => ({ code: e.code, ...(e.key !== undefined ? { key: e.key } : {}), message: errorMessage(e) }))).toEqual(
      expected,
    );
  });
});
