// A typo in a term is defined by no context: signing it would leave it outside the proof. The
// error names the term, its path and the term most likely meant, with a code to switch on.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, isCredstackError, issueCredential, type KeyFile } from '../../src/index.js';
import { unsignedBadge } from './helpers.js';

let key: KeyFile;
let unsigned: Record<string, any>;
beforeAll(async () => {
  key = await generateKey();
  unsigned = await unsignedBadge(key);
});

async function errorOf(credential: object) {
  try {
    await issueCredential(credential, { key });
  } catch (error) {
    if (isCredstackError(error)) return error;
    throw error;
  }
  throw new Error('signed a credential with an undefined term');
}

describe('issueCredential: undefined terms', () => {
  it('names a misspelt achievement member, where it is, and what was meant', async () => {
    const typo = structuredClone(unsigned);
    typo.credentialSubject.achievement.achievmentType = 'Course';
    const error = await errorOf(typo);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.path).toBe('/credentialSubject/achievement/achievmentType');
    expect(error.message).toContain('"achievmentType" at /credentialSubject/achievement/achievmentType');
    expect(error.message).toContain('did you mean "achievementType"?');
  });

  it('a misspelt top-level member: the nearest term of the VC / OB contexts', async () => {
    const typo = structuredClone(unsigned);
    typo.descripton = 'A badge for welding.';
    const error = await errorOf(typo);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.path).toBe('/descripton');
    expect(error.message).toContain('did you mean "description"?');
  });

  it('a term nothing resembles: no guess, the way out said', async () => {
    const odd = structuredClone(unsigned);
    odd.credentialSubject.favouriteColourOfTheLearner = 'teal';
    const error = await errorOf(odd);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.message).not.toContain('did you mean');
    expect(error.message).toContain('define it in an @context or remove it');
  });

  it('the same credential with the term spelt right signs', async () => {
    const right = structuredClone(unsigned);
    right.credentialSubject.achievement.achievementType = 'Course';
    const signed = (await issueCredential(right, { key })) as Record<string, any>;
    expect(signed.proof).toBeDefined();
  });
});
