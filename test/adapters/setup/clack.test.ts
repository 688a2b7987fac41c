/**
 * `jipiao init` in a terminal speaks Chinese only (issue 15): the @clack/prompts prompter driven through
 * a fake TTY (keys written to its input, frames read from its output). Every frame, colour codes
 * removed, holds no Latin word — clack's English key hints ("to navigate", "Enter: confirm") are gone —
 * and the keys still work (↓ picks the next option, ← / → switch 是/否, Ctrl+C cancels).
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONFIRM_HINT, SELECT_HINT, clackPrompter } from '../../../src/adapters/setup/clack.js';
import { stripAnsi } from '../../../src/adapters/render/text.js';
import { METHOD_LABEL } from '../../../src/core/index.js';

/** A terminal: keys in, frames out (80 columns). */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  let frames = '';
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        frames += chunk.toString();
        done();
      },
    }),
    { isTTY: true, columns: 80, rows: 24 },
  );
  return { input, output, frames: () => stripAnsi(frames).replace(/\u001b\[[0-9;?]*[A-Za-z]/gu, '') };
}

const DOWN = '\u001b[B';
const RIGHT = '\u001b[C';
const ENTER = '\r';
const CTRL_C = '\u0003';

/** Latin words the user would read (two letters or more), colour and cursor codes already removed. */
const latinWords = (s: string): string[] => s.match(/[A-Za-z]{2,}/gu) ?? [];

describe('the init prompts in a terminal', () => {
  it('text, select and confirm: the answers given by keys, and not one Latin word on the screen', async () => {
    const t = terminal();
    const p = await clackPrompter({ input: t.input, output: t.output });
    const community = p.text('社区名称', '');
    t.input.write('银龙东苑社区');
    t.input.write(ENTER);
    expect(await community).toBe('银龙东苑社区');
    const date = p.text('选举日期', '2026-12-20', (s) => (/^\d{4}-\d{2}-\d{2}$/u.test(s) ? undefined : '请写作 年-月-日'));
    t.input.write(ENTER); // the default, shown as the placeholder
    expect(await date).toBe('2026-12-20');
    const options = Object.entries(METHOD_LABEL).map(([value, label]) => ({ value, label }));
    const method = p.select('选举方式', options, options[0]?.value ?? '');
    t.input.write(DOWN);
    t.input.write(ENTER);
    expect(await method).toBe(options[1]?.value);
    const sure = p.confirm('确认写入?');
    t.input.write(RIGHT); // 是 → 否
    t.input.write(ENTER);
    expect(await sure).toBe(false);
    p.done('完成');
    const shown = t.frames();
    expect(shown).toContain(`选举方式 (${SELECT_HINT})`);
    expect(shown).toContain(`确认写入? (${CONFIRM_HINT})`);
    expect(shown).toContain(options[1]?.label);
    expect(shown).toContain('否');
    expect(latinWords(shown)).toEqual([]);
  });

  it('Ctrl+C cancels a question (undefined), still in Chinese', async () => {
    const t = terminal();
    const p = await clackPrompter({ input: t.input, output: t.output });
    const answer = p.select(
      '投票方式',
      [
        { value: 'combined', label: '合并选票' },
        { value: 'separate', label: '分职务选票' },
      ],
      'combined',
    );
    t.input.write(CTRL_C);
    expect(await answer).toBeUndefined();
    expect(t.frames()).toContain('合并选票');
    expect(latinWords(t.frames())).toEqual([]);
  });

  it("the check can fail: clack's default select shows its English key hints", async () => {
    const t = terminal();
    const { select } = await import('@clack/prompts');
    const answer = select({ input: t.input, output: t.output, message: '选举方式', options: [{ value: 'a', label: '甲' }] });
    t.input.write(ENTER);
    await answer;
    expect(latinWords(t.frames())).toContain('navigate');
  });
});
