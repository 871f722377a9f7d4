import { describe, expect, it } from 'vitest';
import { checkRevocationList, createRevocationList } from '../../src/status/index.js';
import fixture from '../vectors/status/credential-status-revoked-1edtech-revocation-list.json' with {
  type: 'json',
};

const LIST_URL = fixture.credentialStatus.id;
const ISSUER = fixture.issuer.id;

describe('createRevocationList', () => {
  it('builds the 1EdTech revocation list document', () => {
    expect(
      createRevocationList({
        id: LIST_URL,
        issuer: ISSUER,
        revoked: [
          { id: 'urn:uuid:1', reason: 'Issued in error' },
          { id: 'urn:uuid:2' },
          { id: 'urn:uuid:3', revoked: false },
        ],
      }),
    ).toEqual({
      id: LIST_URL,
      issuer: ISSUER,
      revokedCredentials: [
        { id: 'urn:uuid:1', revoked: true, revocationReason: 'Issued in error' },
        { id: 'urn:uuid:2', revoked: true },
        { id: 'urn:uuid:3', revoked: false },
      ],
    });
  });

  it('rejects duplicate or missing ids', () => {
    expect(() =>
      createRevocationList({ id: LIST_URL, issuer: ISSUER, revoked: [{ id: 'a' }, { id: 'a' }] }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => createRevocationList({ id: LIST_URL, issuer: ISSUER, revoked: [{ id: '' }] })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => createRevocationList({ id: '', issuer: ISSUER, revoked: [] })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});

describe('checkRevocationList', () => {
  it('finds the validator fixture credential revoked when its id is listed (revoked omitted)', () => {
    const list = {
      id: LIST_URL,
      issuer: ISSUER,
      revokedCredentials: [{ id: 'urn:uuid:other' }, { id: fixture.id, revocationReason: 'Fraud' }],
    };
    expect(checkRevocationList(fixture.id, list)).toMatchObject({
      status: 'revoked',
      code: 'STATUS_REVOKED',
      reason: 'Fraud',
    });
  });

  it('treats revoked: true as revoked and revoked: false as not revoked', () => {
    const built = createRevocationList({ id: LIST_URL, issuer: ISSUER, revoked: [{ id: fixture.id }] });
    expect(checkRevocationList(fixture.id, built).status).toBe('revoked');
    const cleared = { ...built, revokedCredentials: [{ id: fixture.id, revoked: false }] };
    expect(checkRevocationList(fixture.id, cleared)).toMatchObject({ status: 'ok', code: 'STATUS_OK' });
  });

  it('reports ok when the credential is absent', () => {
    const list = createRevocationList({
      id: LIST_URL,
      issuer: ISSUER,
      revoked: [{ id: 'urn:uuid:someone-else' }],
    });
    expect(checkRevocationList(fixture.id, list).status).toBe('ok');
    expect(checkRevocationList(fixture.id, { ...list, revokedCredentials: [] }).status).toBe('ok');
  });

  it('reads the singular revokedCredential key too', () => {
    expect(checkRevocationList('urn:x', { revokedCredential: [{ id: 'urn:x' }] }).status).toBe('revoked');
  });

  it('fails closed on malformed lists and on a value of revoked that is not false', () => {
    expect(
      checkRevocationList('urn:x', { revokedCredentials: [{ id: 'urn:x', revoked: 'no' }] }).status,
    ).toBe('revoked');
    expect(checkRevocationList('urn:x', {})).toMatchObject({ status: 'error', code: 'STATUS_LIST_INVALID' });
    expect(checkRevocationList('urn:x', { revokedCredentials: 'urn:x' }).status).toBe('error');
    expect(checkRevocationList('urn:x', null).status).toBe('error');
    expect(checkRevocationList(undefined, { revokedCredentials: [] })).toMatchObject({
      status: 'error',
      code: 'STATUS_ENTRY_INVALID',
    });
  });
});
