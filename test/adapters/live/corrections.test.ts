/**
 * Corrections at the venue reach the ballot log and the final report (issue 19): 撤销上一张 and 修改 through
 * the server's API, then 结束计票. The ballot log is `count --ballot-log` of the journal plus a 更正 column
 * (who, when, before → after) on the corrected 票号; the 选举结果报告单 lists the corrections with their
 * count before its signatures; the JSON result stays byte for byte `jipiao count` of the journal.
 * Without corrections the ballot log and the sheets are exactly those of `count`/`report`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { type Running, demoFolder, startLive, stopLive } from './harness.js';

const running: Running[] = [];
afterAll(async () => {
  for (const r of running) await stopLive(r);
});

type Marks = Record<string, 'approve' | 'oppose' | 'unclear'>;
const draft = (marks: Marks) => ({ marks, writeIns: [], status: '', note: '' });

async function post(base: string, op: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}/api/${op}`, { method: 'POST', body: JSON.stringify({ station: '计票员甲', box: '中心会场', ...body }) });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status !== 200) throw new Error(`${op}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Run `jipiao` in-process; its stdout. */
async function jipiao(args: string[], cwd: string): Promise<string> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  if (code !== 0 && code !== 1) throw new Error(`jipiao ${args.join(' ')}: ${code} ${io.err()}`);
  return io.out();
}

/** Start live on a fresh demo folder, type `ballots`, run `then`, finish; the folder. */
async function liveRun(ballots: readonly Marks[], then: (base: string) => Promise<void>): Promise<string> {
  const dir = demoFolder(false);
  const live = await startLive(dir, path.dirname(dir));
  running.push(live);
  const base = new URL(live.board).origin;
  for (const [i, m] of ballots.entries()) await post(base, 'save', { id: `b${i}`, draft: draft(m) });
  await then(base);
  await post(base, 'finish', {});
  await stopLive(live);
  return dir;
}

const read = (dir: string, name: string): string => readFileSync(path.join(dir, name), 'utf8');
const rowsOf = (csv: string): string[][] => parse(csv, { bom: true }) as string[][];

describe('jipiao live: corrections in the ballot log and the report', () => {
  it('an undo and an edit: a 更正 column on the corrected 票号, a block on the 选举结果报告单, the JSON unchanged', async () => {
    const dir = await liveRun([{ '0': 'approve' }, { '1': 'approve' }, { '0': 'approve', '2': 'approve' }], async (base) => {
      await post(base, 'undo', {}); // 000003 withdrawn…
      await post(base, 'save', { id: 'again', draft: draft({ '0': 'approve', '3': 'approve' }) }); // …and typed again
      await post(base, 'edit', { ticket: '000001', draft: draft({ '1': 'approve' }) });
    });
    const rel = path.basename(dir);
    const cwd = path.dirname(dir);
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'jipiao-log-')), 'log.csv');
    expect(read(dir, '现场计票-结果.json')).toBe(
      await jipiao(['count', `${rel}/现场计票.csv`, '--format', 'json', '--ballot-log', logFile], cwd),
    );

    const log = rowsOf(read(dir, '现场计票-逐票记录.csv'));
    const counted = rowsOf(readFileSync(logFile, 'utf8'));
    expect(log[0]).toEqual([...(counted[0] ?? []), '更正']);
    // Every ballot's first eight cells are count's; only the corrected 票号 have a 更正 cell.
    expect(log.map((r) => r.slice(0, -1))).toEqual(counted);
    const corrected = log.slice(1).map((r) => [r[0], r[8]]);
    expect(corrected[1]).toEqual(['000002', '']);
    expect(corrected[0]?.[1]).toMatch(/^修改 \(计票员甲, \d{4}-\d\d-\d\dT[\d:.]+Z\): 主任: 张建国; .* → 主任: 李秀英; /u);
    expect(corrected[2]?.[1]).toMatch(/^撤销 \(计票员甲, .*\): 主任: 张建国; 副主任: 王芳; .* → \(已撤销\)$/u);

    const sheet = read(dir, 'report/选举结果报告单.txt');
    expect(sheet).toContain('现场计票更正记录：共 2 条（撤销 1 条，修改 1 条）');
    expect(sheet).toMatch(/撤销\s+票号 000003/u);
    expect(sheet).toMatch(/修改\s+票号 000001/u);
    // Before the signatures, which sign for it.
    expect(sheet.indexOf('现场计票更正记录')).toBeLessThan(sheet.indexOf('总监票人（签名）'));
    expect(read(dir, 'report/全部文书.txt')).toContain('现场计票更正记录：共 2 条');
    expect(read(dir, 'report/选举结果报告单.html')).toContain('现场计票更正记录：共 2 条');

    // The sheets made again later by `jipiao report` on the journal carry the same corrections.
    const again = mkdtempSync(path.join(tmpdir(), 'jipiao-report-'));
    await jipiao(['report', `${rel}/现场计票.csv`, '--out', again], cwd);
    expect(readFileSync(path.join(again, '选举结果报告单.txt'), 'utf8')).toBe(sheet);
    expect(readFileSync(path.join(again, '全部文书.txt'), 'utf8')).toBe(read(dir, 'report/全部文书.txt'));
  });

  it('without corrections: the ballot log and the sheets are those of count --ballot-log and report', async () => {
    const dir = await liveRun([{ '0': 'approve' }, { '1': 'approve' }], async () => undefined);
    const rel = path.basename(dir);
    const cwd = path.dirname(dir);
    const out = mkdtempSync(path.join(tmpdir(), 'jipiao-report-'));
    await jipiao(['count', `${rel}/现场计票.csv`, '--format', 'json', '--ballot-log', path.join(out, 'log.csv')], cwd);
    expect(read(dir, '现场计票-逐票记录.csv')).toBe(readFileSync(path.join(out, 'log.csv'), 'utf8'));
    await jipiao(['report', `${rel}/现场计票.csv`, '--out', out], cwd);
    expect(read(dir, 'report/选举结果报告单.txt')).toBe(readFileSync(path.join(out, '选举结果报告单.txt'), 'utf8'));
    expect(read(dir, 'report/选举结果报告单.txt')).not.toContain('更正');
  });
});
