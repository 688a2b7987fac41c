/**
 * 第四十一条 (issue 18): the core says who presides as data; the adapters' vocabulary makes the sentence the
 * JSON `presiding`, the terminal and the sheets show.
 */
import { describe, expect, it } from 'vitest';
import { presidingText } from '../../src/adapters/vocabulary.js';
import { DEFAULT_RULES, type Election, whoPresides } from '../../src/core/index.js';

const election = (prior: Election['previouslyElected'] = []): Election => ({
  title: '测试',
  date: '2026-12-20',
  method: 'direct',
  mode: 'combined',
  round: 'runoff',
  issued: 10,
  offices: [],
  rules: DEFAULT_RULES,
  previouslyElected: prior,
});
const seat = (office: string, name: string, total: number) => ({ office, name, total });

describe('whoPresides (第四十一条)', () => {
  it('主任 elected (now or before): nobody needs to be named', () => {
    expect(whoPresides(election([{ office: '主任', name: '张三', total: 5 }]), [])).toBeNull();
    expect(whoPresides(election(), [seat('主任', '张三', 5)])).toBeNull();
  });
  it('no 主任: the 副主任 elected, earlier ones first', () => {
    const p = whoPresides(election([{ office: '副主任', name: '王芳', total: 4 }]), [seat('副主任', '李四', 6), seat('委员', '赵六', 9)]);
    expect(p).toEqual({ code: 'DEPUTY', names: ['王芳', '李四'] });
    expect(presidingText(p ?? { code: 'NONE_ELECTED' })).toBe('主任未选出, 由副主任王芳、李四主持工作 (第四十一条)');
  });
  it('no 主任 nor 副主任: the 委员 with the most votes (a prior total counts; missing as 0)', () => {
    const p = whoPresides(
      election([
        { office: '委员', name: '周强', total: 9 },
        { office: '委员', name: '吴敏', total: undefined },
      ]),
      [seat('委员', '赵六', 7)],
    );
    expect(p).toEqual({ code: 'TOP_MEMBER', name: '周强' });
    expect(presidingText(p ?? { code: 'NONE_ELECTED' })).toBe('主任、副主任都未选出, 由当选委员中得票最高的周强主持工作 (第四十一条)');
  });
  it('委员 tied at the top: the 选举领导小组 decides', () => {
    const p = whoPresides(election(), [seat('委员', '赵六', 7), seat('委员', '钱七', 7), seat('委员', '孙八', 3)]);
    expect(p).toEqual({ code: 'MEMBERS_TIED', names: ['赵六', '钱七'] });
    expect(presidingText(p ?? { code: 'NONE_ELECTED' })).toBe(
      '主任、副主任都未选出, 当选委员赵六、钱七得票相同且最高, 主持工作人选需选举领导小组确定 (第四十一条)',
    );
  });
  it('nobody elected at all: the guideline is silent, said so', () => {
    const p = whoPresides(election(), []);
    expect(p).toEqual({ code: 'NONE_ELECTED' });
    expect(presidingText({ code: 'NONE_ELECTED' })).toBe('主任、副主任、委员均未选出, 由选举领导小组报街道办事处研究 (第四十一条未作规定)');
  });
});
