// Registry formats in and out: CTDL Pathways (Credential Engine), CASE frameworks (1EdTech),
// alignment model; src/pathway/ does not depend on them.
export * from './ctdl/index.js';
