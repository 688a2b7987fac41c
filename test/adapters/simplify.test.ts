import { describe, expect, it } from 'vitest';
import { openccToSimplified } from '../../src/adapters/simplify.js';
import { cleanText, normalizeName } from '../../src/core/index.js';

describe('the traditional → simplified converter the CLI hands the core', () => {
  it('is OpenCC t → cn, loaded on first use', () => {
    expect(openccToSimplified('張建國')).toBe('张建国');
    expect(openccToSimplified('臺灣')).toBe('台湾');
    expect(openccToSimplified('张建国')).toBe('张建国');
  });
});

describe('names that take no normalisation (issue 17 fast path)', () => {
  it('plain ideographs and ASCII come back as they are; anything else is still normalised', () => {
    expect(normalizeName('张建国')).toBe('张建国');
    expect(normalizeName('ABC123')).toBe('ABC123');
    expect(normalizeName('张 建国')).toBe('张建国');
    expect(normalizeName('张\u200B建国')).toBe('张建国');
    expect(normalizeName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('\uF900')).toBe('\u8C48'); // a compatibility ideograph is outside the plain range
    expect(cleanText('张 建国')).toBe('张 建国');
    expect(cleanText('ＡＢＣ')).toBe('ABC');
  });
});
