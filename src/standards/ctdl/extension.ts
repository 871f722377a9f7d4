// What a credstack pathway holds that CTDL has no term for travels in one clearly named property
// of the exported ceterms:Pathway, `credstack:extensions`, and comes back on import. CTDL
// consumers ignore it (it is not in the CTDL context); nothing is dropped silently.
import type { MinimumResult, NormalizedRule, ObObject } from '../../pathway/types.js';
import { type CtdlNode, isObject } from './graph.js';

/**
 * The property of the exported ceterms:Pathway that carries what CTDL cannot say.
 * @example
 * ```ts
 * import { CTDL_EXTENSION_KEY, exportCtdlPathway } from 'credstack'
 * const root = (exportCtdlPathway(pathway)['@graph'] as Array<Record<string, unknown>>)[0]
 * console.log(root[CTDL_EXTENSION_KEY]) // accepted issuers, minimum results, version, …
 * ```
 */
export const CTDL_EXTENSION_KEY = 'credstack:extensions';

export interface CtdlExtension {
  version?: string;
  /** The full owner Profile (CTDL's offeredBy only references it). */
  employer?: ObObject;
  partners?: ObObject[];
  alignments?: ObObject[];
  /** The completion rule when no component is the destination. */
  completion?: NormalizedRule;
  /** Milestones that are not a component's conditions. */
  milestones?: Array<{ id: string; name: string; description?: string; rule: NormalizedRule }>;
  /** Per component key: issuer and result requirements. */
  components?: Record<string, { acceptedIssuers?: string[]; minimumResult?: MinimumResult }>;
}

/** The extension of an imported Pathway node; validatePathway checks what it contributes. */
export function readExtension(root: CtdlNode): CtdlExtension {
  const ext = root[CTDL_EXTENSION_KEY];
  return isObject(ext) ? (ext as CtdlExtension) : {};
}
