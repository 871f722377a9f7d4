// `credstack pathway progress | compose | verify`, run as a user would (child process), on files
// with real signatures.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { buildWorld, NOW } from './real-world.js';

let dir: string;
let files: string[];
const common = () => ['--pathway', join(dir, 'pathway.json'), '--documents', join(dir, 'documents.json')];
const at = ['--now', NOW.toISOString()];

beforeAll(async () => {
  const w = await buildWorld();
  dir = mkdtempSync(join(tmpdir(), 'credstack-pathway-cli-'));
  const write = (name: string, data: unknown) =>
    writeFileSync(join(dir, name), typeof data === 'string' ? `${data}\n` : JSON.stringify(data, null, 2));
  write('pathway.json', w.pathway);
  write('wallet-key.json', w.keys.learner);
  const map: Record<string, string> = {};
  for (const [i, [url, doc]] of Object.entries(w.documents).entries()) {
    write(`doc-${i}.json`, doc);
    map[url] = `doc-${i}.json`;
  }
  write('documents.json', map);
  files = Object.entries(w.creds).map(([name, c]) => {
    const file = join(dir, typeof c === 'string' ? `${name}.jwt` : `${name}.json`);
    write(file.slice(dir.length + 1), c);
    return file;
  });
}, 60_000);

describe('credstack pathway', () => {
  // Each run spawns `node --import tsx`: seconds apiece on a busy machine.
  it('progress prints a readable report, or JSON', { timeout: 120_000 }, () => {
    const r = runCli(['pathway', 'progress', ...common(), ...at, ...files]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 of 10 components earned, 1 of 2 milestones reached, not complete');
    expect(r.stdout).toMatch(/· locked\s+certification/);
    expect(r.stdout).toContain('Next steps');
    expect(r.stdout).toMatch(
      /Not counted[\s\S]*revoked[\s\S]*issuer-not-accepted[\s\S]*other-learner[\s\S]*invalid/,
    );

    const j = runCli(['pathway', 'progress', ...common(), ...at, '--json', ...files]);
    expect(j.code, j.stderr).toBe(0);
    const progress = JSON.parse(j.stdout);
    expect(progress.milestones[0]).toMatchObject({ id: 'externship-ready', reached: true });
    expect(progress.rejected).toHaveLength(4);
  });

  it('compose writes a signed proof that verify accepts (exit 0) and a tampered one it rejects (exit 1)', {
    timeout: 180_000,
  }, () => {
    const out = join(dir, 'proof.json');
    const c = runCli([
      'pathway',
      'compose',
      ...common(),
      '--key',
      join(dir, 'wallet-key.json'),
      '--out',
      out,
      ...files,
    ]);
    expect(c.code, c.stderr).toBe(0);
    const proof = JSON.parse(readFileSync(out, 'utf8'));
    expect(proof.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(proof.credentialSubject.verifiableCredential).toHaveLength(4);

    const v = runCli(['pathway', 'verify', out, ...common()]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^VERIFIED: pathway proof for Surgical Technologist Pathway/);
    expect(v.stdout).toContain('[ok  ] milestones');

    proof.credentialSubject.pathwayProgress.milestones.push({
      id: 'job-ready',
      reachedAt: '2025-03-01T00:00:00Z',
    });
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(proof));
    const t = runCli(['pathway', 'verify', join(dir, 'tampered.json'), ...common(), '--json']);
    expect(t.code).toBe(1);
    const result = JSON.parse(t.stdout);
    expect(result.verified).toBe(false);
    expect(
      result.checks.filter((x: { status: string }) => x.status === 'failed').map((x: { id: string }) => x.id),
    ).toEqual(['proof', 'milestones']);
  });

  it('exits 2 on usage errors and malformed pathways', { timeout: 120_000 }, () => {
    const missing = runCli(['pathway', 'verify', join(dir, 'proof.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--pathway');

    const pathway = JSON.parse(readFileSync(join(dir, 'pathway.json'), 'utf8'));
    pathway.components[1].prerequisites = ['core-9'];
    writeFileSync(join(dir, 'bad-pathway.json'), JSON.stringify(pathway));
    const bad = runCli(['pathway', 'progress', '--pathway', join(dir, 'bad-pathway.json'), files[0]!]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ERR_PATHWAY_REFERENCE/);
    expect(bad.stderr).toContain("'core-2'");
  });
});
