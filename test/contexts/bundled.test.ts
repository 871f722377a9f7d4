// The bundled context documents are JSON text parsed on first use (src/contexts/bundled.ts); the
// processed contexts (src/jsonld/fast/active-context.ts) point into them. A verifier should parse only
// the documents its credentials name. This file runs in a module graph of its own (vitest isolates
// test files), so nothing else has parsed a document before it.
import { describe, expect, it } from 'vitest';
import { parsedContextFiles } from '../../src/contexts/bundled.js';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { createAchievement, createOpenBadgeCredential } from '../../src/model/index.js';
import { assertSafeJsonLd, canonize } from '../../src/jsonld/canonize.js';

describe('bundled contexts', () => {
  it('parses only the documents a credential names, when checking and canonicalizing it', async () => {
    expect(parsedContextFiles()).toEqual([]);
    const credential = await createOpenBadgeCredential({
      issuer: { id: 'did:example:issuer', name: 'Example College' },
      achievement: createAchievement({
        name: 'First Aid',
        description: 'Basic first aid.',
        criteria: 'Passed the practical assessment.',
        alignment: { targetName: 'CPR', targetUrl: 'https://example.org/cpr' },
      }),
      recipient: { id: 'did:example:learner' },
      results: [{ value: '90' }],
    });
    const documentLoader = createDocumentLoader();
    await assertSafeJsonLd(credential, documentLoader);
    await canonize(credential, documentLoader);
    expect(parsedContextFiles().sort()).toEqual(['credentials-v2.json', 'ob-context-3.0.3.json']);
  });
});
