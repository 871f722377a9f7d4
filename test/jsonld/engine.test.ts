// The engine chooser (src/jsonld/engine.ts, canonize.ts, proof/data-integrity/verify.ts): which
// engine ran each step is reported on the result with the reason for every handover;
// `engine: 'reference'` runs the reference stack only and reaches the same verdicts; a bad mode is
// refused.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { createSigner, generateKey, type KeyFile } from '../../src/keys/index.js';
import { verifyPresentation } from '../../src/presentation/index.js';
import { canonicalize } from '../../src/jsonld/canonize.js';
import { signDataIntegrity } from '../../src/proof/data-integrity/sign.js';
import { verifyDataIntegrityProof } from '../../src/proof/data-integrity/verify.js';
import { proofHashData } from '../../src/proof/data-integrity/hash-data.js';
import { EngineTrace, Fallback } from '../../src/jsonld/engine.js';
import { createMemoryStatusStore, publishStatusList } from '../../src/status/store/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { unsignedBadge } from '../issue/helpers.js';
import { referenceHolder } from '../serve/wallet-helpers.js';

// after the badges below are issued (now), before anything expires
const NOW = new Date(Date.now() + 86_400_000).toISOString();
const CREATED = '2025-06-01T00:00:00Z';
const SCHOOL_CONTEXT = 'https://school.example/contexts/v1';
const schoolContext = { '@context': { campus: 'https://school.example/terms#campus' } };

let key: KeyFile;
let signed: Record<string, any>;

beforeAll(async () => {
  key = await generateKey();
  signed = (await issueCredential(await unsignedBadge(key), { key, format: 'eddsa-rdfc-2022' })) as Record<
    string,
    any
  >;
});

describe('result.engine', () => {
  it('reports credstack for every step of a badge on the bundled contexts, with no fallback', async () => {
    const result = await verifyCredential(signed, { now: NOW });
    expect(result.verified).toBe(true);
    expect(result.engine).toEqual({
      mode: 'auto',
      expand: 'credstack',
      canonicalize: 'credstack',
      proof: 'credstack',
      fallbacks: [],
    });
  });

  it("includes the status list's proof: a VC-JWT badge whose list is a Data Integrity credential", async () => {
    const url = 'https://school.example/status/engine';
    const store = createMemoryStatusStore({ url, issuer: key.controller });
    const jwt = await issueCredential(await unsignedBadge(key), { key, format: 'vc-jwt', statusList: store });
    const [list] = await publishStatusList(store, { key });
    const without = await verifyCredential(jwt, { now: NOW, checkStatus: false });
    expect(without.verified).toBe(true);
    expect(without.engine?.proof).toBeUndefined(); // a JWS is not JSON-LD work
    for (const engine of ['auto', 'reference'] as const) {
      const result = await verifyCredential(jwt, {
        now: NOW,
        engine,
        documents: { [url]: list!.credential },
      });
      expect(result.verified, engine).toBe(true);
      // only the list was canonicalized and had a Data Integrity proof checked
      const ran = engine === 'auto' ? 'credstack' : 'reference';
      expect(result.engine).toMatchObject({ mode: engine, canonicalize: ran, proof: ran });
    }
  });

  it("engine: 'reference' runs the reference stack for every step and reaches the same verdict", async () => {
    const result = await verifyCredential(signed, { now: NOW, engine: 'reference' });
    expect(result.verified).toBe(true);
    expect(result.engine).toEqual({
      mode: 'reference',
      expand: 'reference',
      canonicalize: 'reference',
      proof: 'reference',
      fallbacks: [],
    });
    expect(result.checks.map((c) => c.code)).toEqual(
      (await verifyCredential(signed, { now: NOW })).checks.map((c) => c.code),
    );
  });

  it('a forged badge fails on both engines', async () => {
    const forged = structuredClone(signed);
    forged.credentialSubject.achievement.name = 'Doctorate';
    for (const engine of ['auto', 'reference'] as const) {
      const result = await verifyCredential(forged, { now: NOW, engine });
      expect(result.verdict, engine).toBe('invalid');
      expect(result.checks.find((c) => c.id === 'proof')?.code, engine).toBe('PROOF_SIGNATURE_INVALID');
    }
  });

  it('a context outside the bundle is handed over with CONTEXT_NOT_BUNDLED and its URL', async () => {
    const documentLoader = createDocumentLoader({ documents: { [SCHOOL_CONTEXT]: schoolContext } });
    const unsigned = { ...(await unsignedBadge(key)), campus: 'North' } as Record<string, any>;
    unsigned['@context'] = [...unsigned['@context'], SCHOOL_CONTEXT];
    const withContext = await signDataIntegrity(unsigned, {
      signer: await createSigner(key),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader,
      created: CREATED,
    });
    const result = await verifyCredential(withContext, {
      now: NOW,
      documents: { [SCHOOL_CONTEXT]: schoolContext },
    });
    expect(result.verified).toBe(true);
    expect(result.engine?.expand).toBe('reference');
    expect(result.engine?.canonicalize).toBe('reference');
    expect(result.engine?.fallbacks).toContainEqual({
      step: 'expand',
      reason: 'CONTEXT_NOT_BUNDLED',
      detail: SCHOOL_CONTEXT,
    });
    expect(result.engine?.fallbacks).toContainEqual({
      step: 'canonicalize',
      reason: 'CONTEXT_NOT_BUNDLED',
      detail: SCHOOL_CONTEXT,
    });
    // the proof check itself is still credstack's: only the JSON-LD work went to jsonld.js
    expect(result.engine?.proof).toBe('credstack');
  });

  it('a legacy suite goes to the reference with PROOF_SUITE', async () => {
    const dir = new URL('../vectors/real-world/', import.meta.url);
    const credential = JSON.parse(
      readFileSync(new URL('dcc-test-issuer-ed25519signature2020.json', dir), 'utf8'),
    ) as unknown;
    const result = await verifyCredential(credential, { now: NOW, checkStatus: false });
    expect(result.verdict).not.toBe('invalid');
    expect(result.engine?.proof).toBe('reference');
    expect(result.engine?.fallbacks).toContainEqual({
      step: 'proof',
      reason: 'PROOF_SUITE',
      detail: 'Ed25519Signature2020/undefined',
    });
  });

  it('a VC-JWT reports only the expansion (its signature is jose’s)', async () => {
    const jwt = (await issueCredential(await unsignedBadge(key), {
      key,
      format: 'vc-jwt',
    })) as unknown as string;
    const result = await verifyCredential(jwt, { now: NOW });
    expect(result.verified).toBe(true);
    expect(result.engine).toEqual({ mode: 'auto', expand: 'credstack', fallbacks: [] });
  });

  it('an engine that is not a mode is refused, not ignored', async () => {
    const result = await verifyCredential(signed, { now: NOW, engine: 'fast' as never });
    expect(result.verified).toBe(false);
    expect(result.checks[0]).toMatchObject({ code: 'OPTION_INVALID' });
    const vp = await verifyPresentation({}, { challenge: 'c', domain: 'd', engine: 'fast' as never });
    expect(vp.checks[0]).toMatchObject({ code: 'OPTION_INVALID' });
    // a value JSON cannot print is described, not thrown on
    const big = await verifyCredential(signed, { now: NOW, engine: 10n as never });
    expect(big.checks[0]).toMatchObject({ code: 'OPTION_INVALID' });
    const documentLoader = createDocumentLoader();
    const proof = await verifyDataIntegrityProof(signed, signed.proof, {
      documentLoader,
      engine: 'fast' as never,
    });
    expect(proof.verified).toBe(false);
    expect(proof.error).toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(
      signDataIntegrity(await unsignedBadge(key), {
        signer: await createSigner(key),
        cryptosuite: 'eddsa-rdfc-2022',
        documentLoader,
        engine: 'fast' as never,
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});

describe('presentations', () => {
  it("the holder's proof goes to the reference with PROOF_PURPOSE (challenge and domain)", async () => {
    const holder = await referenceHolder();
    const vp = await holder.didAuth('the-challenge', 'verifier.example');
    const result = await verifyPresentation(vp, {
      challenge: 'the-challenge',
      domain: 'verifier.example',
      profile: 'vc',
    });
    expect(result.verified).toBe(true);
    expect(result.engine?.proof).toBe('reference');
    expect(result.engine?.fallbacks).toContainEqual({ step: 'proof', reason: 'PROOF_PURPOSE' });
  });
});

describe('signing', () => {
  it("engine: 'reference' signs the same bytes", async () => {
    const signer = await createSigner(key);
    const documentLoader = createDocumentLoader();
    const options = { signer, cryptosuite: 'eddsa-rdfc-2022' as const, documentLoader, created: CREATED };
    const badge = await unsignedBadge(key);
    const auto = await signDataIntegrity(badge, options);
    const reference = await signDataIntegrity(badge, { ...options, engine: 'reference' });
    expect(JSON.stringify(reference)).toBe(JSON.stringify(auto));
  });
});

describe('canonicalize, the chooser', () => {
  it('returns the engine and records it on the trace', async () => {
    const documentLoader = createDocumentLoader();
    const trace = new EngineTrace();
    const badge = await unsignedBadge(key);
    const fast = await canonicalize(badge, documentLoader, { trace });
    expect(fast.engine).toBe('credstack');
    expect(fast.fallback).toBeUndefined();
    const forced = await canonicalize(badge, documentLoader, {
      trace: new EngineTrace('reference'),
    });
    expect(forced).toEqual({ nquads: fast.nquads, engine: 'reference' });
    expect(trace.report()).toEqual({ mode: 'auto', canonicalize: 'credstack', fallbacks: [] });
  });

  it('a fallback carries its reason', async () => {
    const documentLoader = createDocumentLoader({ documents: { [SCHOOL_CONTEXT]: schoolContext } });
    const document = { '@context': SCHOOL_CONTEXT, campus: 'North' };
    const result = await canonicalize(document, documentLoader);
    expect(result.engine).toBe('reference');
    expect(result.fallback).toEqual(new Fallback('CONTEXT_NOT_BUNDLED', SCHOOL_CONTEXT));
    expect(result.nquads).toBe('_:c14n0 <https://school.example/terms#campus> "North" .\n');
  });
});

describe('one hash-data function', () => {
  it('proofHashData gives what the signature signs, suite context included', async () => {
    // A VCDM 1.1 document has neither the VC 2.0 nor the DI context: signing adds the DI context
    // to the proof configuration (data-integrity ensureSuiteContext), and so must proofHashData.
    const documentLoader = createDocumentLoader();
    const signer = await createSigner(key);
    const document = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: key.controller,
      issuanceDate: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    const signedV1 = await signDataIntegrity(document, {
      signer,
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader,
      created: CREATED,
    });
    const { proofCanon, hashData } = await proofHashData(signedV1, signedV1.proof as never, documentLoader);
    expect(proofCanon).toContain('<https://w3id.org/security#DataIntegrityProof>');
    const again = await signer.sign({ data: hashData });
    const { base58Encode } = await import('../../src/keys/base58.js');
    expect(`z${base58Encode(again)}`).toBe((signedV1.proof as Record<string, unknown>).proofValue);
  });
});
