/**
 * Rolls read one after another (`batch`: one per election) share the duplicate-voter tables (issue 17,
 * memory): nothing of one roll may show in the next.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRollIndex } from '../../../src/adapters/input/roll.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-rolls-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function roll(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('rolls read one after another', () => {
  it('a 选民证号 of the previous roll is no duplicate in the next; a duplicate in the next names its own lines', async () => {
    const first = await loadRollIndex(roll('a.csv', '姓名,选民证号,身份证号\n张三,V1,110101199001011234\n李四,V2,\n'), 'a.csv');
    expect(first.ok && first.value.size).toBe(2);
    const second = await loadRollIndex(roll('b.csv', '姓名,选民证号,身份证号\n王五,V2,\n赵六,V1,110101199001011234\n'), 'b.csv');
    expect(second.ok && second.value.size).toBe(2);
    const third = await loadRollIndex(roll('c.csv', '姓名,选民证号\n甲,V9\n乙,V8\n丙,V9\n'), 'c.csv');
    expect(third.ok).toBe(false);
    if (third.ok) return;
    expect(third.error).toMatchObject([{ code: 'ROLL_DUPLICATE_VOTER', firstLine: 2, againLine: 4, value: 'V9', file: 'c.csv', line: 4 }]);
  });

  it('a roll that fails on its header leaves the tables usable', async () => {
    expect((await loadRollIndex(roll('d.csv', '名字,选民证号\n甲,V1\n'), 'd.csv')).ok).toBe(false);
    const next = await loadRollIndex(roll('e.csv', '姓名,选民证号\n甲,V1\n乙,V2\n'), 'e.csv');
    expect(next.ok && next.value.count('乙')).toBe(1);
  });
});
