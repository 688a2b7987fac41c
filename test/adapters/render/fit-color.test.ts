/**
 * Coloured long lines are wrapped like the same lines without colour (issue 15): on a TTY with colour,
 * width is measured without the ANSI codes, the colour is kept, and once the codes are stripped the
 * output is the NO_COLOR output, line for line.
 */
import { describe, expect, it } from 'vitest';
import { fitLines } from '../../../src/adapters/render/fit.js';
import { stripAnsi } from '../../../src/adapters/render/text.js';
import { width } from '../../../src/adapters/report/width.js';
import type { Io } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A terminal `columns` wide; colour on unless NO_COLOR is set. */
async function onTerminal(args: string[], columns: number | undefined, env: Record<string, string>): Promise<string> {
  let out = '';
  const io: Io = {
    stdout: { write: (s) => void (out += s), isTTY: true, columns },
    stderr: { write: () => undefined, isTTY: true },
    env,
    cwd: root,
  };
  await main(args, io);
  return out;
}

const wider = (s: string, max: number): string[] => s.split('\n').filter((l) => width(stripAnsi(l)) > max);

describe('coloured output fits the terminal', () => {
  it.each([
    ['typed-grid-writein', 80],
    ['typed-names-noroll', 80],
    ['rule-boundary-tie', 80],
  ] as const)('count of fixtures/%s at %i columns with colour: no line wider, the same text as NO_COLOR', async (name, columns) => {
    const args = ['count', `fixtures/${name}/ballots.csv`];
    const coloured = await onTerminal(args, columns, {});
    const plain = await onTerminal(args, columns, { NO_COLOR: '1' });
    expect(plain).not.toMatch(/\u001b\[/u);
    // There are coloured lines to wrap: unfitted, some line with colour is wider than the terminal.
    const unfitted = (await onTerminal(args, undefined, {}))
      .split('\n')
      .filter((l) => l.includes('\u001b[') && !/^[┌│├└]/u.test(stripAnsi(l)));
    expect(wider(unfitted.join('\n'), columns).length).toBeGreaterThan(0);
    expect(wider(coloured, columns)).toEqual([]);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('fitLines: a coloured line wrapped where the plain one is, each piece closing and reopening its colour', () => {
    const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
    const line = `  注意: 第一票箱${red('收回选票多于发出选票, 请核对')}各票箱的发出数和收回数`;
    const plain = fitLines([stripAnsi(line)], 24);
    expect(plain).toEqual(['  注意: 第一票箱收回选票', '    多于发出选票, 请核对', '    各票箱的发出数和收回', '    数']);
    // The red run breaks after 收回选票: that piece is reset at its end, the next starts red again and
    // closes where the original closed; the pieces after it are plain.
    expect(fitLines([line], 24)).toEqual([
      '  注意: 第一票箱\u001b[31m收回选票\u001b[0m',
      '    \u001b[31m多于发出选票, 请核对\u001b[39m',
      '    各票箱的发出数和收回',
      '    数',
    ]);
  });
});
