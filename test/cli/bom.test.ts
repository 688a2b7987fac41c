/**
 * Every CSV jipiao writes for people starts with a UTF-8 BOM (Excel on a Chinese Windows reads a file
 * without one as GBK) and is read back by jipiao unchanged; `--encoding gbk` is an alias of gb18030.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvAll } from '../../src/adapters/input/csv.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-bom-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Every .csv file under a folder (recursively). */
function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.csv'))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Write every kind of CSV jipiao produces into `tmp`; return the files. */
async function writeAll(): Promise<string[]> {
  const demo = 'fixtures/demo/ballots.csv';
  const tallies = await run(['count', demo, '--format', 'csv', '--ballot-log', path.join(tmp, 'ballot-log.csv')]);
  expect(tallies.code).toBe(0);
  writeFileSync(path.join(tmp, 'tallies.csv'), tallies.out);
  expect((await run(['disputes', demo, '--out', path.join(tmp, 'rulings-template.csv')])).code).toBe(0);
  const roll = await run(['roll', 'check', 'fixtures/roll-problems/voters.csv', '--format', 'csv']);
  writeFileSync(path.join(tmp, 'roll-check.csv'), roll.out);
  const candidates = path.join(tmp, 'candidates.txt');
  writeFileSync(candidates, '职务,应选人数,候选人\n主任,1,张三、李四\n委员,2,王五、赵六、钱七\n');
  expect((await run(['init', path.join(tmp, 'init'), '--candidates', candidates, '--yes'])).code).toBe(0);
  return csvFiles(tmp);
}

describe('CSV written for people', () => {
  it('every written CSV starts with a UTF-8 BOM and reads back unchanged', async () => {
    const files = await writeAll();
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'ballot-log.csv',
      'roll-check.csv',
      'rulings-template.csv',
      'tallies.csv',
      '计票统计表.csv',
      '选票模板-名单式.csv',
      '选票模板-表格式.csv',
    ]);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect([...bytes.subarray(0, 3)], path.basename(f)).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).includes(Buffer.from('\uFEFF')), `${path.basename(f)}: one BOM only`).toBe(false);
      const rows = await readCsvAll(f, path.basename(f));
      if (!rows.ok) throw new Error(JSON.stringify(rows.error));
      const expected = bytes
        .subarray(3)
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')[0]
        ?.split(',')[0];
      expect(rows.value[0]?.cells[0]).toBe(expected);
    }
  });

  it('a rulings template written by disputes is accepted back by count', async () => {
    const out = path.join(tmp, 'rulings-back.csv');
    expect((await run(['disputes', 'fixtures/demo/ballots.csv', '--out', out])).code).toBe(0);
    const r = await run(['count', 'fixtures/demo/ballots.csv', '--rulings', out, '--format', 'json']);
    expect(r.code).toBe(0);
  });
});

describe('--encoding gbk', () => {
  it('is an alias of gb18030: same JSON except the echoed option', async () => {
    const a = await run(['count', 'test/bad-inputs/gbk.csv', '--encoding', 'gbk', '--format', 'json']);
    const b = await run(['count', 'test/bad-inputs/gbk.csv', '--encoding', 'gb18030', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });
  it('roll check accepts it too', async () => {
    const a = await run([
      'roll',
      'check',
      'test/bad-inputs/gbk-voters.csv',
      '--election',
      'fixtures/roll-clean/election.json',
      '--encoding',
      'gbk',
      '--format',
      'json',
    ]);
    const b = await run(['roll', 'check', 'fixtures/roll-clean/voters.csv', '--format', 'json']);
    expect(a.err).toBe('');
    const summary = (s: string): unknown => (JSON.parse(s) as { summary: unknown }).summary;
    expect(summary(a.out)).toEqual(summary(b.out));
  });
});
