// Trust patterns (issue "Verified means authentic", finding 6): a `*` in a trust-list or
// acceptedIssuers pattern used to become `.*`, so `did:web:school.example*` trusted
// `did:web:school.example.attacker.com` and `https://*.school.example/*` trusted
// `https://attacker.com/.school.example/issuer`. Each attack here signs a real credential as the
// attacker's issuer and asks the public API whether the pattern trusts or accepts it.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPathway,
  didWebDocument,
  generateKey,
  issueCredential,
  issuerProfileWithKeys,
  loadTrustRegistry,
  matchesTrustEntry,
  type Pathway,
  pathwayProgress,
  verifyCredential,
} from '../../src/index.js';
import { plainBadge } from '../helpers/badge.js';

const NOW = '2026-01-01T00:00:00Z';
const LEARNER = 'did:example:learner-7';
const ACHIEVEMENT = 'https://school.example/achievements/welding-1';

function badge(issuer: string): Record<string, unknown> {
  return plainBadge(issuer, {
    issuerName: 'School',
    name: 'Welding 1',
    subject: LEARNER,
    achievementId: ACHIEVEMENT,
    description: 'Basic welding.',
    narrative: 'Passed the practical.',
  });
}

interface Signed {
  issuer: string;
  credential: Record<string, unknown>;
  documents: Record<string, unknown>;
}

/** A credential signed by a did:web issuer, with its DID document supplied (no network). */
async function didWebIssuer(web: string): Promise<Signed> {
  const key = await generateKey({ did: { web } });
  const credential = await issueCredential(badge(key.controller), { key, created: '2025-06-01T00:00:00Z' });
  return { issuer: key.controller, credential, documents: { [key.controller]: didWebDocument([key]) } };
}

/** A credential signed by an https issuer, its profile (with the key) supplied. */
async function httpsIssuer(id: string): Promise<Signed> {
  const key = await generateKey({ controller: id });
  const credential = await issueCredential(badge(id), { key, created: '2025-06-01T00:00:00Z' });
  const { profile } = issuerProfileWithKeys(key, { id, name: 'School' });
  return { issuer: id, credential, documents: { [id]: profile } };
}

async function trustOf(signed: Signed, trust: string[]) {
  const result = await verifyCredential(signed.credential, { now: NOW, documents: signed.documents, trust });
  // The signature is genuine either way: only the trust answer is at stake.
  expect(result.verified, JSON.stringify(result.checks)).toBe(true);
  return result.issuerTrust;
}

let attackerDid: Signed;
let attackerPortDid: Signed;
let schoolDid: Signed;
let schoolSubDid: Signed;
let attackerUrl: Signed;
let attackerQueryUrl: Signed;
let attackerUserinfoUrl: Signed;
let schoolUrl: Signed;

beforeAll(async () => {
  [
    attackerDid,
    attackerPortDid,
    schoolDid,
    schoolSubDid,
    attackerUrl,
    attackerQueryUrl,
    attackerUserinfoUrl,
    schoolUrl,
  ] = await Promise.all([
    didWebIssuer('school.example.attacker.com'),
    didWebIssuer('school.example%3A8443'),
    didWebIssuer('school.example'),
    didWebIssuer('school.example:issuers:1'),
    httpsIssuer('https://attacker.com/.school.example/issuer'),
    httpsIssuer('https://attacker.com/?.school.example/issuer'),
    httpsIssuer('https://a.school.example@attacker.com/issuer'),
    httpsIssuer('https://a.school.example/issuer'),
  ]);
});

describe('verifyCredential({ trust }) with patterns', () => {
  it('did:web:school.example* does not trust a longer host (did:web:school.example.attacker.com)', async () => {
    expect(await trustOf(attackerDid, ['did:web:school.example*'])).toBe('untrusted');
    expect(await trustOf(attackerDid, ['did:web:school.example:*'])).toBe('untrusted');
    // Another port is another origin.
    expect(await trustOf(attackerPortDid, ['did:web:school.example*'])).toBe('untrusted');
  });

  it('did:web:school.example* still trusts the DID itself and the DIDs below it', async () => {
    expect(await trustOf(schoolDid, ['did:web:school.example*'])).toBe('trusted');
    expect(await trustOf(schoolSubDid, ['did:web:school.example*'])).toBe('trusted');
    expect(await trustOf(schoolSubDid, ['did:web:school.example:*'])).toBe('trusted');
    expect(await trustOf(schoolDid, ['did:web:school.example:*'])).toBe('untrusted');
  });

  it('https://*.school.example/* does not trust a host that only has the suffix in its path', async () => {
    expect(await trustOf(attackerUrl, ['https://*.school.example/*'])).toBe('untrusted');
    expect(await trustOf(attackerQueryUrl, ['https://*.school.example/*'])).toBe('untrusted');
    expect(await trustOf(attackerUserinfoUrl, ['https://*.school.example/*'])).toBe('untrusted');
  });

  it('https://*.school.example/* still trusts a subdomain of school.example', async () => {
    expect(await trustOf(schoolUrl, ['https://*.school.example/*'])).toBe('trusted');
    expect(await trustOf(schoolUrl, ['https://a.school.example/*'])).toBe('trusted');
  });
});

describe('pathway acceptedIssuers share the matcher', () => {
  const pathwayAccepting = (acceptedIssuers: string[]): Pathway =>
    createPathway({
      id: 'https://employer.example/pathways/welder',
      name: 'Welder',
      occupations: [{ code: '51-4121.00', framework: 'O*NET-SOC', name: 'Welders' }],
      employer: { id: 'https://employer.example/profile', name: 'Employer' },
      components: [{ id: 'welding-1', name: 'Welding 1', achievement: ACHIEVEMENT, acceptedIssuers }],
      completion: 'welding-1',
    });

  async function progress(signed: Signed, acceptedIssuers: string[]) {
    return pathwayProgress(pathwayAccepting(acceptedIssuers), [signed.credential], {
      learner: { id: LEARNER },
      now: NOW,
      documents: signed.documents,
    });
  }

  it('refuses the attacker domains', async () => {
    for (const [signed, pattern] of [
      [attackerDid, 'did:web:school.example*'],
      [attackerUrl, 'https://*.school.example/*'],
      [attackerQueryUrl, 'https://*.school.example/*'],
    ] as const) {
      const report = await progress(signed, [pattern]);
      expect(report.rejected.map((r) => r.reason)).toEqual(['issuer-not-accepted']);
      expect(report.components.find((c) => c.id === 'welding-1')?.state).not.toBe('earned');
    }
  });

  it('accepts the issuers the patterns name', async () => {
    for (const [signed, pattern] of [
      [schoolSubDid, 'did:web:school.example*'],
      [schoolUrl, 'https://*.school.example/*'],
    ] as const) {
      const report = await progress(signed, [pattern]);
      expect(report.rejected).toEqual([]);
      expect(report.components.find((c) => c.id === 'welding-1')?.state).toBe('earned');
    }
  });
});

describe('matchesTrustEntry grammar', () => {
  it.each([
    // DIDs and other colon-separated ids: `*` is whole segments.
    ['did:web:school.example', 'did:web:school.example*', true],
    ['did:web:school.example:issuers:1', 'did:web:school.example*', true],
    ['did:web:school.example:issuers:1', 'did:web:school.example:*', true],
    ['did:web:school.example:issuers:1', 'did:web:school.example:*:1', true],
    ['did:web:school.example:issuers:x:1', 'did:web:school.example:*:1', false],
    ['did:web:a.school.example', 'did:web:*.school.example', true],
    ['did:web:a.b.school.example:issuers', 'did:web:*.school.example:*', true],
    ['did:web:school.example', 'did:web:*.school.example', false],
    ['did:web:evilschool.example', 'did:web:*school.example', false],
    ['did:web:school.example.attacker.com', 'did:web:school.example*', false],
    ['did:web:school.examplex', 'did:web:school.example*', false],
    ['did:web:school.example:', 'did:web:school.example:*', false],
    ['did:web:school.example::x', 'did:web:school.example*', false],
    ['urn:example:school:1', 'urn:example:school:*', true],
    // URLs: `*` is whole host labels, or whole path segments.
    ['https://a.school.example/issuer', 'https://*.school.example/*', true],
    ['https://a.b.school.example/x/y', 'https://*.school.example/*', true],
    ['https://A.School.Example/issuer', 'https://*.school.example/*', true],
    ['https://school.example/issuer', 'https://*.school.example/*', false],
    ['https://attacker.com/.school.example/issuer', 'https://*.school.example/*', false],
    ['https://attacker.com/x.school.example/', 'https://*.school.example/*', false],
    ['https://school.example.attacker.com/issuer', 'https://*.school.example/*', false],
    ['https://a.school.example:8443/issuer', 'https://*.school.example/*', false],
    ['https://a.school.example:8443/issuer', 'https://*.school.example:8443/*', true],
    ['http://a.school.example/issuer', 'https://*.school.example/*', false],
    ['https://a.school.example/issuer?x', 'https://*.school.example/*', false],
    ['https://a.school.example/issuer#x', 'https://*.school.example/*', false],
    ['https://school.example/issuers/1', 'https://school.example/issuers/*', true],
    ['https://school.example/issuers/1/2', 'https://school.example/issuers/*', true],
    ['https://school.example/issuers', 'https://school.example/issuers/*', false],
    ['https://school.example/issuersX/1', 'https://school.example/issuers/*', false],
    ['https://school.example/issuers/../admin/1', 'https://school.example/issuers/*', false],
    ['https://school.example/issuers/1/profile', 'https://school.example/issuers/*/profile', true],
    ['https://school.example/issuers/1/2/profile', 'https://school.example/issuers/*/profile', false],
    ['https://school.example', 'https://school.example/*', true],
    // Exact ids stay exact.
    ['https://school.example/issuer', 'https://school.example', false],
    ['did:web:schoolXexample', 'did:web:school.example', false],
  ])('%s against %s → %s', (id, pattern, expected) => {
    expect(matchesTrustEntry(id, pattern)).toBe(expected);
  });

  it.each([
    'https://*/*', // any host at all
    'https://school*.example/*', // a partial label
    'https://*.school.example/issuer-*', // a partial path segment
    'https://*.school.example/*?x', // a query
    'did:web:school*example', // a partial segment
    '*',
  ])('an unsupported pattern %s matches nothing (fails closed)', (pattern) => {
    for (const id of ['https://a.school.example/issuer', 'did:web:school.example', 'https://x/y', 'a']) {
      expect(matchesTrustEntry(id, pattern)).toBe(false);
    }
  });
});

describe('loadTrustRegistry', () => {
  it('refuses a pattern outside the grammar with a coded error, and loads the supported ones', () => {
    expect(() => loadTrustRegistry(['did:web:school*example'])).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => loadTrustRegistry({ issuers: [{ id: 'https://*/*' }] })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(loadTrustRegistry(['did:web:school.example*', 'https://*.school.example/*']).issuers).toHaveLength(
      2,
    );
  });
});
