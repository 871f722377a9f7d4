// authorizesMethod: the controller's own list for a relationship (DID Core §5.3), which both
// verificationMethodFromDocument({ purpose }) and the verifier's JWT key binding read.
import { describe, expect, it } from 'vitest';
import { authorizesMethod, verificationMethodFromDocument } from '../../src/keys/verification-method.js';

const DID = 'did:web:a.example';
const vm = { id: `${DID}#key-1`, type: 'Multikey', controller: DID, publicKeyMultibase: 'z6Mkx' };

describe('authorizesMethod', () => {
  it('a reference, relative or absolute, or an embedded method under the relationship authorises it', () => {
    for (const listed of [[`${DID}#key-1`], ['#key-1'], [vm], `${DID}#key-1`]) {
      const doc = { id: DID, verificationMethod: [vm], assertionMethod: listed };
      expect(authorizesMethod(doc, `${DID}#key-1`, 'assertionMethod'), JSON.stringify(listed)).toBe(true);
      expect(authorizesMethod(doc, '#key-1', 'assertionMethod')).toBe(true);
    }
  });

  it('a method only in verificationMethod, or under another relationship, is not authorised', () => {
    const doc = { id: DID, verificationMethod: [vm], authentication: ['#key-1'] };
    expect(authorizesMethod(doc, vm.id, 'assertionMethod')).toBe(false);
    expect(authorizesMethod(doc, vm.id, 'authentication')).toBe(true);
    expect(verificationMethodFromDocument(doc, vm.id, { purpose: 'assertionMethod' })).toBeUndefined();
    expect(verificationMethodFromDocument(doc, vm.id, { purpose: 'authentication' })).toMatchObject(vm);
  });

  it('another id, a non-object document or a malformed list authorises nothing', () => {
    const doc = { id: DID, verificationMethod: [vm], assertionMethod: [42, null, { id: 7 }, '#key-2'] };
    expect(authorizesMethod(doc, vm.id, 'assertionMethod')).toBe(false);
    for (const value of [null, 'did:web:a.example', [], 7]) {
      expect(authorizesMethod(value, vm.id, 'assertionMethod')).toBe(false);
    }
  });
});
