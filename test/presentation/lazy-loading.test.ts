// Importing credstack (the root entry, which exports presentations) must not load the reference
// stack: jsonld-signatures, @digitalbazaar/vc, jsonld.js and the digitalbazaar suites cost ~200 ms
// of every cold start that imports them, and only signing or verifying a Data Integrity
// presentation (or a credential the fast path cannot take) needs them. Bundled the way tsup does,
// the root entry's static import graph is checked; the modules stay reachable, on demand.
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const REFERENCE = [
  'jsonld-signatures',
  'jsonld',
  '@digitalbazaar/vc',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite',
  '@digitalbazaar/ed25519-signature-2020',
];

let metafile: Metafile;
const staticOutputs = new Set<string>();
const externalsStatic = new Set<string>();
const externalsAll = new Set<string>();

beforeAll(async () => {
  const result = await build({
    entryPoints: { index: 'src/index.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    external: ['node:*'],
    splitting: true,
    mainFields: ['module', 'main'],
    outdir: 'node_modules/.cache/lazy-loading-root-test',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'src/index.ts')!;
  const visit = (o: string) => {
    if (staticOutputs.has(o)) return;
    staticOutputs.add(o);
    for (const i of outputs[o]!.imports) {
      if (i.external && i.kind === 'import-statement') externalsStatic.add(i.path);
      else if (!i.external && i.kind === 'import-statement') visit(i.path);
    }
  };
  visit(entry);
  for (const o of Object.keys(outputs))
    for (const i of outputs[o]!.imports) if (i.external) externalsAll.add(i.path);
}, 60_000);

describe('the root entry loads the reference stack on demand', () => {
  it('no reference package is a static import of credstack', () => {
    expect(REFERENCE.filter((p) => externalsStatic.has(p))).toEqual([]);
    const inputs = new Set([...staticOutputs].flatMap((o) => Object.keys(metafile.outputs[o]!.inputs)));
    expect(inputs.has('src/proof/data-integrity/reference.ts')).toBe(false);
  });

  it('…and each stays reachable (signing and verifying presentations, the reference path)', () => {
    for (const p of ['jsonld-signatures', '@digitalbazaar/vc', '@digitalbazaar/data-integrity'])
      expect(externalsAll.has(p), p).toBe(true);
  });
});
