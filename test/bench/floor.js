// The byte-tokenizer floor (issue 17): one pass over the file's bytes in plain Node, quote-aware (a
// comma or line break inside quotes is data), counting fields and records — touching each byte once,
// the least any CSV reader in JavaScript can do. `node floor.js FILE` prints {records, fields}.
import { closeSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let records = 0;
let fields = 0;
let quoted = false;
for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (b === 0x2c) fields++;
    else if (b === 0x0a) {
      fields++;
      records++;
    }
  }
}
closeSync(fd);
process.stdout.write(`${JSON.stringify({ records, fields })}\n`);
