/**
 * `jipiao roll check` through the CLI: whole outputs (exit code, stdout, stderr) compared with the
 * committed goldens in fixtures/roll-<case>/expected*.  Regenerate after a deliberate change with
 * `UPDATE_GOLDEN=1`, then review every line of the diff by hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(args: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const io = fakeIo(root, opts);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function whole(r: Run): string {
  return `exit ${r.code}\n--- stdout\n${r.out}--- stderr\n${r.err}`;
}

function golden(scenario: string, file: string, actual: string): void {
  const p = path.join(root, 'fixtures', scenario, file);
  if (update || !existsSync(p)) {
    writeFileSync(p, actual);
    if (!update) throw new Error(`golden ${p} was missing and has been written; review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

describe('jipiao roll check', () => {
  it('reports every kind of problem, one line per problem, exit 1 (roll-problems)', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-problems/voters.csv', '--election', 'fixtures/roll-problems/election.json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    golden('roll-problems', 'expected.txt', whole(r));
  });

  it('--format json is deterministic and matches the golden', async () => {
    const args = [
      'roll',
      'check',
      'fixtures/roll-problems/voters.csv',
      '--election',
      'fixtures/roll-problems/election.json',
      '--format',
      'json',
    ];
    const a = await run(args);
    const b = await run(args);
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out) as { schema: string; ok: boolean; summary: { problems: number } };
    expect(doc.schema).toBe('jipiao.rollcheck/1');
    expect(doc.ok).toBe(false);
    golden('roll-problems', 'expected.json', a.out);
  });

  it('--format csv matches the golden', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-problems/voters.csv', '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('\uFEFF类别,代码,项目,行,选民证号,姓名,居民小组,相关行,说明');
    golden('roll-problems', 'expected.csv', r.out);
  });

  it('a clean roll exits 0; election.json beside voters.csv is used (roll-clean)', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('选举设置: fixtures/roll-clean/election.json');
    golden('roll-clean', 'expected.txt', whole(r));
  });

  it('--date overrides the election day (exactly 18 the day before is 17)', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv', '--date', '2026-11-14']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('第 9 行 (选民证号 DG008, 王强) 选举日未满十八周岁: 出生日期 2008-11-15, 到选举日 2026-11-14 为 17 周岁');
  });

  it('a GB18030 roll without election.json: age and candidate checks skipped (roll-noelection)', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-noelection/voters.csv']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('未检查');
    golden('roll-noelection', 'expected.txt', whole(r));
  });

  it('bad input exits 2 with the error on stderr (roll-bad: no 姓名 column)', async () => {
    const r = await run(['roll', 'check', 'fixtures/roll-bad/voters.csv']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('fixtures/roll-bad/voters.csv');
    golden('roll-bad', 'expected.txt', whole(r));
  });

  it('a missing file, a bad --date, a bad --format and a missing argument exit 2', async () => {
    const missing = await run(['roll', 'check', 'fixtures/roll-none/voters.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('fixtures/roll-none/voters.csv');
    const noElection = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv', '--election', 'fixtures/roll-none/election.json']);
    expect(noElection.code).toBe(2);
    expect(noElection.err).toContain('fixtures/roll-none/election.json');
    const date = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv', '--date', '2026-02-30']);
    expect(date).toEqual({
      code: 2,
      out: '',
      err: '错误 [USAGE_BAD_DATE] --date 的值「2026-02-30」不是有效日期, 应写作 YYYY-MM-DD (如 2026-12-20)\n',
    });
    const format = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.out).toBe('');
    expect(format.err).toContain('--format');
    const noArg = await run(['roll', 'check']);
    expect(noArg.code).toBe(2);
    expect(noArg.err).toContain('错误 [USAGE] 缺少参数');
  });

  it('colour only on a TTY without NO_COLOR', async () => {
    const args = ['roll', 'check', 'fixtures/roll-problems/voters.csv'];
    const tty = await run(args, { tty: true, env: {} });
    const noColor = await run(args, { tty: true, env: { NO_COLOR: '1' } });
    const pipe = await run(args, { tty: false, env: {} });
    const ansi = /\u001b\[/u;
    expect(tty.out).toMatch(ansi);
    expect(noColor.out).not.toMatch(ansi);
    expect(pipe.out).not.toMatch(ansi);
    expect(tty.out.replace(/\u001b\[[0-9;]*m/gu, '')).toBe(pipe.out);
  });
});
