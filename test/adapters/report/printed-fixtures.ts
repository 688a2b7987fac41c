/** The fixtures whose sheets are printed in the tests and committed as PNG snapshots (fixtures/<name>/printed/). */
export const PRINTED = [
  'demo',
  'sheets-pending',
  'sheets-low-turnout',
  'sheets-runoff',
  'sheets-revote',
  'sheets-separate',
  'sheets-minority',
  'sheets-writeins',
] as const;

/** Fixtures with at most ~12 people: every sheet fits one A4 page. */
export const ONE_PAGE: readonly string[] = PRINTED.filter((f) => f !== 'sheets-writeins');
