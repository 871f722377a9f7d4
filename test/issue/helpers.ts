import { createAchievement, createOpenBadgeCredential, type KeyFile } from '../../src/index.js';

/** The smallest unsigned badge `key` may sign: issued by its controller to did:example:learner. */
export function unsignedBadge(key: KeyFile) {
  return createOpenBadgeCredential({
    issuer: { id: key.controller, name: 'Example School' },
    achievement: createAchievement({
      id: 'https://school.example/a/1',
      name: 'A',
      description: 'd',
      criteria: { narrative: 'n' },
    }),
    recipient: { id: 'did:example:learner' },
  });
}
