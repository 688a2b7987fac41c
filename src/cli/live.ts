/**
 * `jipiao live [DIR] [--port N] [--host ADDR] [--no-open]` (issue 19): public counting at the venue —
 * the entry and board pages, the journal `count` reads unchanged, and 结束计票 writing the result and
 * the sheets exactly as `count`/`report` would from the journal.
 * 规程 第二条(七) 公开计票原则: 公开唱票、计票 … 当场公布选举结果; 9.(4) 公开唱票计票; 11.(6)(7): an election
 * without public counting, or whose result was not announced on the spot, is invalid.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { loadElection } from '../adapters/input/election.js';
import { loadRollIndex } from '../adapters/input/roll.js';
import { loadRulings } from '../adapters/input/rulings.js';
import type { LiveElection } from '../adapters/live/classify.js';
import { mismatches } from '../adapters/live/compare.js';
import { JOURNAL_CSV, Journal, atomicWrite } from '../adapters/live/journal.js';
import { liveLayout } from '../adapters/live/layout.js';
import {
  ballotLogCorrections,
  checkCsv,
  corrections,
  correctionsCsv,
  liveRecordText,
  reportCorrections,
} from '../adapters/live/records.js';
import { type FinishOutcome, LiveServer } from '../adapters/live/server.js';
import { renderJson } from '../adapters/render/json.js';
import { withCorrections } from '../adapters/report/corrections.js';
import { type InputError, inputError, resolveRegistered } from '../core/index.js';
import { BallotLog } from './ballot-log.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_OK, formatErrors, internalErrorMessage } from './errors.js';
import { nodeFs } from './outputs.js';
import { displayPath, runCount } from './pipeline.js';
import { writeSheetFiles } from './sheet-files.js';

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);

interface LiveOptions {
  readonly dir: string;
  readonly port: number;
  readonly host: string;
  readonly open: boolean;
}

function parseOptions(dir: string | undefined, o: Record<string, unknown>, cwd: string): LiveOptions | InputError {
  const port = Number(o['port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return inputError('USAGE_BAD_PORT', `端口必须是 0–65535 的整数, 这里是「${String(o['port'])}」`, { key: '--port' });
  return {
    dir: path.resolve(cwd, dir ?? '.'),
    port,
    host: typeof o['host'] === 'string' ? o['host'] : '127.0.0.1',
    open: o['open'] !== false,
  };
}

/** Election, roll and rulings of the folder, as `count` would find them beside the journal. */
async function loadLive(dir: string, cwd: string): Promise<LiveElection | InputError[]> {
  const file = (name: string): string | undefined => (existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
  const electionPath = file('election.json');
  if (!electionPath) return [inputError('ELECTION_NOT_FOUND', `未找到 election.json: 请放在 ${displayPath(cwd, dir) || '.'} 下`)];
  const e = await loadElection(electionPath, displayPath(cwd, electionPath));
  if (!e.ok) return [...e.error];
  const rollPath = file('voters.csv');
  const roll = rollPath ? await loadRollIndex(rollPath, displayPath(cwd, rollPath)) : undefined;
  if (roll && !roll.ok) return [...roll.error];
  const rulingsPath = file('rulings.csv');
  const rulings = rulingsPath ? await loadRulings(rulingsPath, displayPath(cwd, rulingsPath)) : undefined;
  if (rulings && !rulings.ok) return [...rulings.error];
  const registered = resolveRegistered(e.value, roll?.value, displayPath(cwd, electionPath), rollPath && displayPath(cwd, rollPath));
  if (!registered.ok) return [...registered.error];
  return {
    election: e.value,
    registered: registered.value,
    roll: roll?.value,
    rulings: rulings?.value ?? [],
    layout: liveLayout(e.value),
    file: JOURNAL_CSV,
  };
}

/**
 * 结束计票: the journal counted by the same pipeline as `jipiao count 现场计票.csv` (election.json,
 * voters.csv, rulings.csv found beside it), written as `count --format json`, the terminal table,
 * `--ballot-log`, and the sheets of `report` into DIR/report/, plus the live records.
 */
async function finishLive(ctx: CommandContext, le: LiveElection, journal: Journal, sha256: string): Promise<FinishOutcome> {
  const { io } = ctx;
  const dir = journal.dir;
  const out = (name: string): string => path.join(dir, name);
  const corr = corrections(le.election, le.layout, journal.allEvents());
  // The ballot log of `count --ballot-log`, with a 更正 column when ballots were corrected (issue 19).
  const log = new BallotLog(out('现场计票-逐票记录.csv'), nodeFs, ballotLogCorrections(corr));
  const run = await runCount([journal.csvPath], {}, io.cwd, log);
  if (!run.ok) {
    log.abort();
    return { ok: false, errors: formatErrors(run.error).trimEnd().split('\n'), final: null };
  }
  log.commit();
  const { result, inputs } = run.value;
  const { renderTable } = await import('../adapters/render/table.js'); // chalk and cli-table3 load on use (issue 17)
  const table = renderTable(result, { color: false, inputs });
  atomicWrite(out('现场计票-结果.json'), renderJson(result, { color: false, inputs }));
  atomicWrite(out('现场计票-结果.txt'), table);
  atomicWrite(out('现场计票-更正记录.csv'), correctionsCsv(corr));
  if (journal.entries('check').length > 0) atomicWrite(out('现场计票-复核.csv'), checkCsv(le.layout, journal));
  const reportDir = out('report');
  mkdirSync(reportDir, { recursive: true });
  const sheets = writeSheetFiles(reportDir, result, atomicWrite, (s) => withCorrections(s, reportCorrections(corr)));
  const open = mismatches(le.election, le.layout.header, journal.entries('main'), journal.entries('check')).length;
  atomicWrite(path.join(reportDir, '现场计票记录.txt'), liveRecordText(le.election, le.layout, journal, sha256, open));
  const files = [
    '现场计票-结果.json',
    '现场计票-结果.txt',
    '现场计票-逐票记录.csv',
    '现场计票-更正记录.csv',
    ...sheets.written.map((w) => `report/${w}`),
    'report/现场计票记录.txt',
  ];
  return {
    ok: true,
    errors: [],
    final: {
      table,
      valid: result.validity.valid,
      provisional: result.provisional,
      elected: result.elected.map((x) => ({ office: x.office, name: x.name, votes: x.votes })),
      files,
    },
  };
}

function shownHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    spawn(cmd, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
  } catch {
    // No browser to open: the URLs are printed.
  }
}

export function registerLive(program: Command, ctx: CommandContext): void {
  program
    .command('live')
    .description('现场公开计票: 录入页 (计票员) 和公开计票页 (投影)')
    .argument('[dir]', '选举文件夹 (election.json, 可选 voters.csv、rulings.csv); 默认当前文件夹')
    .addOption(new Option('--port <n>', '端口 (0 = 任意空闲端口)').default('7319'))
    .option('--host <addr>', '监听地址 (默认 127.0.0.1; 其他地址时录入页需要终端显示的录入密钥)')
    .option('--no-open', '不自动打开浏览器')
    .action(async (dir: string | undefined, o: Record<string, unknown>) => {
      const { io } = ctx;
      const opts = parseOptions(dir, o, io.cwd);
      const fail = (errors: readonly InputError[]): void => {
        io.stderr.write(formatErrors(errors));
        ctx.setExit(EXIT_BAD_INPUT);
      };
      if ('code' in opts) return fail([opts]);
      const le = await loadLive(opts.dir, io.cwd);
      if (Array.isArray(le)) return fail(le);
      const opened = Journal.open(opts.dir, le.layout.header);
      if (!opened.ok) return fail(opened.error);
      const journal = opened.value;
      const key = LOCAL.has(opts.host) ? undefined : randomBytes(4).toString('hex');
      const server = new LiveServer({
        le,
        journal,
        key,
        finish: (sha) => finishLive(ctx, le, journal, sha),
        onInternalError: (e) => io.stderr.write(internalErrorMessage(e)),
      });
      let port: number;
      try {
        port = await server.start(opts.host, opts.port);
      } catch (e) {
        journal.close();
        const code = (e as { code?: unknown }).code;
        const why =
          code === 'EADDRINUSE' ? '端口已被占用, 请用 --port 换一个' : code === 'EADDRNOTAVAIL' ? '本机没有这个地址' : String(code ?? e);
        return fail([inputError('LIVE_LISTEN_FAILED', `无法在 ${opts.host}:${opts.port} 上启动 (${why})`, { key: '--port' })]);
      }
      const base = `http://${shownHost(opts.host)}:${port}`;
      const entry = `${base}/entry${key ? `?key=${key}` : ''}`;
      const n = journal.entries('main').length;
      io.stdout.write(`录入页: ${entry}\n公开计票页: ${base}/board\n`);
      if (key) io.stdout.write(`录入密钥: ${key} (只告诉计票员; 公开计票页不需要)\n`);
      io.stdout.write(
        `计票记录: ${displayPath(io.cwd, journal.csvPath)} (${n > 0 ? `已有 ${n} 张, 从 ${journal.nextTicket()} 继续` : '新开始'})${journal.isFrozen ? ', 已结束计票 (只读)' : ''}\n`,
      );
      io.stdout.write('按 Ctrl+C 停止 (已保存的选票不会丢失)\n');
      if (opts.open) {
        openBrowser(entry);
        openBrowser(`${base}/board`);
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      journal.close();
      io.stdout.write('已停止。\n');
      ctx.setExit(EXIT_OK);
    });
}
