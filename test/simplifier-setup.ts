// Every test runs with the converter the CLI supplies (src/cli/main.ts), so core tests that check
// traditional-character names need not set it themselves.
import { openccToSimplified } from '../src/adapters/simplify.js';
import { useSimplifier } from '../src/core/index.js';

useSimplifier(openccToSimplified);
