/**
 * compare against tampered and hostile inputs (issue 13): a result whose figures do not add up is
 * refused naming the key; a FIFO, a device and an over-sized file are refused before they are read
 * (no hang, no unbounded memory).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../src/adapters/input/files.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const published = path.join(root, 'fixtures', 'appeal-swap', 'published.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-compare-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function compare(a: string, b: string) {
  const io = fakeIo(tmp);
  const code = await main(['compare', a, b], io);
  return { code, out: io.out(), err: io.err() };
}

function tampered(
  name: string,
  change: (j: { ballots: Record<string, number>; people: { total: number }[]; boxes?: Record<string, unknown>[] }) => void,
): string {
  const j = JSON.parse(readFileSync(published, 'utf8')) as Parameters<typeof change>[0];
  change(j);
  const p = path.join(tmp, name);
  writeFileSync(p, JSON.stringify(j));
  return name;
}

describe('compare checks the arithmetic of each result before trusting it', () => {
  it('classes that do not add up to the ballots returned → exit 2, key ballots.returned', async () => {
    const p = tampered('classes.json', (j) => void (j.ballots['valid'] = (j.ballots['valid'] ?? 0) + 5));
    const r = await compare(published, p);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^错误 \[COMPARE_SUMS_WRONG\] classes\.json 键 ballots\.returned: 计票结果的数字对不上, 文件可能已被改动: 有效 \d+ \+ 部分有效 \d+ \+ 无效 \d+ \+ 疑难 \d+ = \d+, 不等于收回 \d+\n/u,
    );
  });

  it('a total that is not the sum of the office votes → exit 2, key people[0].total', async () => {
    const p = tampered('total.json', (j) => void ((j.people[0] as { total: number }).total += 1));
    const r = await compare(p, published);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[COMPARE_SUMS_WRONG] total.json 键 people[0].total:');
  });

  it('an untampered result still compares (exit 0 against itself)', async () => {
    expect((await compare(published, published)).code).toBe(0);
  });
});

describe('compare refuses what is not a regular file of sane size', () => {
  it('/dev/zero and a FIFO: refused at once, exit 2', async () => {
    const fifo = path.join(tmp, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const r = await compare('/dev/zero', 'pipe.json');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [FILE_NOT_REGULAR] /dev/zero: 这是设备文件, 不是普通文件; 请给出保存在磁盘上的文件\n' +
        '错误 [FILE_NOT_REGULAR] pipe.json: 这是命名管道 (FIFO), 不是普通文件; 请给出保存在磁盘上的文件\n',
    );
  });

  it('a file over the limit is refused before it is read', () => {
    const p = path.join(tmp, 'big.json');
    writeFileSync(p, 'x'.repeat(2000));
    const r = readInput(p, 'big.json', 1000);
    expect(r.ok ? undefined : r.error[0]?.code).toBe('FILE_TOO_BIG');
  });
});
