// `credstack/verify` exports verifyMany (README "Entry points" lists it there): from the source of
// the entry, from the built file package.json maps the subpath to (after `npm run build`), and
// without issuing code in the entry's static import graph.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey } from '../../src/keys/index.js';
import * as verifyEntry from '../../src/verify/index.js';
import { vectorJson } from './helpers.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, { default: string }>;
};
const built = fileURLToPath(new URL(pkg.exports['./verify']!.default, root));

async function twoCredentials(): Promise<unknown[]> {
  const key = await generateKey();
  const unsigned = { ...vectorJson('spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json') };
  delete unsigned.issuer;
  const signed = await issueCredential({ ...unsigned, issuer: key.controller }, { key });
  const forged = structuredClone(signed) as unknown as {
    credentialSubject: { achievement: { name: string } };
  };
  forged.credentialSubject.achievement.name = 'Forged';
  return [signed, forged];
}

async function verdicts(verifyMany: typeof verifyEntry.verifyMany, inputs: unknown[]) {
  const out: Array<[number, boolean]> = [];
  for await (const { index, result } of verifyMany(inputs)) out.push([index, result.verified]);
  return out;
}

describe('credstack/verify exports verifyMany', () => {
  it('from the source of the entry, and the same function as the root export', async () => {
    expect(typeof verifyEntry.verifyMany).toBe('function');
    const root = await import('../../src/index.js');
    expect(root.verifyMany).toBe(verifyEntry.verifyMany);
    expect(await verdicts(verifyEntry.verifyMany, await twoCredentials())).toEqual([
      [0, true],
      [1, false],
    ]);
  });

  it('package.json maps credstack/verify to the build of src/verify/index.ts', () => {
    expect(pkg.exports['./verify']).toEqual({ types: './dist/verify.d.ts', default: './dist/verify.js' });
    expect(readFileSync(new URL('tsup.config.ts', root), 'utf8')).toContain("verify: 'src/verify/index.ts'");
  });

  it.skipIf(!existsSync(built))('from the built entry (npm run build)', async () => {
    const entry = (await import(pathToFileURL(built).href)) as typeof verifyEntry;
    expect(typeof entry.verifyMany).toBe('function');
    expect(await verdicts(entry.verifyMany, await twoCredentials())).toEqual([
      [0, true],
      [1, false],
    ]);
    const types = readFileSync(built.replace(/\.js$/, '.d.ts'), 'utf8');
    expect(types).toMatch(/\bverifyMany\b/);
  });
});
