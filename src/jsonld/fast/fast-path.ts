// The fast canonicalization path: bundled contexts processed once (active-context.ts), a specialised
// expansion (expand.ts) and quad emission (to-rdf.ts), then RDFC-1.0 by rdf-canonize's code (../rdfc/).
// Returns a Fallback (engine.ts: why) whenever the input leaves the supported subset; the caller
// (canonize.ts, the only chooser) then runs jsonld.js, so the result is always exactly jsonld.js +
// rdf-canonize (the differential tests in test/jsonld/differential.test.ts hold this module to that).

import { BUNDLED_CONTEXTS } from '../../contexts/bundled.js';
import type { DocumentLoader } from '../../contexts/index.js';
import { isCredstackError } from '../../errors.js';
import { Fallback } from '../engine.js';
import { ContextMiss, Unsupported } from './context.js';
import { fill, initialContext } from './active-context.js';
import { type Expanded, expandDocument, UrlMiss } from './expand.js';
import {
  type CanonicalizationBudget,
  type CanonicalNQuads,
  canonizeDatasetInPieces,
} from '../rdfc/budget.js';
import { toRdf } from './to-rdf.js';

// Each retry follows one cache miss; a document needs a few dozen the first time it is seen.
const MAX_RETRIES = 512;

/**
 * Expands `document` with the fast path, or says why not (a {@link Fallback}): a feature outside
 * the supported subset, or a context URL that does not resolve, through `documentLoader`, to the
 * bundled document.
 */
export async function tryExpandFast(
  document: unknown,
  documentLoader: DocumentLoader,
  topLevel?: Map<string, string>,
): Promise<Expanded | Fallback> {
  const urls = new Map<string, object>();
  for (let i = 0; i < MAX_RETRIES; i++) {
    try {
      topLevel?.clear();
      return expandDocument(
        initialContext(),
        document,
        topLevel ? { urls, topLevel: { element: document, properties: topLevel } } : { urls },
      );
    } catch (signal) {
      if (signal instanceof ContextMiss) {
        try {
          await fill(signal);
        } catch (error) {
          return new Fallback('CONTEXT_UNPROCESSED', error instanceof Error ? error.message : String(error));
        }
      } else if (signal instanceof UrlMiss) {
        const document = await loadBundled(signal.url, documentLoader);
        if (document === undefined) return new Fallback('CONTEXT_NOT_BUNDLED', signal.url);
        urls.set(signal.url, document);
      } else if (signal instanceof Unsupported) {
        return new Fallback('JSONLD_UNSUPPORTED', signal.message);
      } else {
        throw signal;
      }
    }
  }
  return new Fallback('CONTEXT_UNPROCESSED', `more than ${MAX_RETRIES} context transitions`);
}

/** {@link tryExpandFast}, `undefined` for a fallback (tests and the snapshot script ask only whether). */
export async function expandFast(
  document: unknown,
  documentLoader: DocumentLoader,
  topLevel?: Map<string, string>,
): Promise<Expanded | undefined> {
  const expanded = await tryExpandFast(document, documentLoader, topLevel);
  return expanded instanceof Fallback ? undefined : expanded;
}

// The caller's loader decides which document a URL means (it may pin its own copy); the fast path
// only runs when that is the bundled document itself.
async function loadBundled(url: string, documentLoader: DocumentLoader): Promise<object | undefined> {
  const bundled = BUNDLED_CONTEXTS.get(url);
  if (bundled === undefined) return undefined;
  try {
    const { document } = await documentLoader(url);
    return document === bundled ? (bundled as object) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * RDFC-1.0 canonical N-Quads of `document` through the fast path, or a {@link Fallback} (see
 * {@link tryExpandFast}). Canonicalization errors (e.g. rdf-canonize's work limit) also fall back,
 * so the reference path reports them — except a spent `budget` (ERR_CANONICALIZATION_LIMIT), which
 * is thrown: the reference path meters the same algorithm with the same budget, so handing it over
 * would only do the work twice before the same answer.
 */
export async function tryCanonizeFast(
  document: unknown,
  documentLoader: DocumentLoader,
  budget?: CanonicalizationBudget,
  expandedDocument?: Expanded,
): Promise<CanonicalNQuads | Fallback> {
  const expanded = expandedDocument ?? (await tryExpandFast(document, documentLoader));
  if (expanded instanceof Fallback) return expanded;
  try {
    return await canonizeDatasetInPieces(toRdf(expanded), budget);
  } catch (error) {
    if (isCredstackError(error) && error.code === 'ERR_CANONICALIZATION_LIMIT') throw error;
    return new Fallback('RDFC_ERROR', error instanceof Error ? error.message : String(error));
  }
}

/** {@link tryCanonizeFast}, `undefined` for a fallback. */
export async function canonizeFast(
  document: unknown,
  documentLoader: DocumentLoader,
  budget?: CanonicalizationBudget,
  expandedDocument?: Expanded,
): Promise<string | undefined> {
  const canonical = await tryCanonizeFast(document, documentLoader, budget, expandedDocument);
  return canonical instanceof Fallback ? undefined : canonical.nquads;
}

const SEC_PROOF = 'https://w3id.org/security#proof';

/**
 * The fast expansion of `document` (or the {@link Fallback} saying why not) and, derived from it
 * without a second expansion, the expansion of `document` without its `proof` (what a Data
 * Integrity proof signs), or `undefined` when it cannot be derived safely.
 *
 * Expansion handles each key of an object on its own, so leaving out `proof` leaves out exactly
 * the values it contributed — when it is the only key that expands to sec:proof (a second
 * spelling, such as the full IRI, would put its values under the same property) and what remains
 * is not an object JSON-LD drops. In any other case `unsecured` is `undefined` and the caller
 * expands the unsecured document itself. test/jsonld/shared-expansion.test.ts compares the
 * derived form with the direct expansion of the unsecured document.
 */
export async function expandWithUnsecured(
  document: unknown,
  documentLoader: DocumentLoader,
): Promise<{ expanded: Expanded | Fallback; unsecured: Expanded | undefined }> {
  const properties = new Map<string, string>();
  const expanded = await tryExpandFast(document, documentLoader, properties);
  if (expanded instanceof Fallback) return { expanded, unsecured: undefined };
  let proofKeys = 0;
  for (const property of properties.values()) if (property === SEC_PROOF) proofKeys++;
  if (properties.get('proof') !== SEC_PROOF || proofKeys !== 1) return { expanded, unsecured: undefined };
  const unsecured: Expanded = {};
  for (const key of Object.keys(expanded)) {
    if (key !== SEC_PROOF) unsecured[key] = expanded[key];
  }
  // jsonld.js drops a top-level object left empty or with only @id (expand.ts bails there)
  const count = Object.keys(unsecured).length;
  if (count === 0 || (count === 1 && '@id' in unsecured) || '@value' in unsecured || '@list' in unsecured) {
    return { expanded, unsecured: undefined };
  }
  return { expanded, unsecured };
}
