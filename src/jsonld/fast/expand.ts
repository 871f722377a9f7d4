// JSON-LD 1.1 expansion for credentials, ported from jsonld.js 9 `lib/expand.js` (BSD-3-Clause,
// Copyright (c) Digital Bazaar, Inc.; see ./NOTICE.md) with three changes:
//
// 1. Synchronous: active contexts come from `active-context.ts`; a transition not cached yet throws a
//    `ContextMiss`, which the driver fills (async) before walking again.
// 2. Scoped-context reverts reuse the shared, immutable context instead of cloning it (the clone per
//    typed node was 37% of CPU plus garbage collection in jsonld.js).
// 3. A deliberately smaller language: whatever is rare in credentials (embedded `@context` objects,
//    `@reverse`, `@nest`, `@included`, index/id/type/language maps, `@json`, `@direction`, explicit
//    `@list`/`@set`/`@graph`) and every condition jsonld.js's safe mode would report throws
//    `Unsupported`. The caller then runs jsonld.js itself, which produces the output or the error —
//    so this module never has to reproduce an error, only the success path, byte for byte.
//
// The structure and names follow expand.js so the two can be compared side by side.

import { sortStrings } from '../../lib/array.js';
import { apply } from './active-context.js';
import { type Ctx, Unsupported } from './context.js';
import { idIri, isAbsolute, type TermInfo, termInfo, typeIri, vocabIri } from './iri.js';

/** A context URL the walk needs, not resolved yet for this call. */
export class UrlMiss {
  constructor(readonly url: string) {}
}

export type Expanded = { [key: string]: unknown };

const REGEX_BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
const UNSUPPORTED_CONTAINERS = ['@language', '@index', '@id', '@type'];

function bail(why: string): never {
  throw new Unsupported(why);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

// jsonld's getContextValue(ctx, null, …) for the top level: no definition, no container
const NO_TERM: TermInfo = {
  iri: null,
  keyword: false,
  valid: false,
  scoped: undefined,
  container: [],
  type: null,
  language: null,
  direction: null,
  reverse: false,
};

/** {@link termInfo} of the active property, {@link NO_TERM} at the top level. */
function propertyInfo(ctx: Ctx, property: string | null): TermInfo {
  return property === null ? NO_TERM : termInfo(ctx, property);
}

/** Per-call state: the context documents the caller's loader returned (URL → bundled document). */
export interface ExpandState {
  readonly urls: ReadonlyMap<string, object>;
  /**
   * When given: `properties` is filled with the IRI (or keyword) each key of `element` (the
   * top-level document) expands to.
   */
  readonly topLevel?: { readonly element: unknown; readonly properties: Map<string, string> };
}

/** Expands a top-level document (jsonld `expand` with the initial context, no base). */
export function expandDocument(ctx: Ctx, document: unknown, state: ExpandState): Expanded {
  if (!isPlainObject(document)) bail('top-level value is not an object');
  const out = expand(ctx, null, document, false, state);
  if (!isPlainObject(out) || '@graph' in out) bail('top-level graph');
  return out as Expanded;
}

function expand(
  activeCtx: Ctx,
  activeProperty: string | null,
  element: unknown,
  insideList: boolean,
  state: ExpandState,
): unknown {
  if (element === null || element === undefined) return null;

  if (typeof element !== 'object') {
    // free-floating scalars are dropped (an unsafe event)
    if (!insideList && (activeProperty === null || termInfo(activeCtx, activeProperty).iri === '@graph')) {
      bail('free-floating scalar');
    }
    return expandValue(activeCtx, activeProperty as string, element);
  }

  if (Array.isArray(element)) {
    let rval: unknown[] = [];
    insideList = insideList || propertyInfo(activeCtx, activeProperty).container.includes('@list');
    for (const item of element) {
      let e = expand(activeCtx, activeProperty, item, false, state);
      if (insideList && Array.isArray(e)) e = { '@list': e };
      if (e === null) continue;
      if (Array.isArray(e)) rval = rval.concat(e);
      else rval.push(e);
    }
    return rval;
  }

  if (!isPlainObject(element)) bail('not a JSON object');

  const active = propertyInfo(activeCtx, activeProperty);
  const expandedActiveProperty = active.iri;
  const propertyScopedCtx = active.scoped;

  // revert a type-scoped context unless this is a value or a subject reference
  let typeScopedContext: Ctx | null = activeCtx.reverts ? activeCtx : null;
  const keys = sortStrings(Object.keys(element));
  let mustRevert = true;
  if (typeScopedContext && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const expandedProperty = vocabIri(typeScopedContext, key);
      if (expandedProperty === '@value') {
        mustRevert = false;
        activeCtx = typeScopedContext;
        break;
      }
      if (expandedProperty === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert && activeCtx.prev) activeCtx = activeCtx.prev;

  if (propertyScopedCtx !== undefined) {
    activeCtx = apply(activeCtx, 'property', propertyScopedCtx, propertyScopedCtx);
  }

  if ('@context' in element) activeCtx = applyEmbeddedContext(activeCtx, element['@context'], state);

  typeScopedContext = activeCtx;

  let typeKey: string | null = null;
  for (const key of keys) {
    if (vocabIri(activeCtx, key) !== '@type') continue;
    typeKey = typeKey ?? key;
    const value = element[key];
    const types = Array.isArray(value) ? (value.length > 1 ? value.slice().sort() : value) : [value];
    for (const type of types) {
      if (typeof type !== 'string') bail('@type value is not a string');
      const ctx = termInfo(typeScopedContext, type).scoped;
      if (ctx !== undefined) activeCtx = apply(activeCtx, 'typed', ctx, ctx);
    }
  }

  // a `@json` node type changes how `@value` expands: not supported
  if (typeKey !== null) {
    const first = element[typeKey];
    const type = Array.isArray(first) ? first[0] : first;
    if (typeof type === 'string' && vocabIri(activeCtx, type) === '@json') bail('@json literal');
  }

  const rval: Expanded = {};
  expandObject(activeCtx, expandedActiveProperty, element, keys, rval, typeScopedContext, state);

  const count = Object.keys(rval).length;
  if ('@value' in rval) {
    const types = (rval['@type'] as string[] | undefined) ?? [];
    if (types.length > 0 && '@language' in rval) bail('value with both @type and @language');
    if (count - 1 - (types.length > 0 ? 1 : 0) - ('@language' in rval ? 1 : 0) !== 0)
      bail('invalid value object');
    const value = rval['@value'];
    if (value === null) bail('null @value');
    if (typeof value !== 'string' && '@language' in rval) bail('language-tagged non-string');
    if (types.length > 1) bail('value object with several types');
    if (types.length === 1) {
      const t = types[0]!;
      if (!isAbsolute(t) || t.startsWith('_:')) bail('invalid typed value');
      rval['@type'] = t;
    }
  } else if (count === 1 && '@language' in rval) {
    bail('object with only @language');
  }

  if (
    !insideList &&
    (activeProperty === null ||
      expandedActiveProperty === '@graph' ||
      propertyInfo(activeCtx, activeProperty).container.includes('@graph'))
  ) {
    dropCheck(rval, count);
  }
  return rval;
}

// jsonld drops empty objects, top-level values/lists and objects with only @id — each an unsafe event.
function dropCheck(value: Expanded, count: number): void {
  if (count === 0 || '@value' in value || '@list' in value || (count === 1 && '@id' in value)) {
    bail('dropped object');
  }
}

// An `@context` inside the document: only URLs of bundled contexts are supported.
function applyEmbeddedContext(ctx: Ctx, local: unknown, state: ExpandState): Ctx {
  const list = Array.isArray(local) ? local : [local];
  for (const entry of list) {
    if (typeof entry !== 'string') bail('inline context object');
    const document = state.urls.get(entry);
    if (document === undefined) throw new UrlMiss(entry);
    ctx = apply(ctx, 'remote', document, entry);
  }
  return ctx;
}

function pushAll(parent: Expanded, property: string, value: unknown): void {
  let list = parent[property] as unknown[] | undefined;
  if (list === undefined) {
    list = [];
    parent[property] = list;
  }
  if (Array.isArray(value)) for (const v of value) list.push(v);
  else list.push(value);
}

function expandObject(
  activeCtx: Ctx,
  expandedActiveProperty: string | null,
  element: Record<string, unknown>,
  /** `element`'s keys, sorted (as expand read them) */
  keys: readonly string[],
  expandedParent: Expanded,
  typeScopedContext: Ctx,
  state: ExpandState,
): void {
  const topLevel = state.topLevel?.element === element ? state.topLevel.properties : undefined;
  for (const key of keys) {
    const value = element[key];
    if (key === '@context') continue;

    const term = termInfo(activeCtx, key);
    const expandedProperty = term.iri;
    if (expandedProperty === null || !term.valid) bail(`invalid property ${key}`);
    topLevel?.set(key, expandedProperty);

    if (term.keyword) {
      if (expandedActiveProperty === '@reverse') bail('keyword in @reverse');
      if (expandedProperty in expandedParent && expandedProperty !== '@type') bail('colliding keywords');

      if (expandedProperty === '@id') {
        if (typeof value !== 'string') bail('@id is not a string');
        const id = idIri(activeCtx, value);
        if (id === null || !isAbsolute(id)) bail('relative or reserved @id');
        expandedParent['@id'] = id;
        continue;
      }

      if (expandedProperty === '@type') {
        if (
          !(typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))
        ) {
          bail('invalid @type value');
        }
        for (const v of Array.isArray(value) ? value : [value]) {
          const type = typeIri(typeScopedContext, v as string);
          if (type === null || type === '@json' || !isAbsolute(type) || type.startsWith('_:')) {
            bail('unsupported @type');
          }
          pushAll(expandedParent, '@type', type);
        }
        continue;
      }

      if (expandedProperty === '@value') {
        if (typeof value === 'object' && value !== null) bail('@value is an object or array');
        expandedParent['@value'] = value;
        continue;
      }

      if (expandedProperty === '@language') {
        if (value === null) continue;
        if (typeof value !== 'string' || !REGEX_BCP47.test(value)) bail('invalid @language');
        expandedParent['@language'] = value.toLowerCase();
        continue;
      }

      bail(`unsupported keyword ${expandedProperty}`);
    }

    if (expandedProperty.startsWith('_:')) bail('blank node predicate');

    let termCtx = activeCtx;
    if (term.scoped !== undefined) termCtx = apply(activeCtx, 'property', term.scoped, term.scoped);

    const container = term.container;
    if (isPlainObject(value) && container.some((c) => UNSUPPORTED_CONTAINERS.includes(c))) {
      bail('map container');
    }
    if (term.type === '@json') bail('@json literal');

    let expandedValue = expand(termCtx, key, value, false, state);
    if (expandedValue === null) continue;

    if (container.includes('@list') && !(isPlainObject(expandedValue) && '@list' in expandedValue)) {
      expandedValue = { '@list': Array.isArray(expandedValue) ? expandedValue : [expandedValue] };
    }

    if (container.includes('@graph') && !container.some((c) => c === '@id' || c === '@index')) {
      const items = Array.isArray(expandedValue) ? expandedValue : [expandedValue];
      for (const item of items) {
        if (!isPlainObject(item)) bail('graph item is not an object');
        dropCheck(item, Object.keys(item).length);
      }
      if (items.length === 0) continue;
      expandedValue = items.map((v) => ({ '@graph': [v] }));
    }

    if (termInfo(termCtx, key).reverse) bail('reverse property');

    pushAll(expandedParent, expandedProperty, expandedValue);
  }
}

// jsonld's `_expandValue`, for a scalar under a non-keyword property.
function expandValue(activeCtx: Ctx, activeProperty: string, value: unknown): Expanded {
  const term = termInfo(activeCtx, activeProperty);
  if (term.iri === null || term.keyword) bail('scalar under a keyword');

  const type = term.type as string | null;
  if (type === '@id' && typeof value === 'string') {
    const id = idIri(activeCtx, value);
    if (id === null || !isAbsolute(id) || REGEX_KEYWORD.test(value)) bail('relative or reserved @id');
    return { '@id': id };
  }
  if (type === '@vocab' && typeof value === 'string') {
    const id = typeIri(activeCtx, value);
    if (id === null || !isAbsolute(id)) bail('relative vocab reference');
    return { '@id': id };
  }

  const rval: Expanded = {};
  if (type && type !== '@id' && type !== '@vocab' && type !== '@none') {
    rval['@type'] = type;
  } else if (typeof value === 'string') {
    const { language, direction } = term;
    if (language !== null && language !== undefined) rval['@language'] = language;
    if (direction !== null && direction !== undefined) bail('@direction');
  }
  if (typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string')
    bail('not a JSON scalar');
  rval['@value'] = value;
  return rval;
}
