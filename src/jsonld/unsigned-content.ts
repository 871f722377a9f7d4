// What JSON-LD expansion keeps but the RDF dataset does not determine — so a Data Integrity
// signature, which covers the canonical N-Quads only, does not cover it, yet a verifier would hand
// it back inside the verified credential. Checked on the expanded document (jsonld.js's or
// expand.ts's output, the same structure), after safe mode has refused everything it drops:
//
// - `@index` (the keyword, or the keys of an index map): JSON-LD 1.1 §4.6.1 keeps it in expanded
//   form, and toRdf ignores it (jsonld.js lib/toRdf.js skips every keyword but @type).
// - Blank node identifiers (`"_:x"` as an id, a type or a property): RDFC-1.0 relabels blank
//   nodes, so the label itself is never signed ("_:alice" → "_:bob" verifies). VCDM 2.0 §4.4 and
//   OB 3.0 want ids to be URLs, so no conforming credential has one.
// - Numbers and xsd:double strings whose RDF literal does not give them back: jsonld.js writes a
//   double with 16 significant digits and a number below 1e-6 (String(1e-7) is "1e-7", no ".") as
//   an integer, and parses an xsd:double string with parseFloat (trailing text ignored), so
//   3.5000000000000004 signs as 3.5, 1e-7 as 0, "1.5 (honours)" as 1.5.
//
// What is not a hole, and why it passes: values that stand for no statement (null, [], which
// expansion drops and the JSON shows as absent), `@set` wrappers, `@nest`, `@included`, `@reverse`,
// `@graph` and `@json` literals (all turned into quads, or canonical JSON), `@direction` (an i18n
// datatype), and respellings that expand to the same IRI (a term or its IRI, an alias such as
// AchievementCredential for OpenBadgeCredential): each is the same signed statement. A language
// tag's case is the one normalization left (expansion lowercases it); BCP 47 §2.1.1 makes tags
// case-insensitive, so "en-US" and "EN-us" are the same tag.

const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

export type UnsignedContentCode = 'JSONLD_INDEX' | 'JSONLD_BLANK_NODE_ID' | 'JSONLD_LITERAL_LOSSY';

/** A part of a document that its RDF dataset — what a Data Integrity proof signs — leaves out. */
export interface UnsignedContent {
  code: UnsignedContentCode;
  message: string;
  /** What to look for in the compact document, to point at it. */
  find: (key: string | undefined, value: unknown) => boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isBlank = (value: unknown): value is string => typeof value === 'string' && value.startsWith('_:');

// jsonld.js `_objectToRDF`: the lexical form of a number (types.isDouble, then toFixed(0)).
function numberLexical(value: number, datatype: unknown): string {
  const isDouble = String(value).indexOf('.') !== -1 || Math.abs(value) >= 1e21;
  if (isDouble || datatype === XSD_DOUBLE) return value.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
  return value.toFixed(0);
}

function lossyLiteral(item: Record<string, unknown>): UnsignedContent | undefined {
  const value = item['@value'];
  const datatype = item['@type'];
  if (typeof value === 'number' && Number(numberLexical(value, datatype)) !== value) {
    return {
      code: 'JSONLD_LITERAL_LOSSY',
      message: `The number ${String(value)} is signed as ${numberLexical(value, datatype)}: RDF keeps 16 significant digits and writes numbers below 1e-6 as integers, so this value is not what the signature covers`,
      find: (_key, v) => v === value,
    };
  }
  if (typeof value === 'string' && datatype === XSD_DOUBLE) {
    const lexical = numberLexical(Number.parseFloat(value), XSD_DOUBLE);
    if (lexical !== value) {
      return {
        code: 'JSONLD_LITERAL_LOSSY',
        message: `The xsd:double ${JSON.stringify(value)} is signed as ${lexical}: any spelling of that number (and any text after it) would verify alike`,
        find: (_key, v) => v === value,
      };
    }
  }
  return undefined;
}

const INDEX: UnsignedContent = {
  code: 'JSONLD_INDEX',
  message:
    '@index values (the keyword, or the keys of an index map) are not part of the RDF a Data Integrity proof signs: they could be added or changed without breaking it',
  find: (key) => key === '@index',
};

function blankNode(label: string): UnsignedContent {
  return {
    code: 'JSONLD_BLANK_NODE_ID',
    message: `The blank node identifier ${JSON.stringify(label)} is not signed (RDF canonicalization relabels blank nodes, so any label would verify alike); ids in a credential are URLs`,
    find: (key, value) => key === label || value === label,
  };
}

/**
 * The first part of the expanded document `expanded` that its RDF dataset does not determine, if
 * any. Iterative (expanded documents are as deep as the input, which the input limits bound).
 */
export function findUnsignedContent(expanded: unknown): UnsignedContent | undefined {
  const stack: unknown[] = [expanded];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!isObject(node)) continue;
    if ('@index' in node) return INDEX;
    if ('@value' in node) {
      // a literal: its content is data (a @json literal's keys are not keywords)
      const lossy = lossyLiteral(node);
      if (lossy) return lossy;
      continue;
    }
    // keys, not entries: this walk runs on every verification, and a pair per property adds up
    for (const key of Object.keys(node)) {
      if (isBlank(key)) return blankNode(key);
      const value = node[key];
      if (key === '@id') {
        if (isBlank(value)) return blankNode(value);
      } else if (key === '@type') {
        const blank = Array.isArray(value) ? value.find(isBlank) : isBlank(value) ? value : undefined;
        if (blank !== undefined) return blankNode(blank);
      } else if (key !== '@language' && key !== '@direction') {
        stack.push(value);
      }
    }
  }
  return undefined;
}

/**
 * The JSON pointer of the first place in `document` (compact, as given) where `content` shows,
 * or `undefined` when it does not show as such (an index map's keys).
 */
export function pointerTo(document: unknown, content: UnsignedContent): string | undefined {
  const stack: Array<[unknown, string]> = [[document, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries) {
      const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === '@context') continue;
      if (content.find(Array.isArray(node) ? undefined : key, value)) return child;
      stack.push([value, child]);
    }
  }
  return undefined;
}
