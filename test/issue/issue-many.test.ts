import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { issueMany } from '../../src/issue/index.js';
import { verifyMany } from '../../src/verify/index.js';
import { credentialWith } from '../proof/arbitraries.js';

let key: KeyFile;
beforeAll(async () => {
  key = await generateKey({ algorithm: 'Ed25519' });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('issueMany / verifyMany', () => {
  it('issues and verifies a batch in input order, with progress, and keeps going past a bad item', async () => {
    const inputs: unknown[] = Array.from({ length: 40 }, (_, i) => ({
      ...credentialWith(i % 3, key.controller),
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    inputs[7] = { ...(inputs[7] as object), issuer: 'did:example:someone-else' };
    inputs[9] = 'not a credential';
    const progress: number[] = [];
    const issued = await collect(
      issueMany(inputs, { key, concurrency: 4, progressEvery: 10, onProgress: (p) => progress.push(p.done) }),
    );
    expect(issued.map((r) => r.index)).toEqual(inputs.map((_, i) => i));
    expect(issued.filter((r) => !r.ok).map((r) => [r.index, !r.ok && r.error.code])).toEqual([
      [7, 'ERR_ISSUER_MISMATCH'],
      [9, 'ERR_INVALID_INPUT'],
    ]);
    expect(progress).toEqual([10, 20, 30, 40]);

    const signed = issued.flatMap((r) => (r.ok ? [r.credential] : []));
    const verified = await collect(verifyMany(signed, { concurrency: 8, now: '2030-01-01T00:00:00Z' }));
    expect(verified.map((v) => v.index)).toEqual(signed.map((_, i) => i));
    expect(verified.every((v) => v.result.verdict === 'verified')).toBe(true);
    const tampered = { ...(signed[0] as object), name: 'Changed' };
    const [bad] = await collect(verifyMany([tampered], { now: '2030-01-01T00:00:00Z' }));
    expect(bad!.result.verdict).toBe('invalid');
  });

  it('keeps at most `concurrency` items in flight, however long the stream (flat memory)', async () => {
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    const template = credentialWith(0, key.controller);
    function* source() {
      for (let i = 0; i < 300; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - consumed);
        yield template;
      }
    }
    for await (const r of issueMany(source(), { key, concurrency: 5, validate: false })) {
      expect(r.ok).toBe(true);
      consumed++;
    }
    expect(consumed).toBe(300);
    expect(maxAhead).toBeLessThanOrEqual(6);
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(collect(verifyMany([], { concurrency: 0 }))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });
});
