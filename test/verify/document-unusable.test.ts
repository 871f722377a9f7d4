// DOCUMENT_UNUSABLE: a `documents` entry that cannot be what its URL asks for (a file path where
// the document belongs, a DID document under a context URL, null, an array) is the caller's
// mistake. The credential could not be checked with it: `indeterminate`, naming the URL, never
// `invalid` (which would call a genuine credential a forgery) and never `verified`.
// Genuine credentials from the real-world corpus (test/vectors/real-world/SOURCES.md).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerificationResult, VerifyOptions } from '../../src/verify/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { runCli } from '../cli/run-cli.js';
import { vectorJson, vectorText } from './helpers.js';

const NOW = '2026-12-01T00:00:00Z';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OIDF_DID = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:oidf';
const KEY = `${OIDF_DID}#z6MkjXe1vZvPRqFuc9nRBtZ3e1Y9XKDFSbjFAfzLfW2bD6cZ`;
const DID_KEY = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
const SHARED_LIST =
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj';

const vector = (file: string) => vectorJson(`real-world/${file}`);
// did:web issuer: needs its DID document (documents/did-web-vc-test-fixtures-oidf.json)
const didWebBadge = () => vector('dcc-did-web-eddsa-rdfc-2022.json');
// did:key issuer, conforming: strict gives the same answer
const didKeyBadge = () => vector('dcc-basic-obv3-eddsa-rdfc-2022.json');
const didDocument = () => vector('documents/did-web-vc-test-fixtures-oidf.json');
const withoutContext = (document: Record<string, unknown>) => {
  const { '@context': _dropped, ...rest } = document;
  return rest;
};

const verify = (credential: unknown, documents: VerifyOptions['documents'], strict = false) =>
  verifyCredential(credential, { now: NOW, documents, strict });

/** Could not be checked, because of the document supplied for `url`, said at check `id`. */
function expectUnusable(result: VerificationResult, id: string, url: string, why?: string): void {
  const failedChecks = result.checks.filter((c) => c.status === 'failed');
  expect(result.verdict, JSON.stringify(failedChecks)).toBe('indeterminate');
  expect(result.verified).toBe(false);
  const check = result.checks.find((c) => c.code === 'DOCUMENT_UNUSABLE');
  expect(check, JSON.stringify(failedChecks)).toMatchObject({
    id,
    status: 'failed',
    verdict: 'indeterminate',
  });
  expect(check?.message).toContain(url);
  if (why !== undefined) expect(check?.message).toContain(why);
  // nothing reads as a forgery
  expect(failedChecks.filter((c) => c.verdict === 'invalid' && c.conformance !== true)).toEqual([]);
}

describe('the documents these tests break are the ones the credentials need', () => {
  it('with the issuer’s own DID document, the did:web badge verifies; the did:key one needs none', async () => {
    expect((await verify(didWebBadge(), { [OIDF_DID]: didDocument() })).verdict).toBe('verified');
    expect((await verify(didKeyBadge(), {})).verdict).toBe('verified');
  });
});

describe('DOCUMENT_UNUSABLE: (a) a file path where the document belongs (a CLI map given as documents)', () => {
  it('under the issuer’s DID', async () => {
    expectUnusable(await verify(didWebBadge(), { [OIDF_DID]: './did.json' }), 'proof', OIDF_DID, 'file path');
  });

  it('under the verification method’s own URL', async () => {
    expectUnusable(await verify(didWebBadge(), { [KEY]: './key.json' }), 'proof', KEY, 'file path');
  });

  it('under a did:key (which needs no document, but a supplied one is consulted first)', async () => {
    for (const strict of [false, true]) {
      expectUnusable(await verify(didKeyBadge(), { [DID_KEY]: 'did.json' }, strict), 'proof', DID_KEY);
    }
  });

  it('under one of the credential’s context URLs', async () => {
    for (const strict of [false, true]) {
      expectUnusable(
        await verify(didKeyBadge(), { [OB]: 'contexts/ob-3.0.3.json' }, strict),
        'context',
        OB,
        'file path',
      );
    }
  });

  it('under the JWKS or profile of a VC-JWT issuer whose key is only in the JWT header', async () => {
    // the 1EdTech specification's VC-JWT example: without documents it is ISSUER_KEY_UNBOUND
    const jwt = vectorText('real-world/1edtech-spec-vc-jwt-basic.jwt');
    for (const url of ['https://example.edu/.well-known/jwks.json', 'https://example.edu/issuers/565049']) {
      const result = await verify(jwt, { [url]: 'jwks.json' });
      expectUnusable(result, 'issuer', url, 'file path');
      // the signature itself was checked and holds
      expect(result.checks).toContainEqual(expect.objectContaining({ id: 'proof', code: 'PROOF_VALID' }));
    }
  });

  it('a status list: the status could not be checked (STATUS_UNAVAILABLE, naming the URL and why)', async () => {
    const result = await verify(vector('dcc-revoked-shared-status-list.json'), {
      [SHARED_LIST]: 'list.json',
    });
    expect(result.verdict).toBe('indeterminate');
    const check = result.checks.find((c) => c.id === 'status' && c.status === 'failed');
    expect(check).toMatchObject({ code: 'STATUS_UNAVAILABLE', verdict: 'indeterminate' });
    expect(check?.message).toContain(SHARED_LIST);
    expect(check?.message).toContain('ERR_DOCUMENT_UNUSABLE');
  });
});

describe('DOCUMENT_UNUSABLE: (b) a key or DID document without @context', () => {
  it('a DID document without @context is still read: credstack knows the DID and key contexts', async () => {
    // not unusable: the controller document is read with the DID context, the Multikey with its
    // own (resolve.ts asControllerDocument / withContext), as a DID resolver would hand them out
    expect((await verify(didWebBadge(), { [OIDF_DID]: withoutContext(didDocument()) })).verdict).toBe(
      'verified',
    );
  });

  it('a key document of a type credstack knows no context for, without @context', async () => {
    const method = (didDocument().verificationMethod as Array<Record<string, unknown>>)[0]!;
    const documents = {
      [OIDF_DID]: didDocument(),
      [KEY]: { ...method, type: 'Ed25519VerificationKey2018' },
    };
    expectUnusable(await verify(didWebBadge(), documents), 'proof', KEY, 'no @context');
  });

  it('a DID document without @context under a context URL', async () => {
    expectUnusable(
      await verify(didKeyBadge(), { [OB]: withoutContext(didDocument()) }),
      'context',
      OB,
      'no @context member',
    );
  });
});

describe('DOCUMENT_UNUSABLE: (c) an object that is not a context under a context URL', () => {
  it('a JSON Schema', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object' };
    expectUnusable(await verify(didKeyBadge(), { [OB]: schema }), 'context', OB);
  });

  // Before: JSON-LD took the DID document's own @context as the OB context and failed on a
  // redefined protected term, JSONLD_UNDEFINED_TERM and PROOF_SIGNATURE_INVALID: `invalid`.
  it('a DID document with its @context', async () => {
    for (const strict of [false, true]) {
      expectUnusable(await verify(didKeyBadge(), { [OB]: didDocument() }, strict), 'context', OB, 'an id');
    }
  });

  it('a credential (the badge itself)', async () => {
    expectUnusable(await verify(didKeyBadge(), { [OB]: didKeyBadge() }), 'context', OB, 'an id');
  });

  it('a bare {"@context": …} still counts as a context (here the bundled one, supplied again)', async () => {
    const { getBundledContext } = await import('../../src/contexts/index.js');
    expect((await verify(didKeyBadge(), { [OB]: getBundledContext(OB) })).verdict).toBe('verified');
  });
});

describe('DOCUMENT_UNUSABLE: (d) an array or null', () => {
  it.each([
    ['an array', []],
    ['null', null],
  ])('%s under a context URL', async (what, document) => {
    for (const url of [VC_V2, OB]) {
      expectUnusable(await verify(didKeyBadge(), { [url]: document }), 'context', url, what);
    }
  });

  it.each([
    ['an array', [{}]],
    ['null', null],
    ['a number', 42],
  ])('%s under the issuer’s DID', async (what, document) => {
    expectUnusable(await verify(didWebBadge(), { [OIDF_DID]: document }), 'proof', OIDF_DID, what);
  });

  it('a Map of documents is held to the same', async () => {
    expectUnusable(await verify(didKeyBadge(), new Map([[OB, null]])), 'context', OB, 'null');
  });
});

describe('DOCUMENT_UNUSABLE from the CLI (--documents map)', { timeout: 240_000 }, () => {
  it('a map that sends a context URL to a DID document and the DID to a file holding null → exit 1, indeterminate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credstack-unusable-'));
    const credential = join(dir, 'badge.json');
    writeFileSync(credential, JSON.stringify(didWebBadge()));
    writeFileSync(join(dir, 'did.json'), JSON.stringify(didDocument()));
    writeFileSync(join(dir, 'null.json'), 'null');

    writeFileSync(join(dir, 'right.json'), JSON.stringify({ [OIDF_DID]: 'did.json' }));
    const right = runCli(['verify', credential, '--documents', join(dir, 'right.json'), '--json']);
    expect(right.code, right.stderr).toBe(0);

    for (const [map, id, url] of [
      [{ [OIDF_DID]: 'did.json', [OB]: 'did.json' }, 'context', OB],
      [{ [OIDF_DID]: 'null.json' }, 'proof', OIDF_DID],
    ] as const) {
      writeFileSync(join(dir, 'map.json'), JSON.stringify(map));
      const r = runCli(['verify', credential, '--documents', join(dir, 'map.json'), '--json']);
      expect(r.code, r.stderr).toBe(1);
      expectUnusable(JSON.parse(r.stdout) as VerificationResult, id, url);
    }
  });
});
