/** Where the compiled worker-thread modules are (dist/cli/), also when running from TypeScript sources (tests). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled worker `name` next to this module (dist/), or the build's when running from src/. */
export function compiledWorker(name: string): URL | undefined {
  for (const rel of [`./${name}`, `../../dist/cli/${name}`]) {
    const u = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(u))) return u;
  }
  return undefined;
}
