/**
 * Files, folders and faults (issue 13): nothing overwritten, nothing skipped, nothing hangs. Outputs are
 * never written over inputs, are atomic, and an I/O failure (full disk injected through the io layer,
 * missing folder, a folder where a file should be) is one Chinese line naming the path, exit 2, with no
 * partial or temp file left; FIFOs are refused; the hash is of the bytes counted; encodings and line
 * numbers are diagnosed exactly; error lists say how many more; one error is one line.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type OutFs, nodeFs } from '../../src/cli/outputs.js';
import { runCount } from '../../src/cli/pipeline.js';
import { fakeIo } from '../cli/fake-io.js';

const corpus = fileURLToPath(new URL('.', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(cwd: string, args: string[], fs?: OutFs) {
  const io = { ...fakeIo(cwd), fs };
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}
const count = (...args: string[]) => run(corpus, ['count', '--election', 'election.json', ...args]);

/** A fresh folder with good.csv, election.json (and rulings.csv when asked). */
function folder(name: string): string {
  const d = path.join(tmp, name);
  mkdirSync(d);
  for (const f of ['good.csv', 'election.json']) copyFileSync(path.join(corpus, f), path.join(d, f));
  return d;
}
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
const leftovers = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('outputs never replace inputs (exit 2, the input untouched)', () => {
  it('--ballot-log onto the ballots, election.json, a symlink to the ballots, a hard link to them', async () => {
    const d = folder('over');
    symlinkSync('good.csv', path.join(d, 'link.csv'));
    linkSync(path.join(d, 'good.csv'), path.join(d, 'hard.csv'));
    const before = sha(path.join(d, 'good.csv'));
    for (const [target, input] of [
      ['good.csv', 'good.csv'],
      ['election.json', 'election.json'],
      ['link.csv', 'good.csv'],
      ['hard.csv', 'good.csv'],
      ['./sub/../good.csv', 'good.csv'],
    ] as const) {
      const r = await run(d, ['count', 'good.csv', '--ballot-log', target]);
      expect(r.code, target).toBe(2);
      expect(r.out, target).toBe('');
      expect(r.err, target).toBe(
        `错误 [OUT_IS_INPUT] ${path.normalize(target)}: 输出文件就是输入文件 ${input}; 为免覆盖输入, 请换一个输出路径\n`,
      );
    }
    expect(sha(path.join(d, 'good.csv'))).toBe(before);
    expect(leftovers(d)).toEqual([]);
  });

  it('report --out and disputes --out onto an input (even with --force)', async () => {
    const d = folder('over2');
    const rep = await run(d, ['report', 'good.csv', '--out', 'good.csv']);
    expect(rep.code).toBe(2);
    expect(rep.err).toContain('错误 [OUT_IS_INPUT] good.csv:');
    const dis = await run(d, ['disputes', 'good.csv', '--out', 'election.json', '--force']);
    expect(dis.code).toBe(2);
    expect(dis.err).toBe('错误 [OUT_IS_INPUT] election.json: 输出文件就是输入文件 election.json; 为免覆盖输入, 请换一个输出路径\n');
    expect(readFileSync(path.join(d, 'election.json'), 'utf8')).toBe(readFileSync(path.join(corpus, 'election.json'), 'utf8'));
  });
});

describe("I/O failures are the user's to fix: exit 2, path and cause named, nothing partial left", () => {
  /** node:fs, but every write fails as on a full disk. */
  const fullDisk: OutFs = {
    ...nodeFs,
    writeSync: () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };

  it('a full disk while writing the ballot log, the disputes template and the report', async () => {
    const d = folder('full');
    const log = await run(d, ['count', 'good.csv', '--ballot-log', 'log.csv'], fullDisk);
    expect(log).toEqual({ code: 2, out: '', err: '错误 [OUT_ENOSPC] log.csv: 无法写入 (磁盘已满); 请检查输出路径、权限和磁盘空间\n' });
    const dis = await run(d, ['disputes', 'good.csv', '--out', 'r.csv'], fullDisk);
    expect(dis.code).toBe(2);
    expect(dis.err).toBe('错误 [OUT_ENOSPC] r.csv: 无法写入 (磁盘已满); 请检查输出路径、权限和磁盘空间\n');
    const rep = await run(d, ['report', 'good.csv', '--out', 'rep'], fullDisk);
    expect(rep.code).toBe(2);
    expect(rep.err).toMatch(/^错误 \[REPORT_NOT_WRITTEN\] rep: 无法写入文书文件夹 \(磁盘已满\)/u);
    expect(readdirSync(d).sort()).toEqual(['election.json', 'good.csv', 'rep']);
    expect(readdirSync(path.join(d, 'rep'))).toEqual([]);
  });

  it('a missing folder and a folder where the log file should be', async () => {
    const d = folder('paths');
    mkdirSync(path.join(d, 'adir'));
    const missing = await run(d, ['count', 'good.csv', '--ballot-log', 'nowhere/log.csv']);
    expect(missing).toEqual({
      code: 2,
      out: '',
      err: '错误 [OUT_ENOENT] nowhere/log.csv: 无法写入 (所在的文件夹不存在); 请检查输出路径、权限和磁盘空间\n',
    });
    const dir = await run(d, ['count', 'good.csv', '--ballot-log', 'adir']);
    expect(dir.code).toBe(2);
    expect(dir.err).toMatch(/^错误 \[OUT_E(ISDIR|EXIST|NOTEMPTY)\] adir: 无法写入/u);
    expect(leftovers(d)).toEqual([]);
  });
});

describe('inputs: read once, never a hang', () => {
  it('a FIFO as ballots, roll or election.json is refused at once', async () => {
    const d = folder('fifo');
    execFileSync('mkfifo', [path.join(d, 'p.csv')]);
    for (const args of [['p.csv'], ['good.csv', '--roll', 'p.csv'], ['good.csv', '--election', 'p.csv']]) {
      const r = await run(d, ['count', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toBe('错误 [FILE_NOT_REGULAR] p.csv: 这是命名管道 (FIFO), 不是普通文件; 请给出保存在磁盘上的文件\n');
    }
  });

  it('a ballots file replaced during the count: the result holds the hash of the bytes that were counted', async () => {
    const d = folder('toctou');
    const original = sha(path.join(d, 'good.csv'));
    writeFileSync(path.join(d, 'other.csv'), readFileSync(path.join(d, 'good.csv'), 'utf8').replace(/\n4,.*\n$/u, '\n'));
    let swapped = false;
    const r = await runCount(['good.csv'], {}, d, () => {
      if (!swapped) renameSync(path.join(d, 'other.csv'), path.join(d, 'good.csv'));
      swapped = true;
    });
    expect(swapped).toBe(true);
    expect(r.ok && r.value.result.ballots.returned).toBe(4);
    expect(r.ok && r.value.inputs[0]?.sha256).toBe(original);
  });
});

describe('encodings, line numbers, capped lists, one error per line', () => {
  it('UTF-16 is named, with the way out', async () => {
    const r = await count('utf16.csv');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [ENCODING_UTF16] utf16.csv: 文件是 UTF-16LE 编码 (Excel 的 "Unicode 文本"), jipiao 不读此编码; 请另存为 UTF-8 或 GBK 编码的 CSV\n',
    );
  });

  it('a bad UTF-8 byte on line 5 is reported on line 5 (column of its cell), the advice fitting the encoding in force', async () => {
    const auto = await count('bad-utf8-line5.csv');
    expect(auto.code).toBe(2);
    expect(auto.err).toBe(
      '错误 [ENCODING_INVALID] bad-utf8-line5.csv 第 5 行 第 7 列: 文件中有不是有效 UTF-8 编码的字节 (文件可能已损坏, 或混有其他编码的内容); 若整个文件是 GBK 编码, 可用 --encoding gb18030\n',
    );
    const p = path.join(tmp, 'bad-gbk.csv');
    writeFileSync(
      p,
      Buffer.concat([readFileSync(path.join(corpus, 'gbk.csv')), Buffer.from('9,,,,,,', 'latin1'), Buffer.from([0xff, 0x0a])]),
    );
    const gbk = await count(p, '--encoding', 'gb18030');
    expect(gbk.code).toBe(2);
    expect(gbk.err).toContain('[ENCODING_INVALID]');
    expect(gbk.err).not.toContain('--encoding gb18030');
  });

  it('after a quoted bare CR, errors name the right line', async () => {
    const r = await count('bare-cr.csv');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[CSV_INVALID_CLOSING_QUOTE\] bare-cr\.csv 第 4 行/u);
  });

  it('60 ragged rows: 50 listed, then how many more', async () => {
    const r = await count('many-errors.csv');
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[49]).toMatch(/^错误 \[CSV_RECORD_INCONSISTENT_FIELDS_LENGTH\] many-errors\.csv 第 51 行/u);
    expect(lines[50]).toBe('错误 [ERRORS_OMITTED] 还有 10 个错误未列出 (请先改正以上错误, 再重新检查)');
  });

  it('a file name with a newline and an escape: one error line, the characters shown as \\uXXXX', async () => {
    const name = 'a\n错误 [FAKE] x\u001b[31m.csv';
    writeFileSync(path.join(tmp, name), 'not,a,ballot\n');
    const r = await run(tmp, ['count', '--election', path.join(corpus, 'election.json'), name]);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(
      r.err
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('错误 [')).length,
    );
    expect(r.err).toContain('a\\u000A错误 [FAKE] x\\u001B[31m.csv');
    expect(r.err).not.toContain('\u001b');
  });
});

describe('a plain grid file counted by the byte fast path', () => {
  it('replaced during the count: the result holds the hash of the bytes that were counted', async () => {
    const d = folder('fast-swap');
    const body = Array.from({ length: 3000 }, (_, i) => `${i + 1},○,,○,○,,`).join('\n');
    const header = readFileSync(path.join(d, 'good.csv'), 'utf8').split('\n')[0] ?? '';
    writeFileSync(path.join(d, 'big.csv'), `${header}\n${body}\n`);
    const original = sha(path.join(d, 'big.csv'));
    writeFileSync(path.join(d, 'same-size.csv'), `${header}\n${body.replace(/,○,,○,○,,/gu, ',,○,○,○,,')}\n`);
    const e = JSON.parse(readFileSync(path.join(d, 'election.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(d, 'election.json'), JSON.stringify({ ...e, registered: 5000, issued: 4000 }));
    let swapped = false;
    const r = await runCount(['big.csv'], {}, d, () => {
      if (!swapped) renameSync(path.join(d, 'same-size.csv'), path.join(d, 'big.csv'));
      swapped = true;
    });
    expect(swapped).toBe(true);
    expect(r.ok && r.value.result.ballots.returned).toBe(3000);
    expect(r.ok && r.value.inputs[0]?.sha256).toBe(original);
    expect(sha(path.join(d, 'big.csv'))).not.toBe(original);
  });
});
