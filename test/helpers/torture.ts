// Crash torture, shared by the store tests: worker processes run operations against one store
// while a killer sends SIGKILL to random workers (and starts new ones) at random moments, in the
// middle of transactions too. Each worker prints `B …` before a store call and its completion
// line after the call resolved; a line cut by the kill is not a completion.
import { type ChildProcess, spawn } from 'node:child_process';

export const SOAK = process.env.CREDSTACK_SOAK === '1';
export const WORKERS = SOAK ? 20 : 5;
export const DURATION = SOAK ? 60_000 : 7_000;
// At least this many kills, however slow the machine: a loaded CI machine starts workers slowly,
// and a fixed duration then kills too few to prove anything. The run is capped at 4 × DURATION.
export const MIN_KILLS = 8;
export const TIMEOUT = 4 * DURATION + 90_000;

/** Small seeded PRNG (mulberry32), so kill times are reproducible. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TortureWorker {
  tag: string;
  child: ChildProcess;
  /** The complete lines it printed. */
  lines: string[];
  ready: boolean;
  done: Promise<void>;
}

function start(script: string, args: readonly string[], tag: string): TortureWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args, tag], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: TortureWorker = { tag, child, lines: [], ready: false, done: Promise.resolve() };
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!; // a partial last line (cut by the kill) is not a completion
    w.lines.push(...parts);
    w.ready = true;
  });
  let stderr = '';
  child.stderr!.on('data', (c) => {
    stderr += c;
  });
  w.done = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') console.error(`torture worker ${tag} exited ${code} ${signal}\n${stderr}`);
      resolve();
    }),
  );
  return w;
}

/**
 * Runs `script` (with `args`, then the worker's tag) in WORKERS processes, killing one at random
 * every 50–300 ms and starting another, for DURATION and until MIN_KILLS kills of which at least
 * one landed inside a store call; then kills the rest. Returns every worker that ran.
 */
export async function tortureRun(
  script: string,
  args: readonly string[],
  seed: number,
): Promise<{ workers: TortureWorker[]; kills: number; midOperation: number }> {
  const random = prng(seed);
  const all: TortureWorker[] = [];
  const live: TortureWorker[] = [];
  const spawnOne = () => {
    const w = start(script, args, `${all.length}`);
    all.push(w);
    live.push(w);
  };
  for (let i = 0; i < WORKERS; i++) spawnOne();
  const until = Date.now() + DURATION;
  const cap = Date.now() + 4 * DURATION;
  let kills = 0;
  let midOperation = 0;
  while (Date.now() < cap && (Date.now() < until || kills < MIN_KILLS || midOperation === 0)) {
    await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 250)));
    const ready = live.filter((w) => w.ready);
    if (ready.length === 0) continue;
    const victim = ready[Math.floor(random() * ready.length)]!;
    victim.child.kill('SIGKILL');
    live.splice(live.indexOf(victim), 1);
    kills++;
    await victim.done;
    // Killed between `B` and its completion: inside the store call, most likely mid-transaction.
    if (victim.lines.at(-1)?.startsWith('B ')) midOperation++;
    spawnOne();
  }
  for (const w of live) w.child.kill('SIGKILL');
  await Promise.all(all.map((w) => w.done));
  return { workers: all, kills, midOperation };
}
