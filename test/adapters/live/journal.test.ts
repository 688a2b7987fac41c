/**
 * The live journal (issue 19): a save is in the log before it is confirmed; a torn last log line is
 * dropped on restart; the CSV is rebuilt from the log; a retried request id is not a second ballot;
 * corrections append records and never delete them; the CSV is a ballots file `count` reads.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows } from '../../../src/adapters/live/classify.js';
import { JOURNAL_CSV, JOURNAL_LOG, Journal } from '../../../src/adapters/live/journal.js';
import { type Draft, cellsToDraft, draftToCells, parseDraft } from '../../../src/adapters/live/layout.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { cells, election, layout } from './demo.js';
import { root } from './harness.js';

const clock = (): Date => new Date('2026-12-20T09:00:00.000Z');
const open: Journal[] = [];

function journal(dir: string): Journal {
  const j = Journal.open(dir, layout.header, clock);
  if (!j.ok) throw new Error(j.error.map((e) => e.code).join());
  open.push(j.value);
  return j.value;
}

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'jipiao-journal-'));

afterEach(() => {
  for (const j of open.splice(0)) j.close();
});

describe('layout', () => {
  it('has one column per printed candidate, one 另选 slot per seat, 状态 and 备注; a draft round-trips through its cells', () => {
    expect(layout.header).toEqual([
      '票号',
      '票箱',
      '主任:张建国',
      '主任:李秀英',
      '主任:另选1',
      '副主任:王芳',
      '副主任:赵磊',
      '副主任:另选1',
      '委员:孙丽',
      '委员:周强',
      '委员:吴敏',
      '委员:郑伟',
      '委员:另选1',
      '委员:另选2',
      '委员:另选3',
      '状态',
      '备注',
    ]);
    const d: Draft = {
      marks: { '0': 'approve', '3': 'oppose', '5': 'unclear' },
      writeIns: [{ office: 2, name: '陈晓东' }],
      status: '疑难',
      note: '撕破',
    };
    const c = cells('000007', d);
    expect(c).toEqual(['000007', '中心会场', '○', '', '', '', '×', '', '', '?', '', '', '陈晓东', '', '', '疑难', '撕破']);
    expect(cellsToDraft(layout, c)).toEqual(d);
  });
  it('refuses more written names than the office has 另选 slots', () => {
    const r = draftToCells(layout, election, '1', 'b', {
      marks: {},
      writeIns: [
        { office: 0, name: '甲' },
        { office: 0, name: '乙' },
      ],
      status: '',
      note: '',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ code: 'LIVE_WRITEIN_SLOTS_FULL', office: '主任', slots: 1 });
  });
});

describe('a draft from the entry page', () => {
  it("is checked: unknown candidate numbers, marks and states are refused; formula-like text gets a leading '", () => {
    expect(parseDraft({ marks: { '99': 'approve' }, writeIns: [], status: '' }, layout)).toBe('没有候选人编号 99');
    expect(parseDraft({ marks: { '0': 'yes' }, writeIns: [], status: '' }, layout)).toBe('候选人 0 的符号无效');
    expect(parseDraft({ marks: {}, writeIns: [], status: '作废' }, layout)).toBe('状态无效');
    expect(
      parseDraft(
        {
          marks: {},
          writeIns: [
            { office: 2, name: '=HYPERLINK("x")' },
            { office: 2, name: ' ' },
          ],
          status: '',
          note: '+1\n撕破',
        },
        layout,
      ),
    ).toEqual({
      marks: {},
      writeIns: [{ office: 2, name: '\'=HYPERLINK("x")' }],
      status: '',
      note: "'+1 撕破",
    });
  });
});

describe('journal', () => {
  it('appends each save to the log and the CSV; the CSV is a ballots file the count reads', async () => {
    const dir = tmp();
    const j = journal(dir);
    expect(j.nextTicket()).toBe('000001');
    j.save('main', 'a', '甲', '中心会场', '000001', cells('000001', { marks: { '0': 'approve' } }));
    j.save('main', 'b', '甲', '中心会场', '000002', cells('000002', { status: '无法辨认' }));
    expect(j.nextTicket()).toBe('000003');
    const csv = readFileSync(path.join(dir, JOURNAL_CSV), 'utf8');
    expect(csv.startsWith('\uFEFF票号,票箱,主任:张建国')).toBe(true);
    expect(csv.trimEnd().split('\n')).toHaveLength(3);
    const log = readFileSync(path.join(dir, JOURNAL_LOG), 'utf8').trimEnd().split('\n');
    expect(log.map((l) => (JSON.parse(l) as { op: string; seq: number; at: string }).seq)).toEqual([1, 2]);
    expect(JSON.parse(log[0] ?? '{}')).toMatchObject({ op: 'save', station: '甲', at: '2026-12-20T09:00:00.000Z', ticket: '000001' });
    const counted = await countRows(
      { election, registered: 400, roll: undefined, rulings: [], layout, file: JOURNAL_CSV },
      j.entries('main').map((e) => e.cells),
    );
    expect(counted.result.ok && counted.result.value.ballots).toMatchObject({ returned: 2, valid: 1, invalid: 1 });
  });

  it('a request id seen before returns the ballot saved then: nothing doubled, also after a restart', () => {
    const dir = tmp();
    const first = journal(dir).save('main', 'same-id', '甲', 'b', '000001', cells('000001', {}));
    open.pop()?.close();
    const j = journal(dir);
    const again = j.save('main', 'same-id', '甲', 'b', '000002', cells('000002', {}));
    expect(again.ticket).toBe(first.ticket);
    expect(j.entries('main')).toHaveLength(1);
  });

  it('drops a log line cut off by a power failure, and rebuilds the CSV from the log', () => {
    const dir = tmp();
    const j = journal(dir);
    j.save('main', 'a', '甲', 'b', '000001', cells('000001', {}));
    j.close();
    open.pop();
    appendFileSync(path.join(dir, JOURNAL_LOG), '{"seq":2,"at":"2026-12-20T09:0'); // torn: never confirmed
    appendFileSync(path.join(dir, JOURNAL_CSV), '000002,b,○'); // a CSV row whose log line did not make it
    const k = journal(dir);
    expect(k.entries('main').map((e) => e.ticket)).toEqual(['000001']);
    expect(readFileSync(path.join(dir, JOURNAL_CSV), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    k.save('main', 'b', '甲', 'b', '000002', cells('000002', {}));
    const log = readFileSync(path.join(dir, JOURNAL_LOG), 'utf8').trimEnd().split('\n');
    expect(log.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2]);
  });

  it('refuses a log with a broken line in the middle, and a CSV without its log', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, JOURNAL_LOG), 'not json\n{"op":"freeze","seq":2,"at":"x","station":"甲","sha256":"0"}\n');
    const r = Journal.open(dir, layout.header, clock);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ code: 'LIVE_JOURNAL_CORRUPT', file: JOURNAL_LOG, line: 1 });
    const other = tmp();
    writeFileSync(path.join(other, JOURNAL_CSV), '票号\n');
    const s = Journal.open(other, layout.header, clock);
    expect(!s.ok && s.error[0]?.code).toBe('LIVE_JOURNAL_WITHOUT_LOG');
  });

  it('refuses a log written for another election.json (other columns)', () => {
    const dir = tmp();
    journal(dir).save('main', 'a', '甲', 'b', '000001', cells('000001', {}));
    open.pop()?.close();
    const r = Journal.open(dir, layout.header.slice(1), clock);
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'LIVE_JOURNAL_HEADER', file: JOURNAL_CSV, line: 1 });
    const renamed = Journal.open(
      dir,
      layout.header.map((h) => h.replace('郑伟', '郑为')),
      clock,
    );
    expect(!renamed.ok && renamed.error[0]).toMatchObject({ code: 'LIVE_JOURNAL_HEADER', file: JOURNAL_CSV });
  });

  it('undo and edit append correction records (before/after) and rewrite the CSV; the records survive a restart', () => {
    const dir = tmp();
    const j = journal(dir);
    j.save('main', 'a', '甲', 'b', '000001', cells('000001', { marks: { '0': 'approve' } }));
    const second = j.save('main', 'b', '乙', 'b', '000002', cells('000002', { marks: { '1': 'approve' } }));
    const first = j.entries('main')[0];
    if (!first) throw new Error('no first ballot');
    j.edit(first, '甲', cells('000001', { marks: { '1': 'approve' } }));
    expect(j.lastOf('main', '乙')).toBe(second);
    j.undo(second, '乙');
    expect(j.nextTicket()).toBe('000002');
    const csv = readFileSync(path.join(dir, JOURNAL_CSV), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toBe('000001,中心会场,,○,,,,,,,,,,,,,');
    open.pop()?.close();
    const k = journal(dir);
    const ops = k.allEvents().map((e) => e.op);
    expect(ops).toEqual(['save', 'save', 'edit', 'undo']);
    expect(k.allEvents()[2]).toMatchObject({
      op: 'edit',
      station: '甲',
      ticket: '000001',
      before: cells('000001', { marks: { '0': 'approve' } }),
    });
    expect(k.entries('main').map((e) => e.cells)).toEqual([cells('000001', { marks: { '1': 'approve' } })]);
    expect(existsSync(path.join(dir, `${JOURNAL_CSV}.${process.pid}.tmp`))).toBe(false);
  });
});

describe('jipiao live: input problems are exit 2 with a code', () => {
  it('no election.json; a bad port; a journal CSV without its log', async () => {
    const dir = tmp();
    let io = fakeIo(root);
    expect(await main(['live', dir, '--no-open'], io)).toBe(2);
    expect(io.err()).toContain('[ELECTION_NOT_FOUND]');
    io = fakeIo(root);
    expect(await main(['live', dir, '--port', 'x', '--no-open'], io)).toBe(2);
    expect(io.err()).toContain('[USAGE_BAD_PORT]');
    writeFileSync(path.join(dir, 'election.json'), readFileSync(path.join(root, 'fixtures/demo/election.json')));
    writeFileSync(path.join(dir, 'voters.csv'), readFileSync(path.join(root, 'fixtures/demo/voters.csv')));
    writeFileSync(path.join(dir, JOURNAL_CSV), '票号\n');
    io = fakeIo(root);
    expect(await main(['live', dir, '--no-open', '--port', '0'], io)).toBe(2);
    expect(io.err()).toContain('[LIVE_JOURNAL_WITHOUT_LOG]');
  });
});
