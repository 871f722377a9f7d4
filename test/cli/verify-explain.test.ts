// The CLI says in plain words what a verification means, as the page does (explainResult):
// "authentic, but does not follow the OB 3.0 rule X" is not "may have been altered"; --strict
// answers as the 1EdTech validator; `issue` warns when a well-known verifier will refuse the format.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const realWorld = (file: string) => fileURLToPath(new URL(`../vectors/real-world/${file}`, import.meta.url));
const spec = (name: string) =>
  fileURLToPath(new URL(`../vectors/spec/ob-v3p0/spec/${name}`, import.meta.url));
const NOW = ['--now', '2026-12-01T00:00:00Z'];

describe('credstack verify: two answers in plain words', { timeout: 240_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-explain-'));
  });

  it('a genuine badge that breaks a rule: VERIFIED, the rule named; --strict exits 1 and says why', () => {
    const badge = realWorld('dcc-lcw-experience-badge.json');
    const plain = runCli(['verify', badge, ...NOW]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^VERIFIED/);
    expect(plain.stdout).toContain('Authentic and unaltered');
    expect(plain.stdout).toContain(
      'Does not follow the OB 3.0 rule: credentialSubject needs an id or at least one identifier',
    );
    expect(plain.stdout).not.toContain('may have been altered');

    const strict = runCli(['verify', badge, ...NOW, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^INVALID/);
    expect(strict.stdout).toContain('Refused in strict mode: nothing shows it was altered');

    const json = JSON.parse(runCli(['verify', badge, ...NOW, '--strict', '--json']).stdout);
    expect(json.conformance.strict).toBe(true);
    expect(json.conformance.violations.map((c: { code: string }) => c.code)).toContain('SUBJECT_NO_ID');
  });

  it('--engine reference verifies with the reference stack; --json says which engine ran', () => {
    const badge = realWorld('dcc-basic-obv3-eddsa-rdfc-2022.json');
    const auto = JSON.parse(runCli(['verify', badge, ...NOW, '--json']).stdout);
    const reference = runCli(['verify', badge, ...NOW, '--json', '--engine', 'reference']);
    expect(reference.code, reference.stderr).toBe(auto.verified ? 0 : 1);
    const result = JSON.parse(reference.stdout);
    expect(result.verdict).toBe(auto.verdict);
    expect(result.engine).toMatchObject({ mode: 'reference', proof: 'reference', canonicalize: 'reference' });
    expect(auto.engine).toMatchObject({ mode: 'auto', proof: 'credstack' });
    const wrong = runCli(['verify', badge, '--engine', 'fast']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--engine must be auto or reference');
  });

  it('a tampered badge reads "may have been altered", in both modes', () => {
    for (const extra of [[], ['--strict']]) {
      const r = runCli(['verify', realWorld('dcc-tampered.json'), ...NOW, ...extra]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('It may have been altered or was not issued as shown.');
    }
  });

  it('an unresolvable did:web issuer: could not be checked, not invalid', () => {
    const r = runCli(['verify', realWorld('dcc-did-web-unresolvable.json'), ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^INDETERMINATE/);
    expect(r.stdout).toContain(
      'Nothing shows it was altered, but something needed to decide could not be checked.',
    );
    expect(r.stdout).toContain('(not proven)');
  });

  it('issue warns on stderr when a verifier will refuse the format; verify lists the verifiers', () => {
    const key = join(dir, 'p256.json');
    expect(runCli(['keygen', '--alg', 'ES256', '--out', key]).code).toBe(0);
    const unsigned = JSON.parse(readFileSync(spec('basic-openbadgecredential.unsigned.json'), 'utf8'));
    delete unsigned.issuer; // issue sets the key's controller
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(unsigned));
    const signed = join(dir, 'ecdsa.json');
    const issued = runCli([
      'issue',
      '--key',
      key,
      '--in',
      join(dir, 'unsigned.json'),
      '--format',
      'ecdsa-rdfc-2019',
      '--out',
      signed,
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toContain(
      'warning: 1EdTech validator will refuse it: ecdsa-rdfc-2019 is not supported',
    );
    expect(issued.stderr).toContain('warning: DCC verifier-core / Learner Credential Wallet will refuse it');
    expect(issued.stderr).not.toContain('Learning Mobility Collaborative');

    const v = runCli(['verify', signed]);
    expect(v.code, v.stdout).toBe(0);
    expect(v.stdout).toContain('other verifiers (by their published rules):');
    expect(v.stdout).toMatch(/\[no {2}\] 1EdTech validator: ecdsa-rdfc-2019 is not supported/);
    expect(v.stdout).toMatch(
      /\[ok {2}\] Learning Mobility Collaborative interop profile: ecdsa-rdfc-2019 is supported/,
    );
  });

  it('help explains the two answers and --strict', () => {
    const help = runCli(['verify', '--help']);
    expect(help.stdout).toContain('--strict');
    expect(help.stdout).toContain('Two answers');
  });
});
