// Imports flow one way (CONTRIBUTING.md "Layout"): a folder under src/ may import only the
// folders below it in LAYERS, and no files import each other in a circle. `npm run check:deps`
// (CI) enforces it. The public entry files are aggregations, not concerns: they may re-export from
// anywhere (e.g. `credstack/status/store` carries the job queue that issues into a store).

const { LAYERS } = require('./scripts/layers.cjs');

// The build entries (tsup.config.ts) other than a folder's own index.
const ENTRIES = ['^src/index\\.ts$', '^src/status/store/index\\.ts$'];

const folder = (name) => `^src/${name}(/|\\.ts$)`;

const layerRules = LAYERS.map((name, i) => ({
  name: `layer-${name}`,
  comment: `src/${name} may import only ${LAYERS.slice(0, i).join(', ') || 'nothing else in src'}`,
  severity: 'error',
  from: { path: folder(name), pathNot: ENTRIES },
  to: {
    path: '^src/',
    pathNot: [folder(name), ...LAYERS.slice(0, i).map(folder)],
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'verify-seam',
      comment:
        'Other layers use the verifier through src/verify/index.ts (public) or src/verify/internal.ts (what the presentation verifier and the CLI share), so its files can move freely. Issuing asks acceptance.ts (a leaf: which verifiers take which format) and result.ts for its types.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/verify/', ...ENTRIES] },
      to: {
        path: '^src/verify/',
        pathNot: ['^src/verify/(index|internal)\\.ts$', '^src/verify/acceptance\\.ts$', '^src/verify/result\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle means two modules are one concern, or one of them is in the wrong place. Types may refer to each other (an OB Profile holds endorsements, which hold Profiles): cycles of type-only imports are not runtime cycles.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type is part of what a module depends on.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/contexts/generated|\\.d\\.ts$' },
  },
};
