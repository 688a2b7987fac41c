/** The pure core: no file system, no printing. */
export * from './audit.js';
export * from './ballot.js';
export * from './classify.js';
export * from './count.js';
export * from './marks.js';
export * from './model.js';
export * from './names.js';
export * from './result.js';
export * from './roll.js';
export * from './seats.js';
export * from './tally.js';
export * from './tickets.js';
export * from './validity.js';
export * from './describe.js';
export * from './rollcheck.js';
export * from './compare.js';
export * from './setup.js';
