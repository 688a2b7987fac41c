/**
 * The venue server (issue 19): node:http, JSON requests from the entry pages, server-sent events to
 * every page. Requests are handled one at a time (the journal's writes are synchronous), so two
 * stations can never interleave half a save. Entry requests need the entry key when one is set (the
 * server listens beyond localhost); the board and the event stream are read-only and need none.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { CountResult, InputError } from '../../core/index.js';
import { type LiveElection, countRows, previewCells } from './classify.js';
import { type Entry, type Journal, type Track } from './journal.js';
import { cellsToDraft, draftToCells, parseDraft } from './layout.js';
import { BOARD_HTML } from './pages/board.js';
import { ENTRY_HTML } from './pages/entry.js';
import { type FinalView, type Snapshot, snapshot } from './snapshot.js';

export interface FinishOutcome {
  readonly ok: boolean;
  readonly errors: readonly string[];
  readonly final: FinalView | null;
}

export interface LiveServerOptions {
  readonly le: LiveElection;
  readonly journal: Journal;
  /** Entry key required from entry pages (undefined: none, localhost only). */
  readonly key: string | undefined;
  /** Count the frozen journal as `jipiao count`/`report` would and write the results (the CLI's part). */
  readonly finish: (sha256: string) => Promise<FinishOutcome>;
  /** A bug while handling a request (the page is told 服务器内部错误; the terminal gets the details). */
  readonly onInternalError?: (e: unknown) => void;
}

type Reply = { status: number; body: unknown };

export class LiveServer {
  private readonly clients = new Set<ServerResponse>();
  private current: Snapshot | undefined;
  private final: FinalView | null = null;
  private finishing = false;
  /** close() was called: the server is stopping. */
  private closing = false;
  private queue: Promise<unknown> = Promise.resolve();
  readonly http: Server;

  constructor(private readonly o: LiveServerOptions) {
    this.http = createServer((req, res) => {
      // Stopping: every answer closes its connection, so no kept-alive connection holds the server open.
      if (this.closing) res.setHeader('connection', 'close');
      // A request joins the queue once its body has arrived: a page whose request stalls half sent (a
      // laptop's Wi-Fi dropping) never holds up the other stations' saves.
      void (req.method === 'POST' ? readBody(req) : Promise.resolve(undefined)).then((body) => {
        // One request at a time: a save, its fsync and the recount finish before the next request starts.
        this.queue = this.queue
          .then(() => this.handle(req, res, body))
          .catch((e: unknown) => {
            o.onInternalError?.(e);
            this.send(res, { status: 500, body: { error: '服务器内部错误' } });
          });
      });
    });
  }

  async start(host: string, port: number): Promise<number> {
    if (this.o.journal.isFrozen) {
      const outcome = await this.o.finish(this.o.journal.frozenSha256 ?? '');
      this.final = outcome.final;
    }
    await this.refresh();
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => resolve());
    });
    const addr = this.http.address();
    return typeof addr === 'object' && addr ? addr.port : port;
  }

  /**
   * Stop: no new connections, the event streams ended, idle kept-alive connections closed. A page whose
   * stream ended reconnects after a second (`retry: 1000`), possibly over a connection still open: it is
   * refused while stopping, and every answer then closes its connection. Requests already running get
   * CLOSE_GRACE_MS to finish (a save is written before the server stops); a connection still busy then
   * — a request stalled half sent — is cut, so stopping always ends.
   */
  close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    for (const c of this.clients) c.end();
    this.http.closeIdleConnections();
    // A connection still busy after the grace time (a request stalled half sent) is cut: the server stops.
    const cut = setTimeout(() => this.http.closeAllConnections(), CLOSE_GRACE_MS);
    return closed.finally(() => clearTimeout(cut));
  }

  private refreshing: Promise<void> | undefined;
  private dirty = false;

  /**
   * Recount the journal and push the new state to every page. Runs beside the request queue (a save
   * is confirmed as soon as it is on disk); saves that come while a recount runs are shown by one more
   * recount right after it.
   */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.dirty = true;
      return this.refreshing;
    }
    const run = async (): Promise<void> => {
      do {
        this.dirty = false;
        await this.recount();
      } while (this.dirty);
      this.refreshing = undefined;
    };
    this.refreshing = run();
    return this.refreshing;
  }

  private async recount(): Promise<void> {
    const view = this.o.journal.view();
    const { result, problems } = await countRows(
      this.o.le,
      view.main.map((e) => e.cells),
    );
    const counted: CountResult | undefined = result.ok ? result.value : undefined;
    const all: InputError[] = [...problems, ...(result.ok ? [] : result.error)];
    this.current = snapshot(this.o.le, view, counted, all, this.final);
    const data = `data: ${JSON.stringify(this.current)}\n\n`;
    for (const c of this.clients) c.write(data);
  }

  private keyOk(req: IncomingMessage, url: URL): boolean {
    const want = this.o.key;
    if (want === undefined) return true;
    const got = String(req.headers['x-entry-key'] ?? url.searchParams.get('key') ?? '');
    const a = Buffer.from(got);
    const b = Buffer.from(want);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** `body`: a POST's JSON body, read before the request was queued (undefined when it is not JSON). */
  private async handle(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown> | undefined): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    if (req.method === 'GET' && (p === '/' || p === '/board')) return this.html(res, BOARD_HTML);
    if (req.method === 'GET' && p === '/entry') {
      if (!this.keyOk(req, url))
        return this.html(
          res,
          '<!doctype html><meta charset="utf-8"><title>需要录入密钥</title><p style="font-size:2em">录入页需要终端里显示的录入密钥: 请使用终端打印的完整地址 (含 ?key=…)。</p>',
          403,
        );
      return this.html(res, ENTRY_HTML);
    }
    if (req.method === 'GET' && p === '/events') return this.events(res);
    if (req.method === 'GET' && p === '/api/config') return this.send(res, { status: 200, body: this.config() });
    if (!p.startsWith('/api/')) return this.send(res, { status: 404, body: { error: '没有这个页面' } });
    if (!this.keyOk(req, url)) return this.send(res, { status: 403, body: { error: '录入密钥不对' } });
    if (req.method === 'GET' && p === '/api/ballot') return this.send(res, this.ballot(url));
    if (req.method !== 'POST') return this.send(res, { status: 405, body: { error: '不支持的请求' } });
    if (body === undefined) return this.send(res, { status: 400, body: { error: '请求内容不是 JSON' } });
    const reply = await this.post(p, body);
    this.send(res, reply);
  }

  private async post(p: string, body: Record<string, unknown>): Promise<Reply> {
    const station = typeof body['station'] === 'string' && body['station'].trim() !== '' ? body['station'].trim() : '未署名';
    const track: Track = body['track'] === 'check' ? 'check' : 'main';
    const box = typeof body['box'] === 'string' ? body['box'].trim() : '';
    if (p === '/api/preview') return this.preview(body);
    if (this.o.journal.isFrozen || this.finishing) return { status: 409, body: { error: '已结束计票, 记录已封存, 不能再修改' } };
    if (p === '/api/save') return this.save(body, station, track, box);
    if (p === '/api/undo') return this.undo(station, track);
    if (p === '/api/edit') return this.edit(body, station, track);
    if (p === '/api/finish') return this.finish(station);
    return { status: 404, body: { error: '没有这个操作' } };
  }

  private config(): unknown {
    const { election, layout } = this.o.le;
    return {
      title: election.title,
      offices: election.offices.map((o, oi) => ({ name: o.name, seats: o.seats, slots: layout.writeInCols[oi]?.length ?? 0 })),
      candidates: layout.candidates.map((c) => ({ office: c.office, name: c.name, key: c.key })),
    };
  }

  private cellsOf(body: Record<string, unknown>, ticket: string, box: string): { cells: string[] } | { error: string } {
    const draft = parseDraft(body['draft'], this.o.le.layout);
    if (typeof draft === 'string') return { error: draft };
    const r = draftToCells(this.o.le.layout, this.o.le.election, ticket, box, draft);
    return r.ok ? { cells: r.cells } : { error: r.problem.message };
  }

  private preview(body: Record<string, unknown>): Reply {
    const c = this.cellsOf(body, 'preview', 'preview');
    if ('error' in c) return { status: 400, body: { error: c.error } };
    return { status: 200, body: previewCells(this.o.le, c.cells) };
  }

  private async save(body: Record<string, unknown>, station: string, track: Track, box: string): Promise<Reply> {
    const id = typeof body['id'] === 'string' && body['id'] !== '' ? body['id'] : randomUUID();
    const j = this.o.journal;
    const again = j.byId(id);
    if (again) return { status: 200, body: this.saved(again) };
    if (box === '') return { status: 400, body: { error: '请先填写票箱 (F2)' } };
    const ticket = track === 'main' ? j.nextTicket() : j.nextCheck(box);
    const c = this.cellsOf(body, ticket, box);
    if ('error' in c) return { status: 400, body: { error: c.error } };
    const e = j.save(track, id, station, box, ticket, c.cells);
    void this.refresh();
    return { status: 200, body: this.saved(e) };
  }

  private saved(e: Entry): unknown {
    const pre = previewCells(this.o.le, e.cells);
    // The journal's version once this ballot was saved: the board shows it, or a later one.
    return { ticket: e.ticket, box: e.box, track: e.track, class: pre.class, label: pre.label, version: e.seq };
  }

  private async undo(station: string, track: Track): Promise<Reply> {
    const e = this.o.journal.lastOf(track, station);
    if (!e) return { status: 409, body: { error: '这个录入台还没有可撤销的选票' } };
    this.o.journal.undo(e, station);
    await this.refresh();
    return { status: 200, body: { ticket: e.ticket, box: e.box } };
  }

  private find(track: Track, ticket: string, box: string): Entry | undefined {
    return this.o.journal.entries(track).find((e) => e.ticket === ticket && (track === 'main' || e.box === box));
  }

  private ballot(url: URL): Reply {
    const track: Track = url.searchParams.get('track') === 'check' ? 'check' : 'main';
    const ticket = (url.searchParams.get('ticket') ?? '').trim();
    const main = this.find('main', ticket.padStart(6, '0'), '');
    // A check station addresses its ballots by the main track's 票号 at the same position.
    const e =
      track === 'main'
        ? main
        : main &&
          this.find(
            'check',
            String(
              this.o.journal
                .entries('main')
                .filter((x) => x.box === main.box)
                .indexOf(main) + 1,
            ),
            main.box,
          );
    if (!e) return { status: 404, body: { error: `没有票号 ${ticket} 的选票` } };
    return {
      status: 200,
      body: { ticket: e.ticket, box: e.box, mainTicket: main?.ticket ?? e.ticket, draft: cellsToDraft(this.o.le.layout, e.cells) },
    };
  }

  private async edit(body: Record<string, unknown>, station: string, track: Track): Promise<Reply> {
    const ticket = typeof body['ticket'] === 'string' ? body['ticket'] : '';
    const box = typeof body['box'] === 'string' ? body['box'] : '';
    const e = this.find(track, ticket, box);
    if (!e) return { status: 404, body: { error: `没有票号 ${ticket} 的选票` } };
    const c = this.cellsOf(body, e.ticket, e.box);
    if ('error' in c) return { status: 400, body: { error: c.error } };
    if (c.cells.every((v, i) => v === e.cells[i])) return { status: 200, body: { ticket: e.ticket, unchanged: true } };
    this.o.journal.edit(e, station, c.cells);
    await this.refresh();
    return { status: 200, body: { ticket: e.ticket } };
  }

  private async finish(station: string): Promise<Reply> {
    this.finishing = true;
    try {
      const sha256 = createHash('sha256').update(readFileSync(this.o.journal.csvPath)).digest('hex');
      const outcome = await this.o.finish(sha256);
      if (!outcome.ok) return { status: 409, body: { error: outcome.errors.join('\n') } };
      this.o.journal.freeze(station, sha256);
      this.final = outcome.final;
      await this.refresh();
      return { status: 200, body: { sha256, files: outcome.final?.files ?? [] } };
    } finally {
      this.finishing = false;
    }
  }

  private events(res: ServerResponse): void {
    if (this.closing) {
      res.writeHead(503, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    if (this.current) res.write(`data: ${JSON.stringify(this.current)}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  private html(res: ServerResponse, html: string, status = 200): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }

  private send(res: ServerResponse, r: Reply): void {
    if (res.headersSent) return;
    res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(r.body));
  }
}

/** How long running requests may take to finish once the server is told to stop. */
const CLOSE_GRACE_MS = 2000;

/** A small JSON request body (at most 64 KiB), or undefined (also when the page went away while sending it). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 65536) return undefined;
      chunks.push(c as Buffer);
    }
  } catch {
    return undefined; // the connection was reset or cut: nothing to save
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
