import type { Evidence, Extensions, OneOrMany } from './types/common.js';
import { requireObject, rest, typeArray } from './util.js';

/**
 * Input of {@link createEvidence}: Evidence whose `type` may be omitted.
 * @example
 * ```ts
 * import { createEvidence, type EvidenceInput } from 'credstack'
 * const input: EvidenceInput = { id: 'https://example.org/portfolio/42', name: 'Capstone project' }
 * const evidence = createEvidence(input)
 * ```
 */
export interface EvidenceInput {
  /** URL or `data:` URI of the evidence. */
  id?: string;
  narrative?: string;
  name?: string;
  description?: string;
  genre?: string;
  audience?: string;
  type?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

/**
 * An Evidence entry.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createEvidence({ id: 'https://example.org/portfolio/42', name: 'Final project' })
 * // { type: ['Evidence'], id: 'https://example.org/portfolio/42', name: 'Final project' }
 * ```
 */
export function createEvidence(input: EvidenceInput): Evidence {
  requireObject(input, 'evidence');
  return { type: typeArray(input.type, 'Evidence'), ...rest(input, ['type']) };
}
