import { describe, expect, it } from 'vitest';
import { credentialKind } from '../../src/model/index.js';

describe('credentialKind', () => {
  it('recognises the three credential kinds', () => {
    expect(credentialKind({ type: ['VerifiableCredential', 'OpenBadgeCredential'] })).toBe(
      'OpenBadgeCredential',
    );
    expect(credentialKind({ type: ['VerifiableCredential', 'AchievementCredential'] })).toBe(
      'OpenBadgeCredential',
    );
    expect(credentialKind({ type: 'OpenBadgeCredential' })).toBe('OpenBadgeCredential');
    expect(credentialKind({ type: ['VerifiableCredential', 'EndorsementCredential'] })).toBe(
      'EndorsementCredential',
    );
    expect(credentialKind({ type: ['VerifiableCredential', 'ClrCredential'] })).toBe('ClrCredential');
  });

  it('returns undefined for anything else', () => {
    expect(credentialKind({ type: ['VerifiableCredential'] })).toBeUndefined();
    expect(credentialKind({})).toBeUndefined();
    expect(credentialKind(null)).toBeUndefined();
    expect(credentialKind('OpenBadgeCredential')).toBeUndefined();
  });
});
