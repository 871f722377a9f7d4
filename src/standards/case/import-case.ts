// 1EdTech CASE 1.0 / 1.1 CFPackage → Open Badges 3.0 alignment targets. A CFItem becomes
// `{ targetType: 'CFItem', targetUrl: item.uri, targetFramework: document title, targetCode:
// humanCodingScheme }` (OB 3.0 §B.1.3 Alignment; CASE 1.1 §CFPckgItem). CFAssociations are kept
// as typed edges between item URIs so callers can walk isChildOf / precedes / exactMatchOf.
import { CredstackError, describeValue } from '../../errors.js';
import { createAlignment } from '../../model/alignment.js';
import type { Alignment } from '../../model/types/common.js';
import { DEFAULT_LIMITS, exceedsLimits } from '../../lib/limits.js';

/**
 * At most this many CFItems or CFAssociations in one package (large state frameworks have ~10 000).
 * @example
 * ```ts
 * import { MAX_CASE_ENTRIES } from 'credstack'
 * if (pkg.CFItems.length > MAX_CASE_ENTRIES) console.warn('split the package')
 * ```
 */
export const MAX_CASE_ENTRIES = 100_000;

/**
 * A CFAssociation between two nodes (items or documents), by URI.
 * @example
 * ```ts
 * import type { CaseAssociation } from 'credstack'
 * const edge: CaseAssociation = { type: 'isChildOf', origin: 'https://case.example/uri/a', destination: 'https://case.example/uri/doc' }
 * ```
 */
export interface CaseAssociation {
  /** `isChildOf`, `precedes`, `exactMatchOf`, … or an `ext:` type. */
  type: string;
  origin: string;
  destination: string;
  sequenceNumber?: number;
}

/**
 * What {@link importCaseFramework} returns.
 * @example
 * ```ts
 * import { importCaseFramework } from 'credstack'
 * const framework = importCaseFramework(pkg)
 * framework.alignment('CCSS.Math.Content.6.RP.A.1') // by code or by item URI
 * ```
 */
export interface CaseFramework {
  /** The CFDocument: its URI, title and creator. */
  document: { uri: string; identifier: string; title: string; creator?: string };
  /** One alignment target per CFItem, in package order. */
  alignments: Alignment[];
  associations: CaseAssociation[];
  /** The alignment for a CFItem URI, identifier or humanCodingScheme; `ERR_CASE_INVALID` when unknown. */
  alignment(ref: string): Alignment;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(message: string, path?: string): never {
  throw new CredstackError('ERR_CASE_INVALID', `Invalid CASE package: ${message}`, path ? { path } : {});
}

function str(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0)
    fail(`${path}.${key}: expected a non-empty string, got ${describeValue(v)}`, path);
  return v;
}

/** A LinkGenURI's uri (CASE 1.1), or a bare URI string (some CASE 1.0 exports). */
function linkUri(v: unknown, path: string): string {
  if (typeof v === 'string' && v.length > 0) return v;
  if (isObject(v) && typeof v.uri === 'string' && v.uri.length > 0) return v.uri;
  fail(`${path}: expected a LinkGenURI with a uri, got ${describeValue(v)}`, path);
}

/**
 * Reads a CASE CFPackage (the JSON of `GET /ims/case/v1p1/CFPackages/{id}`, also a CASE 1.0
 * export, bare or wrapped in `{ "CFPackage": … }`) into Open Badges 3.0 alignments: one per
 * CFItem with `targetType: 'CFItem'`, `targetUrl` = the item's URI, `targetName` = its
 * abbreviated (else full) statement, `targetDescription` = the full statement, `targetFramework`
 * = the CFDocument's title and `targetCode` = its humanCodingScheme. Use them in
 * `createAchievement({ alignment })` or a pathway's `alignments`.
 *
 * Checks what the CASE 1.1 JSON Schema requires of what it reads (CFDocument uri/title/identifier,
 * CFItem uri/fullStatement/identifier, association type and both ends); `ERR_CASE_INVALID` otherwise,
 * also for a duplicated item URI or a package past the size/depth limits.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { createAchievement, importCaseFramework } from 'credstack'
 * const framework = importCaseFramework(JSON.parse(text))
 * const achievement = createAchievement({ id, name, description, criteria,
 *   alignment: [framework.alignment('CCSS.Math.Content.6.RP.A.1')] })
 * ```
 */
export function importCaseFramework(pkg: unknown): CaseFramework {
  const tooBig = exceedsLimits(pkg, DEFAULT_LIMITS);
  if (tooBig) fail(`the package has ${tooBig}`);
  const root = isObject(pkg) && isObject(pkg.CFPackage) ? pkg.CFPackage : pkg;
  if (!isObject(root)) fail(`expected a CFPackage object, got ${describeValue(pkg)}`);
  const doc = root.CFDocument;
  if (!isObject(doc)) fail('CFDocument is missing', 'CFDocument');
  const document = {
    uri: str(doc, 'uri', 'CFDocument'),
    identifier: str(doc, 'identifier', 'CFDocument'),
    title: str(doc, 'title', 'CFDocument'),
    ...(typeof doc.creator === 'string' ? { creator: doc.creator } : {}),
  };
  const items = root.CFItems ?? [];
  const assocs = root.CFAssociations ?? [];
  if (!Array.isArray(items)) fail('CFItems must be an array', 'CFItems');
  if (!Array.isArray(assocs)) fail('CFAssociations must be an array', 'CFAssociations');
  if (items.length > MAX_CASE_ENTRIES || assocs.length > MAX_CASE_ENTRIES)
    fail(`more than ${MAX_CASE_ENTRIES} items or associations`);

  const alignments: Alignment[] = [];
  const index = new Map<string, Alignment>();
  items.forEach((item, i) => {
    const path = `CFItems[${i}]`;
    if (!isObject(item)) fail(`${path}: expected an object, got ${describeValue(item)}`, path);
    const uri = str(item, 'uri', path);
    const identifier = str(item, 'identifier', path);
    const full = str(item, 'fullStatement', path);
    if (index.has(uri)) fail(`${path}: item ${uri} appears twice`, path);
    const code =
      typeof item.humanCodingScheme === 'string' && item.humanCodingScheme
        ? item.humanCodingScheme
        : undefined;
    const short =
      typeof item.abbreviatedStatement === 'string' && item.abbreviatedStatement
        ? item.abbreviatedStatement
        : undefined;
    const alignment = createAlignment({
      type: ['Alignment'],
      targetType: 'CFItem',
      targetName: short ?? full,
      targetDescription: full,
      targetUrl: uri,
      targetFramework: document.title,
      ...(code ? { targetCode: code } : {}),
    });
    alignments.push(alignment);
    index.set(uri, alignment);
    if (!index.has(identifier)) index.set(identifier, alignment);
    if (code && !index.has(code)) index.set(code, alignment);
  });
  const associations = assocs.map((a, i): CaseAssociation => {
    const path = `CFAssociations[${i}]`;
    if (!isObject(a)) fail(`${path}: expected an object, got ${describeValue(a)}`, path);
    const type = str(a, 'associationType', path);
    if (
      !/^(isChildOf|isPeerOf|isPartOf|exactMatchOf|precedes|isRelatedTo|replacedBy|exemplar|hasSkillLevel|isTranslationOf|ext:[A-Za-z0-9._-]+)$/.test(
        type,
      )
    )
      fail(`${path}.associationType: '${type}' is not a CASE association type`, path);
    return {
      type,
      origin: linkUri(a.originNodeURI, `${path}.originNodeURI`),
      destination: linkUri(a.destinationNodeURI, `${path}.destinationNodeURI`),
      ...(typeof a.sequenceNumber === 'number' ? { sequenceNumber: a.sequenceNumber } : {}),
    };
  });
  return {
    document,
    alignments,
    associations,
    alignment(ref: string): Alignment {
      const found = index.get(ref);
      if (!found) fail(`no CFItem with URI, identifier or code '${ref}' in ${document.title}`);
      return found;
    },
  };
}
