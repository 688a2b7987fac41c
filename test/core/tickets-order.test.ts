/**
 * 票号 order (issue 13): `compareTickets` is a total order, so the 编号 of disputed ballots never depends
 * on the order of rows. Properties over 票号-like strings (digits, letters, dashes, leading zeros).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTickets } from '../../src/core/index.js';

const ticket = fc.stringMatching(/^[0-9a-cA-C\-０-９]{0,6}$/u);
const sign = (n: number): number => Math.sign(n);

describe('compareTickets is a total order', () => {
  it('the example that broke it: 9, 10, 1a sort the same from every starting order', () => {
    const orders = [
      ['9', '10', '1a'],
      ['10', '1a', '9'],
      ['1a', '9', '10'],
      ['1a', '10', '9'],
    ];
    for (const o of orders) expect([...o].sort(compareTickets)).toEqual(['1a', '9', '10']);
    expect(['000010', '9', '000009', '10a', '011'].sort(compareTickets)).toEqual(['000009', '9', '000010', '10a', '011']);
  });

  it('antisymmetric and only 0 for equal strings', () => {
    fc.assert(
      fc.property(ticket, ticket, (a, b) => {
        expect(sign(compareTickets(a, b)) + sign(compareTickets(b, a))).toBe(0);
        expect(compareTickets(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it('transitive', () => {
    fc.assert(
      fc.property(ticket, ticket, ticket, (a, b, c) => {
        if (compareTickets(a, b) <= 0 && compareTickets(b, c) <= 0) expect(compareTickets(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('sorting does not depend on the input order', () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 30 }), fc.integer(), (xs, seed) => {
        const shuffled = [...xs].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        expect([...shuffled].sort(compareTickets)).toEqual([...xs].sort(compareTickets));
      }),
    );
  });
});
