/** CLI edge behaviour: exit codes, usage errors in Chinese, no stack traces, --strict. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { width } from '../../src/adapters/report/width.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function run(args: string[], cwd = root) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('jipiao CLI', () => {
  it('counts the bundled demo election (exit 0) and names the files it used', async () => {
    const r = await run(['count', 'fixtures/demo/ballots.csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('fixtures/demo/election.json');
    expect(r.out).toContain('fixtures/demo/voters.csv');
    expect(r.out).toContain('fixtures/demo/rulings.csv');
    expect(r.out).toContain('张建国');
  });

  it('an unknown option is a one-line Chinese usage error, exit 2', async () => {
    const r = await run(['count', 'fixtures/demo/ballots.csv', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[USAGE\] 未知选项/u);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a missing ballots file names the file, exit 2, no stack trace', async () => {
    const r = await run(['count', 'fixtures/demo/nope.csv', '--election', 'fixtures/demo/election.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('fixtures/demo/nope.csv');
    expect(r.err).not.toMatch(/\bat .+:\d+:\d+/u);
  });

  it('a missing command or subcommand shows help and is a usage error (exit 2)', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['roll']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('check');
  });

  it('--help exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('count');
  });

  it('an unexpected internal failure exits 70 with a report-this message and no stack', async () => {
    const io = fakeIo(root);
    const broken = {
      ...io,
      stdout: {
        isTTY: false,
        write: () => {
          throw new TypeError('boom');
        },
      },
    };
    const code = await main(['count', 'fixtures/demo/ballots.csv'], broken);
    expect(code).toBe(70);
    expect(io.err()).toContain('内部错误');
    expect(io.err()).not.toMatch(/\bat .+:\d+:\d+/u);
  });

  it('--strict exits 1 when ballots are still disputed, 0 when final', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-strict-'));
    try {
      const final = await run(['count', 'fixtures/demo/ballots.csv', '--strict']);
      expect(final.code).toBe(0);
      // Without the rulings file the demo's disputed ballot is pending → not final.
      writeFileSync(path.join(tmp, 'empty-rulings.csv'), '票号,认定,更正,表决,理由\n');
      const pending = await run(['count', 'fixtures/demo/ballots.csv', '--rulings', path.join(tmp, 'empty-rulings.csv'), '--strict']);
      expect(pending.code).toBe(1);
      const lax = await run(['count', 'fixtures/demo/ballots.csv', '--rulings', path.join(tmp, 'empty-rulings.csv')]);
      expect(lax.code).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('disputes --out writes a rulings template that the count accepts back', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-disputes-'));
    try {
      const out = path.join(tmp, 'rulings.csv');
      const r = await run(['disputes', 'fixtures/demo/ballots.csv', '--out', out]);
      expect(r.code).toBe(0);
      expect(existsSync(out)).toBe(true);
      const text = readFileSync(out, 'utf8');
      expect(text.split('\n')[0]).toBe('\uFEFF票号,认定,更正,表决,理由,编号,票箱,疑难情形,备注');
      // 票号 in Excel's text form (issue 12): opening and saving in Excel/WPS keeps the leading zeros.
      expect(text).toContain('"=""000210""",有效,委员:周强=○,7:0');
      const again = await run(['count', 'fixtures/demo/ballots.csv', '--rulings', out, '--format', 'json']);
      expect(again.code).toBe(0);
      const refuse = await run(['disputes', 'fixtures/demo/ballots.csv', '--out', out]);
      expect(refuse.code).toBe(2);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('colour only on a TTY and never with NO_COLOR', async () => {
    const tty = fakeIo(root, { tty: true, env: {} });
    await main(['count', 'fixtures/demo/ballots.csv'], tty);
    expect(tty.out()).toMatch(/\u001b\[/u);
    const ttyNoColor = fakeIo(root, { tty: true, env: { NO_COLOR: '1' } });
    await main(['count', 'fixtures/demo/ballots.csv'], ttyNoColor);
    expect(ttyNoColor.out()).not.toMatch(/\u001b\[/u);
    const pipe = fakeIo(root, { tty: false, env: {} });
    await main(['count', 'fixtures/demo/ballots.csv'], pipe);
    expect(pipe.out()).not.toMatch(/\u001b\[/u);
  });

  it('tables line up with CJK characters counted as two columns', async () => {
    const r = await run(['count', 'fixtures/demo/ballots.csv']);
    const tables = r.out.split('\n').filter((l) => /^[┌│├└]/u.test(l));
    expect(tables.length).toBeGreaterThan(20);
    // Every line of one table has the same display width as the table's top border.
    let w = 0;
    for (const l of tables) {
      if (l.startsWith('┌')) w = width(l);
      expect(width(l), l).toBe(w);
    }
  });

  it('--now is the only way a timestamp gets into the JSON', async () => {
    const plain = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json']);
    expect(plain.out).not.toContain('generatedAt');
    const stamped = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json', '--now', '2026-12-20T18:00:00+08:00']);
    expect((JSON.parse(stamped.out) as { generatedAt: string }).generatedAt).toBe('2026-12-20T18:00:00+08:00');
  });
});
