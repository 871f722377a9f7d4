// credstack vs the reference stack, in one process, on the same inputs.
//
//   npm run bench                 table
//   npm run bench -- --json       machine-readable results (ratios included) on stdout
//   npm run bench -- --quick      one short round (smoke test)
//   npm run bench -- --filter di  only cases whose id matches
//
// Each round measures every case with mitata, credstack then reference, back to back; the ratio is
// taken per round and the median over rounds is reported, so a machine that is busy in one round
// does not favour either side. Cold start: bench/cold-start.ts. Batches: bench/batch.ts.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { measure } from 'mitata';
import { buildCases, type Case } from './cases.js';
import { createFixture } from './fixtures.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? new RegExp(args[filterAt + 1] ?? '') : undefined;
const rounds = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
const budget = (quick ? 150 : 600) * 1e6; // ns of CPU per side per round

const log = (s: string) => {
  if (!json) process.stderr.write(`${s}\n`);
};

interface Side {
  opsPerSec: number;
  p50ns: number;
}

interface Row {
  id: string;
  title: string;
  referenceName: string;
  goal: Case['goal'];
  credstack: Side;
  reference: Side;
  /** reference time / credstack time (median over rounds): > 1 means credstack is faster (for a floor row, 1 / the floor multiple). */
  speedup: number;
  rounds: number[];
  met: boolean | null;
  /** Steps credstack's engine handed to the reference (verifyCredential cases only). */
  fallbacks?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const stats = await measure(
    async () => {
      await fn();
    },
    { min_cpu_time: budget, max_samples: 1e6 },
  );
  return stats.p50;
}

async function main(): Promise<void> {
  log('setting up (both stacks sign the same credentials; outputs are checked byte-identical)…');
  const fx = await createFixture();
  const cases = (await buildCases(fx)).filter((c) => !filter || filter.test(c.id));
  const samples = new Map<string, { ours: number[]; theirs: number[] }>(
    cases.map((c) => [c.id, { ours: [], theirs: [] }]),
  );
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const s = samples.get(c.id)!;
      s.ours.push(await time(c.credstack));
      s.theirs.push(await time(c.reference));
      log(
        `round ${r + 1}/${rounds} ${c.id}: ${(1e9 / s.ours.at(-1)!).toFixed(0)} vs ${(1e9 / s.theirs.at(-1)!).toFixed(0)} ops/s`,
      );
    }
  }
  const rows: Row[] = cases.map((c) => {
    const s = samples.get(c.id)!;
    const ratios = s.ours.map((o, i) => s.theirs[i]! / o);
    const speedup = median(ratios);
    const ours = median(s.ours);
    const theirs = median(s.theirs);
    return {
      id: c.id,
      title: c.title,
      referenceName: c.referenceName,
      goal: c.goal,
      credstack: { opsPerSec: 1e9 / ours, p50ns: ours },
      reference: { opsPerSec: 1e9 / theirs, p50ns: theirs },
      speedup,
      rounds: ratios,
      ...(c.fallbacks === undefined ? {} : { fallbacks: c.fallbacks }),
      met:
        c.goal.kind === 'speedup'
          ? speedup >= c.goal.target
          : c.goal.kind === 'floor' && c.goal.target !== undefined
            ? 1 / speedup <= c.goal.target
            : null,
    };
  });
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
  };
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ date: new Date().toISOString(), machine, rounds, rows }, null, 2)}\n`,
    );
    return;
  }
  printTable(rows, machine);
}

function printTable(
  rows: Row[],
  machine: { node: string; cpu: string; cores: number; loadavg: number[] },
): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const head = ['case', 'credstack ops/s', 'reference ops/s', 'speed-up', 'goal', 'met', 'fallbacks'];
  const body = rows.map((r) => [
    r.title,
    fmt(r.credstack.opsPerSec),
    `${fmt(r.reference.opsPerSec)} (${r.referenceName})`,
    // against the floor, how many times the floor credstack takes (lower is better)
    r.goal.kind === 'floor' ? `${(1 / r.speedup).toFixed(1)}× floor` : `${r.speedup.toFixed(2)}×`,
    r.goal.text,
    r.met === null ? '–' : r.met ? 'yes' : 'NO',
    r.fallbacks === undefined ? '–' : String(r.fallbacks),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(
    `\nNode ${machine.node}, ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadavg.join(' ')}; median of ${rounds} round(s).`,
  );
}

await main();
