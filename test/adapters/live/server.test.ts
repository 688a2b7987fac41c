/**
 * `jipiao live --host`: beyond localhost the entry pages and their requests need the entry key printed
 * in the terminal; the board and its event stream need none. Without --host there is no key and the
 * server listens on 127.0.0.1 only.
 */
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Running, demoFolder, startLive, stopLive } from './harness.js';

const running: Running[] = [];
afterAll(async () => {
  for (const r of running) await stopLive(r);
});

const save = (base: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${base}/api/save`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      id: 'k1',
      station: '甲',
      box: '中心会场',
      draft: { marks: { '0': 'approve' }, writeIns: [], status: '', note: '' },
    }),
  });

describe('jipiao live --host', () => {
  it('prints an entry key and requires it from entry pages; the board needs none', async () => {
    const dir = demoFolder(false);
    // 127.0.0.2 is a loopback address other than 127.0.0.1: it stands for the hall's network here.
    const live = await startLive(dir, path.dirname(dir), ['--host', '127.0.0.2']);
    running.push(live);
    expect(live.key).toMatch(/^[0-9a-f]{8}$/u);
    const base = new URL(live.board).origin;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/u);
    expect(live.entry).toBe(`${base}/entry?key=${live.key ?? ''}`);
    expect((await fetch(`${base}/entry`)).status).toBe(403);
    expect((await fetch(`${base}/entry?key=wrong`)).status).toBe(403);
    expect((await fetch(live.entry)).status).toBe(200);
    expect((await save(base)).status).toBe(403);
    expect((await save(base, { 'x-entry-key': live.key ?? '' })).status).toBe(200);
    expect((await fetch(`${base}/board`)).status).toBe(200);
    const events = await fetch(`${base}/events`);
    expect(events.status).toBe(200);
    const reader = events.body?.getReader();
    let text = '';
    while (!text.includes('"counted":1')) text += new TextDecoder().decode((await reader?.read())?.value);
    await reader?.cancel();
    await stopLive(live);
  });

  it('without --host: 127.0.0.1 and no key', async () => {
    const dir = demoFolder(false);
    const live = await startLive(dir, path.dirname(dir));
    running.push(live);
    expect(live.key).toBeUndefined();
    expect(live.entry).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/entry$/u);
    expect((await save(new URL(live.board).origin)).status).toBe(200);
    await stopLive(live);
  });
});

describe('jipiao live with a page whose request stalls half sent', () => {
  /** A live server, and a save sent to it whose body never arrives in full (Content-Length promises more). */
  async function withStalledSave(): Promise<{ live: Running; base: string; stalled: net.Socket }> {
    const dir = demoFolder(false);
    const live = await startLive(dir, path.dirname(dir));
    running.push(live);
    const base = new URL(live.board).origin;
    const { hostname, port } = new URL(base);
    const stalled = net.connect(Number(port), hostname);
    stalled.write(`POST /api/save HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":`);
    stalled.on('error', () => undefined);
    return { live, base, stalled };
  }
  const within = <T>(p: Promise<T>, ms: number): Promise<T | 'too late'> =>
    Promise.race([p, new Promise<'too late'>((resolve) => setTimeout(() => resolve('too late'), ms))]);
  const pause = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 200));

  it("does not hold up the other stations' saves", async () => {
    const { live, base, stalled } = await withStalledSave();
    await pause();
    const status = save(base).then((r) => r.status);
    expect(await within(status, 10_000)).toBe(200);
    stalled.destroy();
    await stopLive(live);
  });

  it('does not keep the server from stopping on SIGTERM (Ctrl+C)', async () => {
    const { live, base, stalled } = await withStalledSave();
    const events = await fetch(`${base}/events`); // a board page's stream, open too
    expect(events.status).toBe(200);
    await pause();
    const exited = new Promise((resolve) => live.child.once('exit', () => resolve('exited')));
    live.child.kill('SIGTERM');
    expect(await within(exited, 10_000)).toBe('exited');
    expect(live.out()).toContain('已停止。');
    stalled.destroy();
  });
});
