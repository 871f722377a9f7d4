// Registry formats in and out: CTDL Pathways (Credential Engine), CASE frameworks (1EdTech),
// occupation codes (O*NET-SOC, ESCO). They translate to and from credstack's own pathway and
// alignment model; src/pathway/ does not depend on them.
export * from './case/index.js';
export * from './ctdl/index.js';
export * from './occupation.js';
