/** CJK-aware width helpers: agree with string-width (what cli-table3 measures with) and with the tests' own width. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { columns, displayWidth, padEndWidth, padStartWidth } from '../../../src/adapters/render/text.js';
import { width } from './helpers.js';

const require = createRequire(import.meta.url);
const stringWidth = require('string-width') as (s: string) => number;

const SAMPLES = [
  '张三',
  'ab',
  '阿依古丽·买买提',
  '第一（流动）票箱',
  '𠮷田',
  'Box B',
  '主任票+副主任票',
  '✓',
  '○',
  '×',
  '王伟(第三居民小组)',
  '',
  '欧阳',
];

describe('displayWidth', () => {
  it.each(SAMPLES)('%j: same as string-width and as the test width', (s) => {
    expect(displayWidth(s)).toBe(stringWidth(s));
    expect(displayWidth(s)).toBe(width(s));
  });
  it('ignores colour codes', () => expect(displayWidth('\u001b[1m张三\u001b[22m')).toBe(4));
  it('pads to display columns', () => {
    expect(padEndWidth('张三', 6)).toBe('张三  ');
    expect(padStartWidth('张三', 6)).toBe('  张三');
    expect(padEndWidth('欧阳建国', 4)).toBe('欧阳建国');
  });
});

describe('columns', () => {
  it('aligns every column on display width; the last one is not padded', () => {
    const out = columns([
      ['主任', '欧阳建国', '主任票 3'],
      ['', '王五', '总得票 3'],
      ['副主任', 'Li', 'x'],
    ]);
    expect(out).toEqual(['  主任    欧阳建国  主任票 3', '          王五      总得票 3', '  副主任  Li        x']);
    const starts = out.map((l) => displayWidth(l.slice(0, l.lastIndexOf('  ') + 2)));
    expect(new Set(starts).size).toBe(1);
  });
});

describe('the alignment check itself', () => {
  it('catches a table padded by string length instead of display width', () => {
    const naive = (cells: string[]): string => `│ ${cells.map((c) => c.padEnd(6)).join(' │ ')} │`;
    const a = naive(['张三', '12']);
    const b = naive(['AB', '12']);
    expect(a.length).toBe(b.length);
    expect(width(a)).not.toBe(width(b));
  });
});
