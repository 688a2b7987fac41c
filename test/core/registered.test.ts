import { describe, expect, it } from 'vitest';
import { type Election, resolveRegistered } from '../../src/core/index.js';

const election = (registered?: number): Election =>
  ({ title: 't', offices: [], ...(registered === undefined ? {} : { registered }) }) as unknown as Election;

describe('resolveRegistered (登记选民数, 规程 第三十八条)', () => {
  it('election.json registered, the roll size, or both when they agree', () => {
    expect(resolveRegistered(election(1200), undefined, 'e.json', undefined)).toEqual({ ok: true, value: 1200 });
    expect(resolveRegistered(election(), { size: 7 }, 'e.json', 'voters.csv')).toEqual({ ok: true, value: 7 });
    expect(resolveRegistered(election(7), { size: 7 }, 'e.json', 'voters.csv')).toEqual({ ok: true, value: 7 });
  });

  it('both given and different: REGISTERED_MISMATCH with both figures and the roll file', () => {
    expect(resolveRegistered(election(1200), { size: 1187 }, 'e.json', 'voters.csv')).toEqual({
      ok: false,
      error: [{ code: 'REGISTERED_MISMATCH', registered: 1200, rollSize: 1187, rollFile: 'voters.csv', file: 'e.json', key: 'registered' }],
    });
  });

  it('neither given: REGISTERED_MISSING at the key', () => {
    expect(resolveRegistered(election(), undefined, 'e.json', undefined)).toEqual({
      ok: false,
      error: [{ code: 'REGISTERED_MISSING', file: 'e.json', key: 'registered' }],
    });
  });
});
