// SVG baking (OB 3.0 §"Baking SVG"): `xmlns:openbadges` on the root and one
// <openbadges:credential> element directly after the <svg> start tag.
//
// The document is parsed with saxes (a conforming, non-validating parser that never loads
// external DTDs or entities) to find exact offsets; edits are spliced into the original text
// so everything else stays byte-for-byte as it was. Namespaces are resolved by NamespaceScope
// (constant time per name) rather than saxes' xmlns mode, which walks every open ancestor.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { CredstackError, isCredstackError } from '../errors.js';
import { type BakedPayload, ob2Error, type PreparedPayload, parsePayload } from './payload.js';
import { NamespaceScope } from './xml-namespaces.js';

export const OB3_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** Open Badges 2.0 baked SVGs used `<openbadges:assertion>` in this namespace. */
const OB2_NAMESPACE = 'http://openbadges.org';
/**
 * Deepest element nesting an SVG may have. Artwork nests groups a few dozen levels at most; a
 * document nested deeper is refused (ERR_LIMIT_EXCEEDED) before it costs anything.
 */
export const MAX_SVG_DEPTH = 1024;

interface CredentialElement {
  start: number;
  end: number;
  verify: string | undefined;
  content: string;
}

interface SvgScan {
  rootName: string;
  /** Offset just past `<svg` (where an attribute can be added). */
  rootNameEnd: number;
  /** Offset just past the root start tag's `>`. */
  rootTagEnd: number;
  rootSelfClosing: boolean;
  /** Value of `xmlns:openbadges` on the root, if declared there. */
  rootOpenbadgesNs: string | undefined;
  credentials: CredentialElement[];
  ob2: boolean;
}

function invalid(message: string, cause?: unknown): CredstackError {
  return new CredstackError('ERR_IMAGE_INVALID', message, { path: 'svg', ...(cause ? { cause } : {}) });
}

/** Parses the whole document once; throws coded errors for anything we refuse. */
function scanSvg(text: string): SvgScan {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const scope = new NamespaceScope();
  let root: Omit<SvgScan, 'credentials' | 'ob2'> | undefined;
  const credentials: CredentialElement[] = [];
  let ob2 = false;
  const starts: number[] = [];
  let depth = 0;
  let capture: (CredentialElement & { depth: number }) | undefined;

  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      throw new CredstackError(
        'ERR_IMAGE_UNSUPPORTED',
        `SVG encoding "${decl.encoding}" is not supported; use UTF-8`,
        {
          path: 'svg',
        },
      );
    }
  });
  parser.on('doctype', (doctype) => {
    // An internal subset is where entities are declared (XXE, billion laughs). saxes would not
    // expand them, but refusing outright is clearer than an "undefined entity" error later.
    if (doctype.replace(/"[^"]*"|'[^']*'/g, '').includes('[')) {
      throw invalid('SVG with a DTD/entity declarations is refused (the DOCTYPE has an internal subset)');
    }
  });
  parser.on('opentagstart', () => {
    if (depth >= MAX_SVG_DEPTH) {
      throw new CredstackError(
        'ERR_LIMIT_EXCEEDED',
        `The SVG nests elements more than ${MAX_SVG_DEPTH} deep`,
        { path: 'svg' },
      );
    }
    // saxes reports the offset after `<name` plus one character; the `<` is the last one before it.
    starts.push(text.lastIndexOf('<', parser.position - 1));
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const start = starts.pop()!;
    const { local, uri } = scope.open(tag.name, tag.attributes);
    if (depth === 0) {
      if (local !== 'svg') {
        throw new CredstackError('ERR_IMAGE_UNSUPPORTED', `The root element is <${tag.name}>, not <svg>`, {
          path: 'svg',
        });
      }
      root = {
        rootName: tag.name,
        rootNameEnd: start + 1 + tag.name.length,
        rootTagEnd: parser.position,
        rootSelfClosing: tag.isSelfClosing,
        rootOpenbadgesNs: tag.attributes['xmlns:openbadges'],
      };
    }
    if (uri === OB2_NAMESPACE && local === 'assertion') ob2 = true;
    if (!capture && uri === OB3_NAMESPACE && local === 'credential') {
      // An unprefixed attribute is in no namespace (Namespaces in XML §6.2): `verify`, not `x:verify`.
      const verify = tag.attributes.verify;
      capture = { start, end: -1, verify, content: '', depth };
    }
    depth++;
  });
  const collect = (chunk: string) => {
    if (capture) capture.content += chunk;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', () => {
    scope.close();
    depth--;
    if (capture && capture.depth === depth) {
      const { depth: _, ...element } = capture;
      credentials.push({ ...element, end: parser.position });
      capture = undefined;
    }
  });

  try {
    parser.write(text).close();
  } catch (cause) {
    if (isCredstackError(cause)) throw cause;
    throw invalid(`SVG is not well-formed XML: ${(cause as Error).message}`, cause);
  }
  if (!root) throw invalid('SVG has no root element');
  return { ...root, credentials, ob2 };
}

/** Reads the first `<openbadges:credential>` element of an SVG document. */
export function unbakeSvg(text: string): BakedPayload {
  const scan = scanSvg(text);
  const element = scan.credentials[0];
  if (!element) {
    if (scan.ob2 || scan.rootOpenbadgesNs === OB2_NAMESPACE)
      throw ob2Error(`<openbadges:assertion> in ${OB2_NAMESPACE}`, 'svg', false);
    throw new CredstackError(
      'ERR_BAKED_NOT_FOUND',
      `The SVG has no <openbadges:credential> element (${OB3_NAMESPACE})`,
      {
        path: 'svg',
      },
    );
  }
  if (element.verify !== undefined && element.verify.trim() !== '') {
    return parsePayload(element.verify, 'SVG verify attribute');
  }
  if (element.content.trim() === '') {
    throw invalid('The <openbadges:credential> element has neither a verify attribute nor content');
  }
  return parsePayload(element.content, 'SVG credential element');
}

function credentialElement(payload: PreparedPayload): string {
  // A compact JWS is base64url and dots only, safe inside an attribute value.
  if (payload.format === 'jwt') return `<openbadges:credential verify="${payload.text}"/>`;
  // `]]>` would end the CDATA section early; split it across two sections.
  const cdata = payload.text.replaceAll(']]>', ']]]]><![CDATA[>');
  return `<openbadges:credential><![CDATA[ ${cdata} ]]></openbadges:credential>`;
}

interface Edit {
  start: number;
  end: number;
  insert: string;
}

/** Adds the namespace and the credential element; earlier credential elements are removed. */
export function bakeSvg(text: string, payload: PreparedPayload): string {
  const scan = scanSvg(text);
  if (scan.ob2 || scan.rootOpenbadgesNs === OB2_NAMESPACE)
    throw ob2Error(`<openbadges:assertion> in ${OB2_NAMESPACE}`, 'svg', true);
  if (scan.rootOpenbadgesNs !== undefined && scan.rootOpenbadgesNs !== OB3_NAMESPACE) {
    throw new CredstackError(
      'ERR_IMAGE_UNSUPPORTED',
      `The <svg> root binds the prefix "openbadges" to "${scan.rootOpenbadgesNs}", not ${OB3_NAMESPACE}`,
      { path: 'svg' },
    );
  }
  const edits: Edit[] = [];
  if (scan.rootOpenbadgesNs === undefined) {
    edits.push({
      start: scan.rootNameEnd,
      end: scan.rootNameEnd,
      insert: ` xmlns:openbadges="${OB3_NAMESPACE}"`,
    });
  }
  const element = credentialElement(payload);
  if (scan.rootSelfClosing) {
    // `<svg .../>`: the start tag ends in "/>" (XML §3.1 allows no space between them).
    edits.push({
      start: scan.rootTagEnd - 2,
      end: scan.rootTagEnd,
      insert: `>${element}</${scan.rootName}>`,
    });
  } else {
    edits.push({ start: scan.rootTagEnd, end: scan.rootTagEnd, insert: element });
  }
  for (const old of scan.credentials) {
    // Take the indentation before the old element with it, so re-baking does not pile up blank lines.
    let start = old.start;
    while (start > scan.rootTagEnd && /\s/.test(text[start - 1]!)) start--;
    edits.push({ start, end: old.end, insert: '' });
  }
  // Insertions sort before deletions that begin at the same offset.
  edits.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    out += text.slice(cursor, edit.start) + edit.insert;
    cursor = Math.max(cursor, edit.end);
  }
  return out + text.slice(cursor);
}
