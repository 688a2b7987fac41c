/**
 * The split count (issue 6): big files are cut into parts counted on several cores and merged. It must
 * give exactly what the sequential count gives — results, and errors when the input is bad (the split
 * path then falls back to the sequential count). Forced here on small files with minBytes 0.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/adapters/render/json.js';
import { BallotLog } from '../../src/cli/ballot-log.js';
import { type CountInputOptions, runCount } from '../../src/cli/pipeline.js';
// @ts-expect-error — plain-JS benchmark generator, no types
import { generate } from '../bench/gen.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function both(files: string[], cwd: string, parts: number, opts: CountInputOptions = {}): Promise<{ seq: string; split: string; used: number }> {
  const show = async (o: CountInputOptions): Promise<{ text: string; parts: number }> => {
    const r = await runCount(files, o, cwd);
    if (!r.ok) return { text: `ERRORS\n${JSON.stringify(r.error, null, 1)}`, parts: 0 };
    return { text: renderJson(r.value.result, { color: false, inputs: r.value.inputs }), parts: r.value.parts };
  };
  const seq = await show({ ...opts, split: false });
  const split = await show({ ...opts, split: { parts, minBytes: 0 } });
  return { seq: seq.text, split: split.text, used: split.parts };
}

function scenarios(): { name: string; files: string[] }[] {
  const dir = path.join(root, 'fixtures');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'election.json')))
    .map((d) => ({
      name: d.name,
      files: readdirSync(path.join(dir, d.name))
        .filter((f) => /^ballots.*\.csv$/u.test(f))
        .sort()
        .map((f) => `fixtures/${d.name}/${f}`),
    }))
    .filter((s) => s.files.length > 0);
}

describe('split count = sequential count, every fixture', () => {
  const all = scenarios();
  it('has fixtures to compare', () => expect(all.length).toBeGreaterThan(40));
  let splitUsed = 0;
  for (const { name, files } of all) {
    it(name, async () => {
      for (const parts of [2, 3]) {
        const r = await both(files, root, parts);
        expect(r.split).toBe(r.seq);
        if (r.used > files.length) splitUsed++;
      }
    });
  }
  it('actually split most of them (the comparison is not of two sequential counts)', () => {
    expect(splitUsed).toBeGreaterThan(all.length);
  });
});

describe('split count on a generated election', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jipiao-split-'));
  it('20 000 ballots (write-ins, overvotes, 疑难) in 2, 3 and 4 parts', async () => {
    await generate(dir, 20_000, 7);
    for (const parts of [2, 3, 4]) {
      const r = await both(['ballots.csv'], dir, parts);
      expect(r.used).toBe(parts);
      expect(r.seq).toContain('"returned": 20000');
      expect(r.split).toBe(r.seq);
    }
  });
  it('the ballot log of a split count is the sequential one, byte for byte', async () => {
    const logOf = async (split: CountInputOptions['split']): Promise<{ text: string; parts: number }> => {
      const target = path.join(dir, `log-${String(split && split.parts)}.csv`);
      const log = new BallotLog(target);
      const r = await runCount(['ballots.csv'], { split }, dir, log);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      log.commit();
      return { text: readFileSync(target, 'utf8'), parts: r.value.parts };
    };
    const seq = await logOf(false);
    expect(seq.text.split('\n')).toHaveLength(20_000 + 2);
    for (const parts of [2, 3]) {
      const split = await logOf({ parts, minBytes: 0 });
      expect(split.parts).toBe(parts);
      expect(split.text).toBe(seq.text);
    }
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
  it('a ballot log that starts over keeps only what follows, and part files are appended in place', () => {
    const target = path.join(dir, 'reset.csv');
    const log = new BallotLog(target);
    const entry = (ticket: string) => ({ ticket, box: 'b', file: 'f.csv', line: 2, class: 'valid' as const, reasons: [] });
    log.add(entry('A1'));
    const p = log.partPath(1);
    writeFileSync(p, 'stale\n');
    log.reset();
    expect(existsSync(p)).toBe(false);
    log.add(entry('B1'));
    const q = log.partPath(1);
    writeFileSync(q, 'PART\n');
    log.appendPart(q);
    log.add(entry('B2'));
    log.commit();
    const lines = readFileSync(target, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^B1,/u);
    expect(lines[2]).toBe('PART');
    expect(lines[3]).toMatch(/^B2,/u);
    expect(existsSync(q)).toBe(false);
  });
  it('a 票号 in two parts is the duplicate error of the sequential count, naming both lines', async () => {
    const text = readFileSync(path.join(dir, 'ballots.csv'), 'utf8').split('\n');
    const second = text[2]?.split(',')[0] ?? '';
    const last = text.length - 2; // the final line is empty
    const row = (text[last] ?? '').split(',');
    row[0] = second;
    text[last] = row.join(',');
    writeFileSync(path.join(dir, 'dup.csv'), text.join('\n'));
    const r = await both(['dup.csv'], dir, 2);
    expect(r.seq).toContain('BALLOT_DUPLICATE_TICKET');
    expect(r.seq).toContain('第一次出现在 dup.csv 第 3 行');
    expect(r.split).toBe(r.seq);
  });
  it('a row error in the first or the later part comes out as in the sequential count', async () => {
    for (const at of [5, -5]) {
      const text = readFileSync(path.join(dir, 'ballots.csv'), 'utf8').split('\n');
      text[at > 0 ? at : text.length + at] = '99999999,中心会场,√';
      writeFileSync(path.join(dir, 'ragged.csv'), text.join('\n'));
      const r = await both(['ragged.csv'], dir, 2);
      expect(r.seq).toContain('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH');
      expect(r.split).toBe(r.seq);
    }
  });
  it('rulings applied in either part, and one for a missing 票号, as in the sequential count', async () => {
    // Flag a ballot near the start and one near the end as 疑难 (状态 is the last column).
    const lines = readFileSync(path.join(dir, 'ballots.csv'), 'utf8').split('\n');
    const flag = (i: number): string => {
      const cells = (lines[i] ?? '').split(',');
      cells[cells.length - 1] = '疑难';
      lines[i] = cells.join(',');
      return cells[0] ?? '';
    };
    const first = flag(10);
    const lastOne = flag(lines.length - 10);
    writeFileSync(path.join(dir, 'ruled.csv'), lines.join('\n'));
    writeFileSync(path.join(dir, 'rulings.csv'), `票号,认定,更正,表决,理由\n${first},无效,,7:0,测试\n${lastOne},无效,,7:0,测试\n`);
    const r = await both(['ruled.csv'], dir, 2);
    expect(r.used).toBe(2);
    expect(r.seq.match(/RULED_INVALID/gu)?.length).toBeGreaterThan(1);
    expect(r.split).toBe(r.seq);
    writeFileSync(path.join(dir, 'rulings.csv'), `票号,认定,更正,表决,理由\n${first},无效,,7:0,测试\nX1,无效,,7:0,测试\n`);
    const bad = await both(['ruled.csv'], dir, 2);
    expect(bad.seq).toContain('RULING_UNKNOWN_TICKET');
    expect(bad.split).toBe(bad.seq);
  });
});

describe('split count of a GB18030 file', () => {
  it('parts decode on their own and add up to the whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jipiao-split-gbk-'));
    const bad = path.join(root, 'test', 'bad-inputs');
    const election = JSON.parse(readFileSync(path.join(bad, 'election.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'election.json'), JSON.stringify({ ...election, registered: 5000, issued: 5000 }));
    // Rows of the GBK sample file, renumbered; every third with a quoted GBK write-in.
    const bytes = readFileSync(path.join(bad, 'gbk.csv'));
    const lines: Buffer[] = [];
    for (let i = 0, j = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        if (i > j) lines.push(bytes.subarray(j, i));
        j = i + 1;
      }
    }
    const [header, ...rows] = lines;
    if (!header) throw new Error('gbk.csv has no header');
    // GBK bytes of 钱七: the header's sixth column is 委员:钱七.
    const columns: Buffer[] = [];
    for (let i = 0, j = 0; i <= header.length; i++) {
      if (i === header.length || header[i] === 0x2c) {
        columns.push(header.subarray(j, i));
        j = i + 1;
      }
    }
    const col = columns[5] ?? Buffer.alloc(0);
    const qian = col.subarray(col.indexOf(0x3a) + 1);
    expect(qian.length).toBe(4);
    const out: Buffer[] = [header, Buffer.from('\n')];
    for (let i = 1; i <= 3000; i++) {
      const row = rows[i % rows.length] ?? Buffer.alloc(0);
      const rest = row.subarray(row.indexOf(0x2c), row.length - 1); // without the empty 另选1 cell's comma
      const writeIn = i % 3 === 0 ? Buffer.concat([Buffer.from(',"'), qian, Buffer.from('"')]) : Buffer.from(',');
      out.push(Buffer.from(String(i)), rest, writeIn, Buffer.from('\n'));
    }
    writeFileSync(path.join(dir, 'ballots.csv'), Buffer.concat(out));
    const r = await both(['ballots.csv'], dir, 2);
    expect(r.used).toBe(2);
    expect(r.seq).toContain('"returned": 3000');
    expect(r.seq).toContain('"张三"');
    expect(r.split).toBe(r.seq);
  });
});
