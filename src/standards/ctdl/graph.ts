// Reading CTDL JSON-LD as the Credential Registry serves it: a graph document (`@graph`), one
// resource document, or an array of them; terms prefixed (`ceterms:hasPart`) or bare (the
// `credreg.net/ctdl/schema/context/json` context); references as strings or `{ "@id" }`.
import { CredstackError, describeValue } from '../../errors.js';
import { DEFAULT_LIMITS, exceedsLimits } from '../../lib/limits.js';

export type CtdlNode = Record<string, unknown>;

/** At most this many resources in one import: a pathway is a few hundred components at most. */
export const MAX_CTDL_RESOURCES = 5000;

export function ctdlError(message: string, path?: string): never {
  throw new CredstackError('ERR_CTDL_INVALID', `Invalid CTDL pathway: ${message}`, path ? { path } : {});
}

const isObject = (v: unknown): v is CtdlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The local name of a term or class: `ceterms:hasPart` and `hasPart` are the same property. */
export const localName = (term: string): string => term.replace(/^(ceterms|ceasn|ceterms_|@)?:?/, '');

/** A property by its local name, whatever prefix the document used. */
export function prop(node: CtdlNode, name: string): unknown {
  if (node[`ceterms:${name}`] !== undefined) return node[`ceterms:${name}`];
  return node[name];
}

export const list = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

export function nodeId(node: CtdlNode): string | undefined {
  const id = node['@id'] ?? node.id;
  return typeof id === 'string' ? id : undefined;
}

/** The node's classes by local name (`ceterms:CourseComponent` → `CourseComponent`). */
export function nodeTypes(node: CtdlNode): string[] {
  return list(node['@type'] ?? node.type)
    .filter((t): t is string => typeof t === 'string')
    .map(localName);
}

/** URIs a property references (strings or `{ "@id" }` objects). */
export function refs(node: CtdlNode, name: string): string[] {
  return list(prop(node, name)).map((r, i) => {
    const id = typeof r === 'string' ? r : isObject(r) ? nodeId(r) : undefined;
    if (id === undefined)
      ctdlError(`${name}[${i}] is not a reference, got ${describeValue(r)}`, nodeId(node));
    return id;
  });
}

/** A language string: a plain string or a language map (`{ "en-US": … }`, also the sample's `@en-US`). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return text(v[0]);
  if (!isObject(v)) return undefined;
  if (typeof v['@value'] === 'string') return v['@value'];
  for (const key of ['en-US', '@en-US', 'en', '@en']) if (typeof v[key] === 'string') return v[key] as string;
  const first = Object.values(v).find((x) => typeof x === 'string');
  return first as string | undefined;
}

/**
 * All top-level resources by id. Nested objects (conditions, alignment objects) stay inside
 * their resource; only the registry's own envelopes (`@graph`, arrays of documents) are unwrapped.
 */
export function collectResources(doc: unknown): Map<string, CtdlNode> {
  const tooBig = exceedsLimits(doc, DEFAULT_LIMITS);
  if (tooBig) ctdlError(`the document has ${tooBig}`);
  const out = new Map<string, CtdlNode>();
  const queue: unknown[] = [doc];
  while (queue.length > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) {
      queue.push(...item);
      continue;
    }
    if (!isObject(item)) ctdlError(`expected a JSON-LD object, got ${describeValue(item)}`);
    if (Array.isArray(item['@graph'])) {
      queue.push(...item['@graph']);
      continue;
    }
    const id = nodeId(item);
    if (id === undefined) ctdlError('a resource has no @id');
    if (out.has(id)) ctdlError(`resource ${id} appears twice`, id);
    out.set(id, item);
    if (out.size > MAX_CTDL_RESOURCES) ctdlError(`more than ${MAX_CTDL_RESOURCES} resources`);
  }
  return out;
}

export { isObject };
