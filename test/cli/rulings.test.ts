/**
 * Disputed-ballot workflow (issue 3): the margin verdict both ways, rulings as an overlay, and every
 * inconsistent ruling as an error naming the rulings line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-rulings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function rulings(name: string, body: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, `票号,认定,更正,表决,理由\n${body}`);
  return p;
}

const stake = 'fixtures/margin-at-stake/ballots.csv';

describe('margin verdict', () => {
  it('says the disputed ballot cannot change the result when it cannot', async () => {
    const r = await run(['count', 'fixtures/margin-stable/ballots.csv', '--format', 'json']);
    const j = JSON.parse(r.out) as { provisional: boolean; margin: { stable: boolean; atStake: string[] } };
    expect(j.provisional).toBe(true);
    expect(j.margin).toEqual({ pending: 1, stable: true, atStake: [] });
    const t = await run(['count', 'fixtures/margin-stable/ballots.csv']);
    expect(t.out).toContain('疑难选票不影响当选结果');
  });
  it('names the seats at stake when it can', async () => {
    const r = await run(['count', stake, '--format', 'json']);
    const j = JSON.parse(r.out) as { margin: { stable: boolean; atStake: string[] } };
    expect(j.margin).toEqual({ pending: 1, stable: false, atStake: ['委员'] });
    const t = await run(['count', stake]);
    expect(t.out).toContain('疑难选票可能影响以下职务的当选结果: 委员');
  });
});

describe('rulings overlay', () => {
  it('a ruling with corrections decides the ballot; the ballot log shows original reading and ruling', async () => {
    const file = rulings('ok.csv', '10,有效,委员=钱七,7:0,认定为赞成钱七\n');
    const log = path.join(tmp, 'log.csv');
    const r = await run(['count', stake, '--rulings', file, '--format', 'json', '--ballot-log', log]);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as {
      provisional: boolean;
      revote: { office: string; seats: number; names: string[] }[];
      ballots: { valid: number; disputed: number };
    };
    expect(j.provisional).toBe(false);
    expect(j.ballots).toMatchObject({ valid: 10, disputed: 0 });
    // 钱七 now 6 = 赵六 6 on votes and total: the second 委员 seat goes to a revote.
    expect(j.revote).toEqual([{ office: '委员', seats: 1, names: ['赵六', '钱七'] }]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(log, 'utf8')).toContain(`10,ballots,${stake},11,有效,RULED,疑难,有效 (${file} 第 2 行)`);
  });
  it('a ruling 无效 makes the ballot invalid (RULED_INVALID)', async () => {
    const r = await run(['count', stake, '--rulings', rulings('inv.csv', '10,无效,,5:2,撕毁\n'), '--format', 'json']);
    const j = JSON.parse(r.out) as { ballots: { invalid: number }; reasons: Record<string, number> };
    expect(j.ballots.invalid).toBe(1);
    expect(j.reasons['RULED_INVALID']).toBe(1);
  });

  const cases: [string, string, string, number][] = [
    ['unknown 票号', '999,有效,,,\n', 'RULING_UNKNOWN_TICKET', 2],
    ['ballot not disputed', '1,有效,,,\n', 'RULING_NOT_DISPUTED', 2],
    ['认定 contradicts the corrected marks', '10,部分有效,,,\n', 'RULING_CONTRADICTS', 2],
    ['correction still unclear', '10,有效,委员=王五、?,,\n', 'RULING_STILL_UNCLEAR', 2],
    ['correction names an unknown column', '10,有效,副主任=王五,,\n', 'RULING_UNKNOWN_COLUMN', 2],
    ['bad 认定 value', '10,可以,,,\n', 'RULINGS_BAD_VERDICT', 2],
    ['duplicate 票号', '10,有效,,,\n10,无效,,,\n', 'RULINGS_DUPLICATE_TICKET', 3],
  ];
  it.each(cases)('%s → %s naming the rulings line', async (_what, body, code, line) => {
    const file = rulings(`${code}.csv`, body);
    const r = await run(['count', stake, '--rulings', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`[${code}]`);
    expect(r.err).toContain(`${file} 第 ${line} 行`);
    expect(r.out).toBe('');
  });
});
