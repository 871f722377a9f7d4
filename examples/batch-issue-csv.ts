// Batch issuance from a CSV roster: one badge per learner who passed, signed in parallel with
// `issueMany` (one key import for the whole batch, results in roster order, flat memory), a
// progress bar on a terminal, one file per badge.
//
//   npx tsx examples/batch-issue-csv.ts [roster.csv] [--out DIR]
//
// Default roster: examples/data/roster.csv (name,email,course,score). Without --out the badges go
// to a temporary directory that is removed at the end.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueMany,
  verifyCredential,
} from 'credstack';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outArg = outIndex >= 0 ? args.splice(outIndex, 2)[1] : undefined;
const rosterPath = args[0] ?? new URL('data/roster.csv', import.meta.url).pathname;
const out = outArg ?? mkdtempSync(join(tmpdir(), 'credstack-batch-'));
mkdirSync(out, { recursive: true });

/** A small RFC 4180 reader: commas, "quoted, fields" and "" for a quote inside quotes. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (row.some((f) => f.trim() !== '')) rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
  }
  endRow();
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

const PASS_MARK = 70;
const COURSES: Record<string, { name: string; description: string }> = {
  'first-aid': { name: 'First Aid', description: 'Provides basic first aid in a workplace setting.' },
  'forklift-safety': { name: 'Forklift Safety', description: 'Operates a counterbalance forklift safely.' },
};

const roster = parseCsv(readFileSync(rosterPath, 'utf8'));
const passed = roster.filter((r) => Number(r.score) >= PASS_MARK);
const key = await generateKey();
const issuer = { id: key.controller, name: 'Example Training Centre' };

// Build the unsigned badges lazily: issueMany pulls from this generator as it has room.
async function* unsigned() {
  for (const row of passed) {
    const course = COURSES[row.course!];
    if (!course) throw new Error(`${rosterPath}: unknown course "${row.course}" for ${row.name}`);
    yield createOpenBadgeCredential({
      issuer,
      achievement: createAchievement({
        id: `https://training.example/achievements/${row.course}`,
        ...course,
        criteria: { narrative: `Scored at least ${PASS_MARK} in the final assessment.` },
      }),
      recipient: { email: row.email! }, // stored hashed
    });
  }
}

// A progress bar only on a terminal: in CI or a pipe it would just be noise in the log.
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { format: 'issuing [{bar}] {value}/{total} badges', stream: process.stderr },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
bar?.start(passed.length, 0);

const failures: string[] = [];
let first: unknown;
for await (const item of issueMany(unsigned(), {
  key,
  concurrency: 4,
  progressEvery: 1,
  onProgress: ({ done }) => bar?.update(done),
})) {
  const row = passed[item.index]!;
  if (!item.ok) {
    failures.push(`${row.name}: ${item.error.message} [${item.error.code}]`);
    continue;
  }
  first ??= item.credential;
  const slug = row.email!.split('@')[0]!.replace(/[^a-z0-9]+/gi, '-');
  writeFileSync(
    join(out, `${String(item.index + 1).padStart(3, '0')}-${slug}.json`),
    JSON.stringify(item.credential, null, 2),
  );
}
bar?.stop();

console.log(`roster: ${roster.length} learners, ${passed.length} passed (score ≥ ${PASS_MARK})`);
console.log(`issued ${passed.length - failures.length} badges → ${outArg ?? `${out} (temporary)`}`);
for (const f of failures) console.error(`failed: ${f}`);

// Spot-check one badge, as a recipient's verifier would.
const check = first ? await verifyCredential(first) : undefined;
console.log(`first badge verifies: ${check?.verdict ?? 'none issued'}`);
if (!outArg) rmSync(out, { recursive: true, force: true });
if (failures.length > 0 || !check?.verified) process.exitCode = 1;
