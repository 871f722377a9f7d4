// IRI expansion against a processed active context (context.ts): jsonld.js 9 `_expandIri`
// outside context processing, with `options.base: null`. Reads a context, never changes it.
import type { TermDefinition } from 'jsonld/lib/context.js';
import { type Ctx, Unsupported } from './context.js';

// Bounds memory when documents invent many property names under an `@vocab` (VC 2.0 has one).
const MAX_IRIS_PER_CONTEXT = 2048;

const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
const REGEX_ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
const KEYWORDS = new Set([
  '@base',
  '@container',
  '@context',
  '@default',
  '@direction',
  '@embed',
  '@explicit',
  '@graph',
  '@id',
  '@included',
  '@index',
  '@json',
  '@language',
  '@list',
  '@nest',
  '@none',
  '@omitDefault',
  '@prefix',
  '@preserve',
  '@protected',
  '@requireAll',
  '@reverse',
  '@set',
  '@type',
  '@value',
  '@version',
  '@vocab',
]);

/** jsonld.js's `isKeyword`. */
export function isKeyword(value: unknown): boolean {
  return typeof value === 'string' && KEYWORDS.has(value);
}

/** jsonld.js's `url.isAbsolute`. */
export function isAbsolute(value: string): boolean {
  return REGEX_ABSOLUTE.test(value);
}

/**
 * jsonld.js's `expandIri(ctx, value, relativeTo, { base: null })`. Where jsonld would resolve
 * against a context's own `@base`, throws {@link Unsupported} (no bundled context sets one).
 */
export function expandIri(ctx: Ctx, value: string, vocab: boolean, base: boolean): string | null {
  if (KEYWORDS.has(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  if (vocab) {
    const mapping = ctx.mappings.get(value);
    if (mapping === null) return null;
    if (mapping !== undefined && '@id' in mapping) return mapping['@id'] as string;
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    if (prefix === '_' || value.startsWith('//', colon + 1)) return value;
    const mapping = ctx.mappings.get(prefix);
    if (mapping?._prefix) return mapping['@id'] + value.slice(colon + 1);
    if (REGEX_ABSOLUTE.test(value)) return value;
  }
  if (vocab && '@vocab' in ctx.top) return ctx.top['@vocab'] + value;
  if (base && ctx.top['@base']) throw new Unsupported('relative IRI against a context @base');
  return value;
}

/** jsonld's `expandIri(ctx, value, {vocab: true})`, memoised per context. */
export function vocabIri(ctx: Ctx, value: string): string | null {
  let iri = ctx.vocabIris.get(value);
  if (iri !== undefined) return iri;
  iri = expandIri(ctx, value, true, false);
  if (ctx.vocabIris.size < MAX_IRIS_PER_CONTEXT) ctx.vocabIris.set(value, iri);
  return iri;
}

/** jsonld's `expandIri(ctx, value, {base: true, vocab: true})` (how `@type` values expand), memoised. */
export function typeIri(ctx: Ctx, value: string): string | null {
  let iri = ctx.typeIris.get(value);
  if (iri !== undefined) return iri;
  iri = expandIri(ctx, value, true, true);
  if (ctx.typeIris.size < MAX_IRIS_PER_CONTEXT) ctx.typeIris.set(value, iri);
  return iri;
}

/** jsonld's `expandIri(ctx, value, {base: true})` (how `@id` values expand); ids are unique, not memoised. */
export function idIri(ctx: Ctx, value: string): string | null {
  return expandIri(ctx, value, false, true);
}

/** jsonld's `getContextValue(ctx, key, type)`. */
export function contextValue(
  ctx: Ctx,
  key: string | null,
  type: keyof TermDefinition | '@language' | '@direction',
): unknown {
  if (key === null) return type === '@context' ? undefined : null;
  const entry = ctx.mappings.get(key);
  if (entry && Object.hasOwn(entry, type)) return entry[type as keyof TermDefinition];
  if ((type === '@language' || type === '@direction') && type in ctx.top) return ctx.top[type];
  return type === '@context' ? undefined : null;
}

export function termDefinition(ctx: Ctx, key: string): TermDefinition | null | undefined {
  return ctx.mappings.get(key);
}

/**
 * Everything expansion reads of a term used as a property in one context, from the functions
 * above: a credential uses the same few dozen terms on every node, and looking each up once per
 * (context, term) instead of eight times per value halves the lookups of an expansion.
 */
export interface TermInfo {
  /** {@link vocabIri} of the term. */
  readonly iri: string | null;
  /** {@link isKeyword} of `iri`. */
  readonly keyword: boolean;
  /** `iri` names a property: an absolute IRI or a keyword. */
  readonly valid: boolean;
  /** `@context` of the term (a property-scoped context), `undefined` for none. */
  readonly scoped: unknown;
  /** `@container` of the term, `[]` for none. */
  readonly container: readonly string[];
  readonly type: unknown;
  readonly language: unknown;
  readonly direction: unknown;
  /** The term is a reverse property. */
  readonly reverse: boolean;
}

/** {@link TermInfo} of `term` in `ctx`, memoised (as {@link vocabIri} is, within the same bound). */
export function termInfo(ctx: Ctx, term: string): TermInfo {
  let info = ctx.terms.get(term) as TermInfo | undefined;
  if (info !== undefined) return info;
  const iri = vocabIri(ctx, term);
  const keyword = isKeyword(iri);
  info = {
    iri,
    keyword,
    valid: iri !== null && (keyword || isAbsolute(iri)),
    scoped: contextValue(ctx, term, '@context'),
    container: (contextValue(ctx, term, '@container') as string[] | null) ?? [],
    type: contextValue(ctx, term, '@type'),
    language: contextValue(ctx, term, '@language'),
    direction: contextValue(ctx, term, '@direction'),
    reverse: Boolean(termDefinition(ctx, term)?.reverse),
  };
  if (ctx.terms.size < MAX_IRIS_PER_CONTEXT) ctx.terms.set(term, info);
  return info;
}

// ---- the build-time snapshot ----
