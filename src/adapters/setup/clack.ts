/**
 * @clack/prompts behind the Prompter interface (loaded only in a terminal), every word on the screen in
 * Chinese: clack's own key hints under a list ("↑/↓ to navigate • Enter: confirm", SELECT_INSTRUCTIONS,
 * not configurable) are turned off and said in Chinese after the question instead; yes/no are 是/否; its
 * global messages (updateSettings) are Chinese too. The streams are the process's unless a test gives its own.
 */
import type { Readable, Writable } from 'node:stream';
import type { Prompter } from './questions.js';

export interface PromptStreams {
  readonly input?: Readable | undefined;
  readonly output?: Writable | undefined;
}

/** The key hints, in place of clack's English ones. */
export const SELECT_HINT = '↑/↓ 选择, 回车确认';
export const CONFIRM_HINT = '←/→ 选择, 回车确认';

export async function clackPrompter(streams: PromptStreams = {}): Promise<Prompter & { done(msg: string): void }> {
  const p = await import('@clack/prompts');
  p.updateSettings({ messages: { cancel: '已取消', error: '出错了' } });
  const io = { ...(streams.input ? { input: streams.input } : {}), ...(streams.output ? { output: streams.output } : {}) };
  const value = <T>(v: unknown): T | undefined => (p.isCancel(v) ? undefined : (v as T));
  p.intro('新建选举', io);
  return {
    // The default is shown as a placeholder and taken on Enter (typing replaces it, never appends to it).
    text: async (message, initial, validate) =>
      value<string>(
        await p.text({
          ...io,
          message,
          placeholder: initial,
          defaultValue: initial,
          validate: validate && ((s) => ((s ?? '') === '' && initial !== '' ? undefined : validate(s ?? ''))),
        }),
      ),
    select: async <T extends string>(message: string, options: readonly { value: T; label: string }[], initial: T) =>
      value<T>(
        await p.select({
          ...io,
          message: `${message} (${SELECT_HINT})`,
          options: options.map((x) => ({ value: x.value, label: x.label })) as never,
          initialValue: initial,
          showInstructions: false,
        }),
      ),
    confirm: async (message) =>
      value<boolean>(await p.confirm({ ...io, message: `${message} (${CONFIRM_HINT})`, active: '是', inactive: '否' })),
    done: (msg) => p.outro(msg, io),
  };
}
