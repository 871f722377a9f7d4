import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIdentityObject, hashIdentifier, matchesRecipient } from '../../src/model/index.js';

// OB 3.0 IdentityHash definition (schemas' $comment): SHA-256 of "a@example.com" salted with "Kosher".
const SPEC_VECTOR = 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399';

const subjectWith = (identifier: Record<string, unknown>) => ({
  credentialSubject: { type: ['AchievementSubject'], identifier: [identifier] },
});

describe('hashIdentifier', () => {
  it('matches the spec vector', async () => {
    expect(await hashIdentifier('a@example.com', { salt: 'Kosher' })).toBe(SPEC_VECTOR);
  });

  it('hashes without salt when none is given', async () => {
    const expected = createHash('sha256').update('a@example.com', 'utf8').digest('hex');
    expect(await hashIdentifier('a@example.com')).toBe(`sha256$${expected}`);
  });

  it('hashes the UTF-8 bytes of identifier + salt', async () => {
    const expected = createHash('sha256').update('josé@exämple.org☃', 'utf8').digest('hex');
    expect(await hashIdentifier('josé@exämple.org', { salt: '☃' })).toBe(`sha256$${expected}`);
  });

  it('refuses to create md5 hashes', async () => {
    await expect(hashIdentifier('a@example.com', { algorithm: 'md5' as 'sha256' })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });
});

describe('createIdentityObject', () => {
  it('hashes a lower-cased, trimmed email with a random salt by default', async () => {
    const io = await createIdentityObject({ identifier: '  Learner@Example.ORG ' });
    expect(io).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(io.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(io.identityHash).toBe(await hashIdentifier('learner@example.org', { salt: io.salt! }));
    const other = await createIdentityObject({ identifier: 'learner@example.org' });
    expect(other.salt).not.toBe(io.salt);
  });

  it('keeps the given salt and reproduces the spec vector', async () => {
    const io = await createIdentityObject({ identifier: 'a@example.com', salt: 'Kosher' });
    expect(io).toEqual({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      identityHash: SPEC_VECTOR,
      salt: 'Kosher',
    });
  });

  it('stores the plain value when hashed is false', async () => {
    expect(
      await createIdentityObject({
        identifier: 'S-123',
        identityType: 'studentId' as 'sisSourcedId',
        hashed: false,
      }).catch((e) => e.code),
    ).toBe('ERR_INVALID_INPUT');
    expect(
      await createIdentityObject({ identifier: 'S-123', identityType: 'sisSourcedId', hashed: false }),
    ).toEqual({
      type: 'IdentityObject',
      identityType: 'sisSourcedId',
      hashed: false,
      identityHash: 'S-123',
    });
    expect(
      (await createIdentityObject({ identifier: 'x', identityType: 'ext:badgeNumber', hashed: false }))
        .identityType,
    ).toBe('ext:badgeNumber');
  });
});

describe('matchesRecipient', () => {
  const spec = subjectWith({
    type: 'IdentityObject',
    hashed: true,
    identityHash: SPEC_VECTOR,
    identityType: 'emailAddress',
    salt: 'Kosher',
  });

  it('matches the spec vector by email', async () => {
    expect(await matchesRecipient(spec, { email: 'a@example.com' })).toEqual({
      matched: true,
      by: 'identifier',
      identityType: 'emailAddress',
    });
  });

  it('ignores case and whitespace of the email and case of the hex', async () => {
    expect((await matchesRecipient(spec, { email: ' A@Example.COM ' })).matched).toBe(true);
    const upper = subjectWith({
      ...spec.credentialSubject.identifier[0],
      identityHash: SPEC_VECTOR.replace(/[a-f]/g, (c) => c.toUpperCase()),
    });
    expect((await matchesRecipient(upper, { email: 'a@example.com' })).matched).toBe(true);
  });

  it('still matches a hash made from a mixed-case email', async () => {
    const identityHash = await hashIdentifier('Mixed@Example.org', { salt: 's' });
    const doc = subjectWith({
      type: 'IdentityObject',
      hashed: true,
      identityHash,
      identityType: 'emailAddress',
      salt: 's',
    });
    expect((await matchesRecipient(doc, { email: 'Mixed@Example.org' })).matched).toBe(true);
  });

  it('does not match another email, a wrong salt or another identityType', async () => {
    expect(await matchesRecipient(spec, { email: 'b@example.com' })).toEqual({ matched: false });
    const wrongSalt = subjectWith({ ...spec.credentialSubject.identifier[0], salt: 'kosher' });
    expect((await matchesRecipient(wrongSalt, { email: 'a@example.com' })).matched).toBe(false);
    expect(
      (await matchesRecipient(spec, { identifier: 'a@example.com', identityType: 'sisSourcedId' })).matched,
    ).toBe(false);
    expect((await matchesRecipient(spec, { identifier: 'a@example.com' })).matched).toBe(true);
  });

  it('compares case-sensitively for identifiers that are not emails', async () => {
    const identityHash = await hashIdentifier('AbC-1', { salt: 'x' });
    const doc = subjectWith({
      type: 'IdentityObject',
      hashed: true,
      identityHash,
      identityType: 'sisSourcedId',
      salt: 'x',
    });
    expect((await matchesRecipient(doc, { identifier: 'AbC-1', identityType: 'sisSourcedId' })).matched).toBe(
      true,
    );
    expect((await matchesRecipient(doc, { identifier: 'abc-1', identityType: 'sisSourcedId' })).matched).toBe(
      false,
    );
  });

  it('checks legacy md5 hashes', async () => {
    const hex = createHash('md5').update('a@example.comKosher', 'utf8').digest('hex');
    const doc = subjectWith({
      type: 'IdentityObject',
      hashed: true,
      identityHash: `md5$${hex}`,
      identityType: 'emailAddress',
      salt: 'Kosher',
    });
    expect((await matchesRecipient(doc, { email: 'a@example.com' })).matched).toBe(true);
    expect((await matchesRecipient(doc, { email: 'b@example.com' })).matched).toBe(false);
    // md5 over more than one 64-byte block
    const long = `${'x'.repeat(100)}@example.com`;
    const longHex = createHash('md5').update(long, 'utf8').digest('hex');
    const longDoc = subjectWith({
      type: 'IdentityObject',
      hashed: true,
      identityHash: `md5$${longHex}`,
      identityType: 'emailAddress',
    });
    expect((await matchesRecipient(longDoc, { email: long })).matched).toBe(true);
  });

  it('matches the unhashed email of the implementation guide example', async () => {
    const fragment = JSON.parse(
      readFileSync(
        new URL(
          '../vectors/spec/ob-v3p0/impl-guide/credentialsubject-email-identifier.fragment.json',
          import.meta.url,
        ),
        'utf8',
      ),
    );
    expect(await matchesRecipient(fragment, { email: 'A.Exampleton@example.edu' })).toMatchObject({
      matched: true,
      by: 'identifier',
    });
    expect(await matchesRecipient(fragment, { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21' })).toEqual({
      matched: true,
      by: 'id',
    });
    expect((await matchesRecipient(fragment, { id: 'did:example:other' })).matched).toBe(false);
  });

  it('accepts a credentialSubject directly and a mailto: id', async () => {
    expect(
      await matchesRecipient(
        { id: 'mailto:a@example.com', type: 'AchievementSubject' },
        { email: 'A@example.com' },
      ),
    ).toEqual({
      matched: true,
      by: 'id',
    });
  });

  describe('negative', () => {
    it('rejects a non-object credential and an empty query', async () => {
      await expect(matchesRecipient(null, { id: 'x' })).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
      await expect(matchesRecipient(spec, {})).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    });
  });
});
