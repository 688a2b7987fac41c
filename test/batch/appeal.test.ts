/**
 * District re-count (`jipiao batch`, issue 5): every folder counted, a broken
 * folder reported without stopping the others (exit 2), per-election outputs, determinism, --strict.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('jipiao batch', () => {
  it('counts every folder, reports the broken one with its error, exits 2 at the end', async () => {
    const out = path.join(tmp, 'out1');
    const r = await run(['batch', 'fixtures/district', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      '错误 [CSV_QUOTE_NOT_CLOSED] 坏文件夹社区/ballots.csv 第 2 行: 引号没有闭合: 从这里开始的带引号字段直到文件末尾都没有结束引号',
    );
    expect(r.out).toMatch(/东风社区 +│ 东风社区 +│ 东风社区第八届居民委员会选举 +│ +10 │ +83\.3% │ +✓ +│ +3\/3 │ —/u);
    expect(r.out).toMatch(/和平里社区 .*│ 疑难 1; 再次投票 1; 另行选举 1/u);
    expect(r.out).toContain('共 4 个选举: 3 个已计票, 1 个输入错误');
    for (const d of ['东风社区', '和平里社区', '银龙东苑社区']) {
      for (const f of ['result.json', 'ballot-log.csv', 'report/选举结果报告单.html', 'report/全部文书.html'])
        expect(existsSync(path.join(out, d, f)), `${d}/${f}`).toBe(true);
    }
    expect(existsSync(path.join(out, '坏文件夹社区', 'result.json'))).toBe(false);
  });

  it('a community counted from one file per 票箱 gives the same result as the merged demo file', async () => {
    const out = path.join(tmp, 'out2');
    await run(['batch', 'fixtures/district', '--out', out]);
    const batch = JSON.parse(readFileSync(path.join(out, '银龙东苑社区', 'result.json'), 'utf8')) as Record<string, unknown>;
    const io = fakeIo(root);
    await main(['count', 'fixtures/demo/ballots.csv', '--format', 'json'], io);
    const single = JSON.parse(io.out()) as Record<string, unknown>;
    const strip = ({ inputs: _i, disputes, ...rest }: Record<string, unknown>) => ({
      ...rest,
      disputes: (disputes as { file: string; line: number; ruling: unknown }[]).map(({ file: _f, line: _l, ruling: _r, ...d }) => d),
    });
    expect(strip(batch)).toEqual(strip(single));
  });

  it('is deterministic: the same folders twice give the same bytes', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    await run(['batch', 'fixtures/district', '--out', a]);
    await run(['batch', 'fixtures/district', '--out', b]);
    for (const d of ['东风社区', '和平里社区', '银龙东苑社区']) {
      for (const f of ['result.json', 'ballot-log.csv', 'report/全部文书.html']) {
        expect(readFileSync(path.join(b, d, f), 'utf8')).toBe(readFileSync(path.join(a, d, f), 'utf8'));
      }
    }
  });

  it('--strict exits 1 when a result is not final (no broken folder)', async () => {
    const district = path.join(tmp, 'district');
    cpSync(path.join(root, 'fixtures/district'), district, { recursive: true });
    rmSync(path.join(district, '坏文件夹社区'), { recursive: true });
    expect((await run(['batch', district, '--out', path.join(tmp, 'o3')])).code).toBe(0);
    expect((await run(['batch', district, '--out', path.join(tmp, 'o4'), '--strict'])).code).toBe(1);
  });
});
