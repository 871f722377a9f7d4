// The one chooser of the canonicalization engine: credstack's (fast/, rdfc/) for documents on the
// bundled contexts, the reference (reference.ts) for the rest, each choice and its reason recorded on
// the EngineTrace. Also the safe-mode expansion a verifier checks, chosen the same way.

import type { DocumentLoader } from '../contexts/index.js';
import { fromHex } from '../lib/bytes.js';
import type { JsonObject } from '../lib/json.js';
import { type Engine, EngineTrace, Fallback } from './engine.js';
import { expandWithUnsecured, tryCanonizeFast, tryExpandFast } from './fast/fast-path.js';
import type { CanonicalizationBudget, CanonicalNQuads, ProvidedExpansion } from './rdfc/budget.js';
import { MessageDigest } from './rdfc/platform.js';
import { expandWithReference, loadJsonLd, referenceCanonize, referenceCanonizeOptions } from './reference.js';

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document in safe mode — the input of eddsa-rdfc-2022 /
 * ecdsa-rdfc-2019 hashing. Documents that use only the bundled contexts (as `documentLoader` serves
 * them) take a specialised path that is byte-identical to jsonld.js + rdf-canonize and an order of
 * magnitude faster; anything else is canonicalized by jsonld.js itself (same output, same errors).
 * A verifier passes its `budget`: both paths then spend it, and throw ERR_CANONICALIZATION_LIMIT
 * once it is spent.
 *
 * @example
 * ```ts
 * const nquads = await canonize(credential, createDocumentLoader())
 * ```
 */
export async function canonize(
  document: JsonObject,
  documentLoader: DocumentLoader,
  budget?: CanonicalizationBudget,
): Promise<string> {
  return (await canonicalize(document, documentLoader, budget ? { budget } : {})).nquads;
}

/** N-Quads and the engine that made them; `fallback` says why credstack's engine did not. */
export interface Canonicalization extends CanonicalNQuads {
  engine: Engine;
  fallback?: Fallback;
}

/**
 * The one place that chooses the canonicalization engine: credstack's fast path unless the trace
 * says `engine: 'reference'` or the fast path hands the document over, then jsonld.js +
 * rdf-canonize. The choice is recorded on `trace` (default: the budget's), and returned.
 */
export async function canonicalize(
  document: JsonObject,
  documentLoader: DocumentLoader,
  options: { budget?: CanonicalizationBudget; trace?: EngineTrace } = {},
): Promise<Canonicalization> {
  const { budget } = options;
  const trace = options.trace ?? budget?.trace ?? new EngineTrace();
  const result = await chooseAndRun(document, documentLoader, budget, trace.fast);
  if (result.engine === 'credstack') trace.ran('canonicalize', 'credstack');
  else trace.handedOver('canonicalize', result.fallback);
  return result;
}

async function chooseAndRun(
  document: JsonObject,
  documentLoader: DocumentLoader,
  budget: CanonicalizationBudget | undefined,
  fast: boolean,
): Promise<Canonicalization> {
  if (budget === undefined) {
    const canonical = fast ? await tryCanonizeFast(document, documentLoader) : undefined;
    if (canonical !== undefined && !(canonical instanceof Fallback)) return byCredstack(canonical);
    const jsonld = await loadJsonLd();
    return byReference(await jsonld.canonize(document, referenceCanonizeOptions(documentLoader)), canonical);
  }
  // a spent budget fails at once, before expanding a document it could not canonicalize anyway
  if (budget.exhausted) throw budget.error();
  // the verifier's JSON-LD check may have expanded this very document already; the document is
  // then its key, and there is no JSON text to make
  const provided = budget.expansionOf(document);
  return budget.memo(provided?.document ?? JSON.stringify(document), async (): Promise<Canonicalization> => {
    const canonical = fast
      ? await tryCanonizeFast(document, documentLoader, budget, provided?.expanded)
      : undefined;
    if (canonical !== undefined && !(canonical instanceof Fallback)) return byCredstack(canonical);
    return byReference(
      await referenceCanonize(document, referenceCanonizeOptions(documentLoader), budget),
      canonical,
    );
  });
}

const byCredstack = (canonical: CanonicalNQuads): Canonicalization => ({ ...canonical, engine: 'credstack' });

const byReference = (nquads: string, fallback: Fallback | undefined): Canonicalization =>
  fallback ? { nquads, engine: 'reference', fallback } : { nquads, engine: 'reference' };

/**
 * Expands `document` in JSON-LD safe mode only to learn whether it is valid there: resolves when
 * every term is defined (and nothing would be silently dropped), rejects with jsonld.js's error
 * otherwise. Same verdict as `jsonld.expand(document, { safe: true, documentLoader })`, without
 * loading jsonld.js for documents that use only the bundled contexts.
 *
 * @example
 * ```ts
 * await assertSafeJsonLd(credential, createDocumentLoader()) // throws on an undefined term
 * ```
 */
export async function assertSafeJsonLd(document: JsonObject, documentLoader: DocumentLoader): Promise<void> {
  await expandSafe(document, documentLoader);
}

/**
 * The expanded form of `document` in JSON-LD safe mode (credstack's fast expansion, or jsonld.js
 * `expand` for what it does not take: the same structure), rejecting as {@link assertSafeJsonLd}
 * does. A verifier reads it to find what the RDF a proof signs leaves out
 * (`findUnsignedContent`). The engine that ran is recorded on `trace`.
 */
export async function expandSafe(
  document: JsonObject,
  documentLoader: DocumentLoader,
  trace: EngineTrace = new EngineTrace(),
): Promise<unknown> {
  if (trace.fast) {
    const fast = await tryExpandFast(document, documentLoader);
    if (!(fast instanceof Fallback)) {
      trace.ran('expand', 'credstack');
      return fast;
    }
    return expandWithReference(document, documentLoader, trace, fast);
  }
  return expandWithReference(document, documentLoader, trace);
}

/**
 * {@link expandSafe} of a credential, and (when the fast path can derive it from that one
 * expansion, see `expandWithUnsecured`) the credential without its `proof` with its expanded
 * form: what its Data Integrity proofs canonicalize, handed to their
 * {@link CanonicalizationBudget} so that verification expands the credential once.
 */
export async function expandSafeShared(
  document: JsonObject,
  documentLoader: DocumentLoader,
  trace: EngineTrace = new EngineTrace(),
): Promise<{ expanded: unknown; unsecured?: ProvidedExpansion }> {
  if (!trace.fast) return { expanded: await expandWithReference(document, documentLoader, trace) };
  const fast = await expandWithUnsecured(document, documentLoader);
  if (fast.expanded instanceof Fallback) {
    return { expanded: await expandWithReference(document, documentLoader, trace, fast.expanded) };
  }
  trace.ran('expand', 'credstack');
  if (fast.unsecured === undefined) return { expanded: fast.expanded };
  const { proof: _proof, ...unsecured } = document;
  return { expanded: fast.expanded, unsecured: { document: unsecured, expanded: fast.unsecured } };
}

/**
 * SHA-256 or SHA-384 of a UTF-8 string, through the MessageDigest RDFC-1.0 hashes with: node:crypto
 * in Node (synchronous, ~10 µs for a 2 KB document), WebCrypto elsewhere. Plain
 * `crypto.subtle.digest` costs ~40 µs more per call in Node 20 (algorithm normalisation, a promise,
 * a thread-pool job), and every proof hashes twice. `text` may come in pieces (see
 * {@link Canonicalization.chunks}): the digest is that of their concatenation.
 */
export async function digest(
  text: string | readonly string[],
  algorithm: 'SHA-256' | 'SHA-384' = 'SHA-256',
): Promise<Uint8Array> {
  const md = new MessageDigest(algorithm === 'SHA-256' ? 'sha256' : 'sha384');
  // a text in pieces (Canonicalization.chunks) is hashed as their concatenation
  if (typeof text === 'string') md.update(text);
  else for (const piece of text) md.update(piece);
  return fromHex(await md.digest());
}
