// XML namespace scoping (Namespaces in XML 1.0, §3–§6) for the SVG scan, in constant time per
// name. saxes' own xmlns mode resolves each prefix by walking every open ancestor, which makes n
// nested elements cost n²/2 steps (40,000 nested <g>, 280 KB: 16 s). Here each prefix has a
// stack of bindings: an element pushes the prefixes it declares and pops them when it closes, so
// resolving is a Map lookup whatever the depth. The well-formedness rules saxes' xmlns mode
// enforced are kept; a violation throws a plain Error, reported as malformed XML.

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** An element's name resolved in scope. */
export interface ResolvedName {
  prefix: string;
  local: string;
  /** The namespace URI; `''` for none. */
  uri: string;
}

function qname(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  if (colon === -1) return { prefix: '', local: name };
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (prefix === '' || local === '' || local.includes(':')) throw new Error(`malformed name: ${name}`);
  return { prefix, local };
}

/** Namespaces in XML §3 ("Namespace constraint: Reserved Prefixes and Namespace Names"). */
function checkBinding(prefix: string, uri: string): void {
  if (prefix === 'xml' ? uri !== XML_NAMESPACE : uri === XML_NAMESPACE) {
    throw new Error(`only the xml prefix is bound to ${XML_NAMESPACE}`);
  }
  if (prefix === 'xmlns' || uri === XMLNS_NAMESPACE) {
    throw new Error(`the xmlns prefix and ${XMLNS_NAMESPACE} cannot be declared`);
  }
  // XML 1.0 namespaces cannot undeclare a prefix (only the default namespace).
  if (prefix !== '' && uri === '') throw new Error(`invalid attempt to undefine prefix ${prefix}`);
}

/** The namespace bindings of the open elements of one document. */
export class NamespaceScope {
  private readonly bindings = new Map<string, string[]>([
    ['xml', [XML_NAMESPACE]],
    ['xmlns', [XMLNS_NAMESPACE]],
  ]);
  /** For each open element, the prefixes it declared (popped when it closes). */
  private readonly declared: string[][] = [];

  private resolve(prefix: string): string | undefined {
    const stack = this.bindings.get(prefix);
    return stack?.[stack.length - 1];
  }

  /** Enters an element: binds its `xmlns` attributes, then resolves its name and attributes. */
  open(name: string, attributes: Readonly<Record<string, string>>): ResolvedName {
    const declared: string[] = [];
    for (const [attribute, value] of Object.entries(attributes)) {
      const prefix =
        attribute === 'xmlns' ? '' : attribute.startsWith('xmlns:') ? qname(attribute).local : undefined;
      if (prefix === undefined) continue;
      const uri = value.trim();
      checkBinding(prefix, uri);
      const stack = this.bindings.get(prefix);
      if (stack) stack.push(uri);
      else this.bindings.set(prefix, [uri]);
      declared.push(prefix);
    }
    this.declared.push(declared);

    const element = qname(name);
    if (element.prefix === 'xmlns') throw new Error(`tags may not have "xmlns" as prefix: ${name}`);
    const uri = this.resolve(element.prefix) ?? '';
    if (element.prefix !== '' && uri === '') throw new Error(`unbound namespace prefix: ${element.prefix}`);

    // Attributes (other than the declarations) take no default namespace (§6.2); two may not share
    // an expanded name (§6.3).
    const seen = new Set<string>();
    for (const attribute of Object.keys(attributes)) {
      const { prefix, local } = qname(attribute);
      if (prefix === '' || prefix === 'xmlns') continue;
      const attributeUri = this.resolve(prefix);
      if (attributeUri === undefined) throw new Error(`unbound namespace prefix: ${prefix}`);
      const expanded = `{${attributeUri}}${local}`;
      if (seen.has(expanded)) throw new Error(`duplicate attribute: ${expanded}`);
      seen.add(expanded);
    }
    return { ...element, uri };
  }

  /** Leaves the innermost open element: its declarations go out of scope. */
  close(): void {
    for (const prefix of this.declared.pop() ?? []) this.bindings.get(prefix)?.pop();
  }
}
