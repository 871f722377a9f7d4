// issueCredential tells, before anyone finds out the hard way, which well-known verifiers will
// refuse the chosen format (their published rules: src/verify/acceptance.ts). It signs all the same.
import { describe, expect, it } from 'vitest';
import {
  createBitstring,
  createStatusListCredential,
  generateKey,
  type IssueWarning,
  issueCredential,
  type KeyFile,
} from '../../src/index.js';
import { unsignedBadge } from './helpers.js';

async function warningsOf(key: KeyFile, format?: 'vc-jwt' | 'ecdsa-rdfc-2019' | 'eddsa-rdfc-2022') {
  const warnings: IssueWarning[] = [];
  const signed = await issueCredential(await unsignedBadge(key), {
    key,
    ...(format ? { format } : {}),
    onWarning: (w) => warnings.push(w),
  });
  expect(signed).toBeTruthy(); // signed all the same
  return warnings;
}

describe('issueCredential format warnings', () => {
  it('eddsa-rdfc-2022 from a did:key: every listed verifier takes it, no warning', async () => {
    expect(await warningsOf(await generateKey())).toEqual([]);
  });

  it('ecdsa-rdfc-2019: the 1EdTech validator and DCC will refuse it; the LMC profile takes it', async () => {
    const warnings = await warningsOf(await generateKey({ algorithm: 'P-256' }), 'ecdsa-rdfc-2019');
    expect(warnings.map((w) => w.verifier).sort()).toEqual(['dcc-verifier-core', 'onedtech-validator']);
    for (const w of warnings) expect(w.code).toBe('FORMAT_REFUSED');
    expect(warnings.find((w) => w.verifier === 'onedtech-validator')?.message).toContain(
      'ecdsa-rdfc-2019 is not supported',
    );
  });

  it('an EdDSA VC-JWT: the 1EdTech validator (RS256/ES256 only) and both JWT-less verifiers', async () => {
    const warnings = await warningsOf(await generateKey(), 'vc-jwt');
    expect(warnings.map((w) => w.verifier).sort()).toEqual([
      'dcc-verifier-core',
      'lmc-interop-profile',
      'onedtech-validator',
    ]);
    expect(warnings.find((w) => w.verifier === 'onedtech-validator')?.message).toContain(
      'VC-JWT signed with EdDSA is refused',
    );
  });

  it('an ES256 VC-JWT is what the 1EdTech validator takes', async () => {
    const warnings = await warningsOf(await generateKey({ algorithm: 'P-256' }), 'vc-jwt');
    expect(warnings.map((w) => w.verifier)).not.toContain('onedtech-validator');
  });

  it('a status list credential is no badge: no warning, whatever the format', async () => {
    const key = await generateKey({ algorithm: 'P-256' });
    const warnings: IssueWarning[] = [];
    const list = createStatusListCredential({
      id: 'https://school.example/status/1',
      issuer: key.controller,
      purpose: 'revocation',
      bits: createBitstring(),
      validFrom: '2026-01-01T00:00:00Z',
    });
    await issueCredential(list, {
      key,
      format: 'ecdsa-rdfc-2019',
      validate: false,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
  });

  it('without onWarning: one Node process warning per distinct message, not one per credential', async () => {
    const key = await generateKey({ algorithm: 'P-256' });
    const seen: Error[] = [];
    const listener = (w: Error) => {
      if ((w as { code?: string }).code === 'CREDSTACK_FORMAT_REFUSED') seen.push(w);
    };
    process.on('warning', listener);
    try {
      const badge = await unsignedBadge(key);
      for (let i = 0; i < 3; i++) await issueCredential(badge, { key, format: 'ecdsa-rdfc-2019' });
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', listener);
    }
    const messages = seen.map((w) => w.message);
    expect(messages.some((m) => m.startsWith('DCC verifier-core'))).toBe(true);
    expect(messages.some((m) => m.startsWith('1EdTech validator'))).toBe(true);
    expect(seen).toHaveLength(2);
  });
});
