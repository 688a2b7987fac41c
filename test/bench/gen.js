// Synthetic elections for the benchmark (issue 6): grid layout, combined mode, 3 offices, 12 candidates,
// write-ins (on and off a generated roll), ~2% overvotes, ~0.5% unreadable, a few 疑难. Streamed and
// deterministic (seeded PRNG), so a 5M-ballot file never sits in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';

export const OFFICES = [
  { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
  { name: '副主任', seats: 1, candidates: ['王芳', '赵磊'] },
  { name: '委员', seats: 5, candidates: ['孙丽', '周强', '吴敏', '郑伟', '冯涛', '陈静', '褚明', '卫东'] },
];
const WRITE_INS = ['蒋文', '沈华', '韩梅', '杨帆', '朱琳', '秦川']; // the first four are on the roll

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(stream, s) {
  if (!stream.write(s)) await once(stream, 'drain');
}

/** Write election.json, voters.csv and ballots.csv for `n` ballots into `dir`. */
export async function generate(dir, n, seed = 42) {
  const rnd = prng(seed + n);
  const election = {
    community: '基准社区',
    title: `基准测试选举 ${n} 张`,
    date: '2026-12-20',
    method: 'direct',
    mode: 'combined',
    round: 'first',
    issued: n + 10,
    offices: OFFICES,
  };
  await writeFile(path.join(dir, 'election.json'), `${JSON.stringify(election, null, 2)}\n`);
  // Roll: a large community's roll, capped at 20 000 voters so that memory measures the ballots, not the
  // roll (a 1M-ballot file stands for a district: the turnout check is irrelevant to speed).
  const roll = createWriteStream(path.join(dir, 'voters.csv'));
  await write(roll, '姓名,选民证号,居民小组\n');
  const named = [...OFFICES.flatMap((o) => o.candidates), ...WRITE_INS.slice(0, 4)];
  const registered = Math.min(Math.floor(n * 1.5) + 1, 20_000);
  for (let i = 0; i < registered; i++) {
    const name = i < named.length ? named[i] : `居民${i}`;
    await write(roll, `${name},V${i},第${(i % 9) + 1}居民小组\n`);
  }
  roll.end();
  await once(roll, 'finish');

  const header = ['票号', '票箱'];
  for (const o of OFFICES) {
    for (const c of o.candidates) header.push(`${o.name}:${c}`);
    header.push(`${o.name}:另选1`);
  }
  header.push('状态');
  const out = createWriteStream(path.join(dir, 'ballots.csv'), { highWaterMark: 1 << 20 });
  await write(out, `${header.join(',')}\n`);
  const pref = [0.62, 0.35, 0.58, 0.38, 0.7, 0.64, 0.6, 0.52, 0.35, 0.3, 0.25, 0.2];
  let buf = '';
  for (let i = 1; i <= n; i++) {
    const row = [String(i).padStart(8, '0'), i % 3 === 0 ? '流动票箱' : '中心会场'];
    let k = 0;
    const over = rnd() < 0.02;
    for (const o of OFFICES) {
      let chosen = 0;
      for (let c = 0; c < o.candidates.length; c++) {
        const p = pref[k++] ?? 0.3;
        const x = rnd();
        if ((x < p && chosen < o.seats) || over) {
          row.push(rnd() < 0.5 ? '○' : '√');
          chosen++;
        } else row.push(x > 0.93 ? '×' : '');
      }
      row.push(chosen < o.seats && rnd() < 0.03 ? WRITE_INS[Math.floor(rnd() * WRITE_INS.length)] : '');
    }
    const s = rnd();
    row.push(s < 0.005 ? '无法辨认' : s < 0.0052 ? '疑难' : '');
    buf += `${row.join(',')}\n`;
    if (buf.length > 1 << 16) {
      await write(out, buf);
      buf = '';
    }
  }
  await write(out, buf);
  out.end();
  await once(out, 'finish');
  return { registered };
}
