// The documents a caller supplies for a credential's contexts: usable as JSON-LD contexts, and
// not making a term stand for a keyword (what the JSON says would then differ from what is signed).
import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { type Check, failed } from '../result.js';

/**
 * A context credstack neither bundles nor was given cannot be expanded, so nothing can be said
 * about the signature: that is "could not be checked" (supply the context), not a forgery.
 */
export function unknownContextIsUnchecked(check: Check): Check {
  if (check.code !== 'CONTEXT_UNKNOWN' || check.status !== 'failed') return check;
  return {
    ...check,
    message: `${check.message}. Supply it in documents (URL → context document) to check this credential`,
    verdict: 'indeterminate',
  };
}

/**
 * A supplied document standing for one of the credential's contexts must be a JSON-LD context (an
 * object with `@context`). Anything else — a CLI map's file path given as the document, a DID
 * document under a context URL — is the caller's mistake: say which URL and why, as
 * "could not be checked", instead of letting JSON-LD fail it as undefined terms ("invalid").
 */
export function checkSuppliedContexts(
  credential: JsonObject,
  documents: ReadonlyMap<string, unknown>,
): Check[] {
  const checks: Check[] = [];
  for (const [i, url] of asArray(credential['@context']).entries()) {
    if (typeof url !== 'string' || !documents.has(url)) continue;
    const document = documents.get(url);
    const why = !isObject(document)
      ? `it is ${document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`}, not a JSON object${typeof document === 'string' ? ' (a file path? pass the document itself)' : ''}`
      : document['@context'] === undefined
        ? 'it has no @context member, so it is not a JSON-LD context'
        : // A DID document or a credential has an @context too; JSON-LD would take that as this
          // context and fail (a redefined protected term), which would read as a forgery. A
          // context document is a bare {"@context": …}: an id or a type says it is a node instead.
          document.id !== undefined || document.type !== undefined
          ? `it is a JSON-LD node with ${document.id !== undefined ? 'an id' : 'a type'} (a DID document, a credential?), not a JSON-LD context`
          : undefined;
    if (why !== undefined) {
      checks.push(
        failed('context', 'DOCUMENT_UNUSABLE', `The document supplied for ${url} cannot be used: ${why}`, {
          path: `/@context/${i}`,
          verdict: 'indeterminate',
        }),
      );
      continue;
    }
    const alias = keywordAlias((document as JsonObject)['@context']);
    if (alias !== undefined) {
      // Authenticity, not conformance: a term standing for @id or @type makes the JSON a reader
      // sees (no `id`, another `type`) differ from the RDF the proof signs, which stays unchanged.
      checks.push(
        failed(
          'context',
          'CONTEXT_KEYWORD_ALIAS',
          `The context supplied for ${url} makes "${alias.term}" stand for ${alias.keyword}: the JSON would not say what is signed`,
          { path: `/@context/${i}` },
        ),
      );
    }
  }
  return checks;
}

// VCDM's own aliases; any other term mapped to a keyword is refused in a supplied context.
const STANDARD_ALIASES: Readonly<Record<string, string>> = { id: '@id', type: '@type' };

/** The first term of a context (scoped contexts included) that is an alias of a JSON-LD keyword. */
function keywordAlias(context: unknown, depth = 0): { term: string; keyword: string } | undefined {
  if (depth > 32) return { term: '(nested too deep)', keyword: 'a keyword' };
  for (const entry of asArray(context)) {
    if (!isObject(entry)) continue;
    for (const [term, definition] of Object.entries(entry)) {
      if (term.startsWith('@')) continue;
      const iri = isObject(definition) ? definition['@id'] : definition;
      if (typeof iri === 'string' && iri.startsWith('@') && STANDARD_ALIASES[term] !== iri) {
        return { term, keyword: iri };
      }
      if (isObject(definition) && definition['@context'] !== undefined) {
        const inner = keywordAlias(definition['@context'], depth + 1);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}
