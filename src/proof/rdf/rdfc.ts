// RDFC-1.0 canonicalization, by rdf-canonize's own code: the copy of its RDFC10 class in
// generated/rdf-canonize.js (see scripts/rdf-canonize-module.mjs for why a copy), run the way its
// `canonize(dataset, { algorithm: 'RDFC-1.0' })` runs it, with its default limits.

import { RDFC10 } from './generated/rdf-canonize.js';
import type { Quad } from './to-rdf.js';

/** RDFC-1.0 canonical N-Quads of `dataset` (rdf-canonize's default limits). */
export function canonizeDataset(dataset: Quad[]): Promise<string> {
  return new RDFC10({}).main(dataset);
}
