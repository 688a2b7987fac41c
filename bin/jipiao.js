#!/usr/bin/env -S node --max-semi-space-size=4
// The shipped CLI is dist/bundle (esbuild over tsc's dist: a few files instead of ~150 modules, issue 17).
// --max-semi-space-size=4 keeps V8's young generation at 2 × 4 MB instead of 2 × 16 MB: a long count
// stays under 100 MB with no loss of speed (test/bench/RESULTS.md).
import { main, nodeIo } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2), nodeIo());
