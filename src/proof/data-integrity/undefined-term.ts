// A typo such as `achievmentType` is defined by no context, so JSON-LD safe mode refuses to sign
// it — with "Safe mode validation error" and the term only deep in `err.cause`. Signing it anyway
// would drop the property from what the proof covers. Name the term, where it is, and the
// defined term it most likely meant.

import { getBundledContext } from '../../contexts/index.js';
import { CredstackError } from '../../errors.js';
import { asArray, isObject, type JsonObject } from '../../lib/json.js';

/**
 * The CredstackError for a JSON-LD safe-mode failure while signing `credential`
 * (`ERR_UNDEFINED_TERM`, with `path` and a "did you mean"), or undefined for any other error.
 */
export function undefinedTermError(cause: unknown, credential: JsonObject): CredstackError | undefined {
  const term = termOf(cause);
  if (term === undefined) return undefined;
  const path = pathOf(credential, term);
  const suggestion = closest(term, definedTerms(credential));
  const where = path === undefined ? '' : ` at ${path}`;
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '; define it in an @context or remove it';
  return new CredstackError(
    'ERR_UNDEFINED_TERM',
    `"${term}"${where} is not defined by any of the credential's contexts, so it would not be signed${hint}`,
    { cause, ...(path === undefined ? {} : { path }) },
  );
}

/** jsonld.js reports the dropped property (or type, or value) in the event details of its error. */
function termOf(cause: unknown): string | undefined {
  let error = cause as {
    name?: string;
    details?: { event?: { details?: Record<string, unknown> } };
    cause?: unknown;
  };
  for (let depth = 0; error && depth < 5; depth++) {
    const details = error.details?.event?.details;
    const term = details?.property ?? details?.term ?? details?.type;
    if (typeof term === 'string' && term !== '') return term;
    error = error.cause as typeof error;
  }
  return undefined;
}

/** The JSON pointer of the first member named `term` (depth first, in document order). */
function pathOf(value: unknown, term: string, at = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = pathOf(item, term, `${at}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key === '@context') continue;
    const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === term) return here;
    const found = pathOf(child, term, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every term the credential's bundled and inline contexts define, scoped contexts included. */
function definedTerms(credential: JsonObject): Set<string> {
  const terms = new Set<string>();
  const collect = (context: unknown, depth: number): void => {
    if (depth > 8) return;
    for (const entry of asArray(context)) {
      const document =
        typeof entry === 'string'
          ? (getBundledContext(entry) as JsonObject | undefined)?.['@context']
          : entry;
      if (typeof entry === 'string' && document === undefined) continue;
      if (!isObject(document)) {
        if (Array.isArray(document)) collect(document, depth + 1);
        continue;
      }
      for (const [key, definition] of Object.entries(document)) {
        if (!key.startsWith('@')) terms.add(key);
        if (isObject(definition) && definition['@context'] !== undefined)
          collect(definition['@context'], depth + 1);
      }
    }
  };
  collect(credential['@context'], 0);
  return terms;
}

/** The defined term nearest to `term` by edit distance, when near enough to be a typo. */
function closest(term: string, terms: ReadonlySet<string>): string | undefined {
  const limit = Math.max(1, Math.floor(term.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of terms) {
    if (Math.abs(candidate.length - term.length) > limit) continue;
    const d = distance(term.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}
