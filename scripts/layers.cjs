// The folders of src/, lowest first: each may import only those before it (.dependency-cruiser.cjs,
// `npm run check:deps`). A new folder needs its place here; test/layout.test.ts checks that every
// folder of src/ has one.
const LAYERS = [
  'errors',
  'lib',
  'contexts',
  'jsonld',
  'net',
  'model',
  'schema',
  'keys',
  'trust',
  'bake',
  'proof',
  'status',
  'verify',
  'issue',
  'queue',
  'presentation',
  'pathway',
  'standards',
  'outcomes',
  'serve',
  'cli',
];

module.exports = { LAYERS };
