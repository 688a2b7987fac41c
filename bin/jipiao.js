#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50 --interrupt-budget=500000
// The shipped CLI is dist/bundle (esbuild over tsc's dist: one file instead of ~150 modules, issue 17).
// The V8 flags keep memory flat in the number of ballots at no cost in speed (test/bench/RESULTS.md):
// --max-semi-space-size=4 caps the young generation at 2 × 4 MB instead of 2 × 16 MB, and
// --heap-growing-percent=50 lets the old generation grow to 1.5 × what is live, not up to 4 ×, before
// it is collected (a count keeps ~12 MB live; the rest of its old generation is dead rows);
// --interrupt-budget=500000 (default 67584) lets a function run longer before V8 optimises it: a count
// at the venue ends before most optimisations would pay (5,000 ballots 0.45 → 0.37 s on one core, 1M
// ballots no slower).
import { main, nodeIo } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2), nodeIo());
