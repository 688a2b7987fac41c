/** Usage errors and help entirely in Chinese, each naming the real problem (issue 15). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Commander's English words: none may reach the user. */
const ENGLISH = /\b(error|unknown|missing|required|option|argument|invalid|allowed|choices|expected|too many|did you mean)\b/iu;

describe('usage errors in Chinese', () => {
  it.each([
    [['count', 'fixtures/demo/ballots.csv', '--fromat', 'json'], '未知选项 --fromat; 您是不是想输入 --format?'],
    [['cuont', 'x.csv'], '未知命令「cuont」; 您是不是想输入 count?'],
    [
      ['count', 'fixtures/demo/ballots.csv', '--format', 'xml'],
      '参数值无效: 选项 --format 的值「xml」不在可选范围内; 可选: table、json、csv、xlsx',
    ],
    [['compare', 'a.json', 'b.json', 'c.json'], '命令 compare 的参数过多: 应为 2 个, 给出了 3 个'],
    [['count', 'fixtures/demo/ballots.csv', '--election'], '选项 --election 后面缺少值'],
  ])('%j', async (args, expected) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`错误 [USAGE] ${expected} (用 jipiao --help 查看用法)\n`);
    expect(r.err).not.toMatch(ENGLISH);
  });

  it('count without ballots files or tally sheets says what is missing', async () => {
    const r = await run(['count']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('错误 [USAGE_NO_BALLOTS] 请至少给出一个选票文件 (CSV) 或计票统计表 (--tallies)\n');
  });

  it('help headings and notes are Chinese', async () => {
    const r = await run(['count', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^用法: jipiao count \[选项\] \[ballots\.\.\.\]/u);
    expect(r.out).toContain('参数:');
    expect(r.out).toContain('选项:');
    expect(r.out).toMatch(/\(可选: "table", "json", "csv",\s+"xlsx", 默认: "table"\)/u);
    expect(r.out).not.toMatch(/Usage:|Options:|Arguments:|choices:|default:/u);
  });
});

describe('the real problem is named', () => {
  it('a missing ballots file, not a missing election.json beside it', async () => {
    const r = await run(['count', 'fixtures/nosuch.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('错误 [FILE_NOT_FOUND] fixtures/nosuch.csv: 选票文件不存在 (请检查路径和文件名)\n');
  });
  it('a folder instead of a file names the ballots inside', async () => {
    const r = await run(['count', 'fixtures/demo']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^错误 \[FILE_IS_DIRECTORY\] fixtures\/demo: 这是一个文件夹, 不是选票文件; 请给出其中的选票文件, 如 fixtures\/demo\/ballots\.csv/u,
    );
  });
  it('a roll passed as ballots', async () => {
    const r = await run(['count', 'fixtures/demo/ballots.csv', 'fixtures/demo/voters.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [BALLOTS_IS_ROLL] fixtures/demo/voters.csv: 这是选民名单, 不是选票文件; 选民名单请放在选票文件旁命名为 voters.csv, 或用 --roll 指定\n',
    );
  });
  it('rulings passed as ballots', async () => {
    const r = await run(['count', 'fixtures/demo/rulings.csv', '--election', 'fixtures/demo/election.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[BALLOTS_IS_RULINGS\] fixtures\/demo\/rulings\.csv: 这是疑难选票认定表/u);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  it('compare of two CSVs: run count --format json first', async () => {
    const r = await run(['compare', 'fixtures/appeal-flip/published.csv', 'fixtures/appeal-flip/recount.csv']);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines)
      expect(l).toMatch(/^错误 \[COMPARE_NOT_JSON\] .*这是 CSV 文件, 不是计票结果 JSON; .*jipiao count <选票文件> --format json/u);
  });
});
