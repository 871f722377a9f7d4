// What `credstack/verify` loads before it sees a credential. The cold start of a verifier (a CLI
// call, a serverless function, a browser page) pays for every module in the entry's static import
// graph, so code only some inputs need is imported on demand: each schema's validator, the PNG/SVG
// decoders, status-list decoding, jose's JWS and key code, the reference suites. This test bundles
// the entry the way tsup does and fails when such code becomes a static import again.
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

let metafile: Metafile;
let staticOutputs: Set<string>;
const externalsStatic = new Set<string>();
const externalsLazy = new Set<string>();

beforeAll(async () => {
  const result = await build({
    entryPoints: { verify: 'src/verify/index.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    splitting: true,
    mainFields: ['module', 'main'],
    outdir: 'node_modules/.cache/lazy-loading-test',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'src/verify/index.ts')!;
  staticOutputs = new Set();
  const visit = (o: string) => {
    if (staticOutputs.has(o)) return;
    staticOutputs.add(o);
    for (const i of outputs[o]!.imports) {
      if (i.external) (i.kind === 'import-statement' ? externalsStatic : externalsLazy).add(i.path);
      else if (i.kind === 'import-statement') visit(i.path);
    }
  };
  visit(entry);
  for (const o of Object.keys(outputs)) {
    if (staticOutputs.has(o)) continue;
    for (const i of outputs[o]!.imports) if (i.external) externalsLazy.add(i.path);
  }
}, 60_000);

const staticInputs = () =>
  new Set([...staticOutputs].flatMap((o) => Object.keys(metafile.outputs[o]!.inputs)));

describe('credstack/verify loads on demand what only some credentials need', () => {
  it('no schema validator and no schema document is a static import', () => {
    const inputs = [...staticInputs()];
    expect(inputs.filter((i) => /src\/schema\/generated\/.*_schema\.js$/.test(i))).toEqual([]);
    expect(inputs.filter((i) => /^schemas\//.test(i))).toEqual([]);
    // …but every validator is reachable, as a chunk of its own
    const lazy = Object.keys(metafile.outputs).filter((o) => !staticOutputs.has(o) && /_schema-/.test(o));
    expect(lazy).toHaveLength(11);
  });

  it('image decoding, status lists and the reference suites are not static imports', () => {
    const inputs = staticInputs();
    for (const module of [
      'src/bake/png.ts',
      'src/bake/svg.ts',
      'src/status/bitstring.ts',
      'src/proof/data-integrity/reference.ts',
    ]) {
      expect(inputs.has(module), module).toBe(false);
    }
    for (const pkg of [
      'saxes',
      'fflate',
      'jose/jws/compact/verify',
      'jose/key/import',
      'jose/jwk/thumbprint',
      'jose',
    ]) {
      expect(externalsStatic.has(pkg), pkg).toBe(false);
    }
    for (const pkg of ['saxes', 'fflate', 'jose/jws/compact/verify', 'jose/key/import']) {
      expect(externalsLazy.has(pkg), `${pkg} is still reachable on demand`).toBe(true);
    }
  });

  it('does not load jsonld.js: the bundled contexts come processed (src/jsonld/generated/context-snapshot.ts)', () => {
    expect([...externalsStatic].filter((p) => p.startsWith('jsonld'))).toEqual([]);
    // …it still processes, on demand, what the snapshot does not hold
    expect(externalsLazy.has('jsonld/lib/context.js')).toBe(true);
  });

  it('does not load @noble/curves: P-256 points are (de)compressed by src/keys/p256.ts', () => {
    expect([...externalsStatic, ...externalsLazy].filter((p) => p.startsWith('@noble/curves'))).toEqual([]);
  });

  it('imports no dependency before it sees a credential (each is a module load on the cold path)', () => {
    // jose's JWS code and the reference suites load when an input needs them; RDFC-1.0 is
    // rdf-canonize's code copied into credstack (src/jsonld/generated/rdf-canonize.js)
    expect([...externalsStatic]).toEqual([]);
  });

  it('verifyMany comes without issuing code (src/issue, issueMany)', () => {
    const all = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all).toContain('src/verify/verify-many.ts');
    expect(all.filter((i) => i.startsWith('src/issue/') || i === 'src/issue/issue-many.ts')).toEqual([]);
  });

  it('keeps what loads with the entry small', () => {
    const bytes = [...staticOutputs].reduce((n, o) => n + metafile.outputs[o]!.bytes, 0);
    // ~0.25 MB today (contexts, credstack's own code); the validators alone were 4 MB
    expect(bytes).toBeLessThan(400_000);
  });
});
