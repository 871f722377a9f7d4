import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../src/verify/index.js';
import { runCli } from './run-cli.js';

const spec = new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url);
const vectorUrl = (name: string) => new URL(`../vectors/ob-test-vector/${name}`, import.meta.url);

// Each case spawns the CLI several times: slow on a loaded 2-core machine.
describe('verify --trust and --documents', { timeout: 240_000 }, () => {
  let dir: string;
  let signed: string;
  let did: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-trust-'));
    const key = join(dir, 'key.json');
    expect(runCli(['keygen', '--out', key]).code).toBe(0);
    did = JSON.parse(readFileSync(key, 'utf8')).controller;
    const badge = JSON.parse(readFileSync(spec, 'utf8'));
    delete badge.issuer;
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(badge));
    signed = join(dir, 'signed.json');
    const issued = runCli(['issue', '--key', key, '--in', join(dir, 'unsigned.json'), '--out', signed]);
    expect(issued.code, issued.stderr).toBe(0);
  });

  const trustOf = (trust: string, ...extra: string[]) => {
    const r = runCli(['verify', signed, '--trust', trust, '--json', ...extra]);
    return { ...r, issuerTrust: r.stdout ? JSON.parse(r.stdout).issuerTrust : undefined };
  };

  describe('--trust: a file if one exists at that path, else comma-separated ids and patterns', () => {
    it('an inline id, and a list with the id among patterns', () => {
      const one = trustOf(did, '--require-trusted');
      expect(one.code, one.stderr).toBe(0);
      expect(one.issuerTrust).toBe('trusted');
      const list = trustOf(`did:web:*.example.edu, ${did} ,https://school.example/*`, '--require-trusted');
      expect(list.code, list.stderr).toBe(0);
      expect(list.issuerTrust).toBe('trusted');
    });

    it('inline patterns that do not match: untrusted, exit 1 with --require-trusted', () => {
      const other = trustOf('did:web:*.example.edu,https://school.example/*', '--require-trusted');
      expect(other.code).toBe(1);
      expect(other.issuerTrust).toBe('untrusted');
      expect(trustOf('did:web:*.example.edu').code).toBe(0); // without --require-trusted
    });

    it('files keep working: a JSON list, { issuers }, a DCC registry', () => {
      const files: Record<string, unknown> = {
        'list.json': [did],
        'issuers.json': { name: 'Mine', issuers: [{ id: did, name: 'Me' }] },
        'dcc.json': { meta: { created_at: '2024-01-01' }, registry: { [did]: { name: 'Me' } } },
      };
      for (const [name, content] of Object.entries(files)) {
        writeFileSync(join(dir, name), JSON.stringify(content));
        const r = trustOf(join(dir, name), '--require-trusted');
        expect(r.code, `${name}: ${r.stderr}`).toBe(0);
        expect(r.issuerTrust).toBe('trusted');
      }
    });

    it('neither a file nor ids (a mistyped file name), or an unsupported pattern: exit 2', () => {
      const typo = trustOf(join(dir, 'registy.json'));
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain('no such file');
      expect(typo.stderr).toContain('is not an issuer id or pattern');
      expect(trustOf(' , ').code).toBe(2);
      const wide = trustOf('did:web:*');
      expect(wide.code).toBe(2);
      expect(wide.stderr).toContain('Unsupported trust pattern');
    });
  });

  describe('--documents: values are file paths or the documents themselves', () => {
    const vector = () => JSON.parse(readFileSync(vectorUrl('test-vector.json'), 'utf8')).keyPair;
    const issuerDocument = () => {
      const { controller, verificationMethodId, publicKeyMultibase } = vector();
      return {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: controller,
        verificationMethod: [{ id: verificationMethodId, type: 'Multikey', controller, publicKeyMultibase }],
        assertionMethod: [verificationMethodId],
      };
    };
    const credential = vectorUrl('credential.signed.json').pathname;
    const verifyWith = (map: unknown, name: string) => {
      const path = join(dir, name);
      writeFileSync(path, typeof map === 'string' ? map : JSON.stringify(map));
      return runCli(['verify', credential, '--documents', path, '--json']);
    };

    it('an inline document (the API form) verifies as a file path does', () => {
      const { controller } = vector();
      const inline = verifyWith({ [controller]: issuerDocument() }, 'inline-map.json');
      expect(inline.code, inline.stdout + inline.stderr).toBe(0);
      expect(JSON.parse(inline.stdout).verdict).toBe('verified');
      writeFileSync(join(dir, 'issuer-doc.json'), JSON.stringify(issuerDocument()));
      const byPath = verifyWith({ [controller]: 'issuer-doc.json' }, 'path-map.json');
      expect(byPath.code, byPath.stderr).toBe(0);
    });

    it('a map that is not an object, a missing or unparsable file, a bad entry: exit 2, naming URL and path', () => {
      const { controller } = vector();
      const array = verifyWith([controller], 'array-map.json');
      expect(array.code).toBe(2);
      expect(array.stderr).toContain(`${join(dir, 'array-map.json')} must be a JSON object`);

      const missing = verifyWith({ [controller]: 'nope.json' }, 'missing-map.json');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`the entry for ${controller}`);
      expect(missing.stderr).toContain(join(dir, 'nope.json'));
      expect(missing.stderr).toContain('ENOENT');
      expect(missing.stderr).toContain('ERR_FILE_READ');

      writeFileSync(join(dir, 'broken.json'), '{ "id": ');
      const broken = verifyWith({ [controller]: 'broken.json' }, 'broken-map.json');
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain(`the entry for ${controller}`);
      expect(broken.stderr).toContain(`${join(dir, 'broken.json')} is not valid JSON`);
      expect(broken.stderr).toContain('ERR_JSON_PARSE');

      const number = verifyWith({ [controller]: 42 }, 'number-map.json');
      expect(number.code).toBe(2);
      expect(number.stderr).toContain('must be a file path or a JSON object (the document), got number');

      const key = verifyWith({ 'issuer.json': 'issuer-doc.json' }, 'key-map.json');
      expect(key.code).toBe(2);
      expect(key.stderr).toContain('the key must be a URL or a DID');

      const garbage = verifyWith('{ not json', 'garbage-map.json');
      expect(garbage.code).toBe(2);
      expect(garbage.stderr).toContain('ERR_JSON_PARSE');
    });

    it('the API given the CLI form (a path, not a document): DOCUMENT_UNUSABLE naming the URL', async () => {
      const { controller } = vector();
      const input = JSON.parse(readFileSync(vectorUrl('credential.signed.json'), 'utf8'));
      const result = await verifyCredential(input, { documents: { [controller]: 'issuer-doc.json' } });
      expect(result.verified).toBe(false);
      const failed = result.checks.find((c) => c.status === 'failed');
      expect(failed?.code).toBe('DOCUMENT_UNUSABLE');
      expect(failed?.message).toContain(controller);
      expect(failed?.message).toContain('a file path?');
      // …and the document itself, as the API takes it, verifies.
      const ok = await verifyCredential(input, { documents: { [controller]: issuerDocument() } });
      expect(ok.verdict).toBe('verified');
    });
  });
});
