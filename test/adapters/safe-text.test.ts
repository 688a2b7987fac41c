import { describe, expect, it } from 'vitest';
import { showControls } from '../../src/adapters/safe-text.js';
import { VALIDITY_LABEL, codeLabel } from '../../src/adapters/vocabulary.js';

describe('showControls', () => {
  it('leaves ordinary text (CJK, middle dot, spaces) unchanged', () => {
    expect(showControls('阿卜杜热合曼·买买提 中心会场 (第3组)')).toBe('阿卜杜热合曼·买买提 中心会场 (第3组)');
  });
  it('escapes ANSI escapes, newlines, bidi overrides and invisible characters', () => {
    expect(showControls('\u001b[31m红')).toBe('\\u001B[31m红');
    expect(showControls('a\nb\r\tc')).toBe('a\\u000Ab\\u000D\\u0009c');
    expect(showControls('张\u202E国')).toBe('张\\u202E国');
    expect(showControls('孙\u200D丽\uFEFF\u00AD\u2066')).toBe('孙\\u200D丽\\uFEFF\\u00AD\\u2066');
    expect(showControls('\u0000\u007f\u0085')).toBe('\\u0000\\u007F\\u0085');
  });
  it('is stable when called twice on the same value (global regex state)', () => {
    expect(showControls('x\u001by')).toBe(showControls('x\u001by'));
  });
});

describe('vocabulary', () => {
  it('gives the Chinese label of a validity, reason or roll-check code', () => {
    expect(codeLabel('LOW_TURNOUT')).toBe(VALIDITY_LABEL.LOW_TURNOUT);
    expect(codeLabel('OVERVOTE')).toBe('所选人数超过应选名额');
  });
  it('refuses a code without words instead of printing it', () => {
    expect(() => codeLabel('NO_SUCH_CODE')).toThrow(/no Chinese label/);
  });
});
