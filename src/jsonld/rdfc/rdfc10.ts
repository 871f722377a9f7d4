// RDFC-1.0 with fewer string round trips: rdf-canonize's RDFC10 (the copy in
// generated/rdf-canonize.js) with its main algorithm (§4.4) and Hash First Degree Quads (§4.6)
// done on serializations made once per quad. The Hash N-Degree Quads algorithm (§4.8), which only
// blank nodes that first-degree hashing cannot tell apart need, stays rdf-canonize's own code.
//
// What rdf-canonize does per canonicalization that this does not: for every blank node, serialize
// each of its quads again (three term copies and the IRI/literal escaping regexes per quad), hash
// them with one digest update per quad, and at the end serialize every quad once more with its
// canonical labels. Here each quad's non-blank terms are escaped once (IRIs through a cache: the
// same predicates and types recur on every node), the blank nodes' quads are joined from those
// pieces with `_:a`/`_:z` and hashed in one update, and the output is joined from the same pieces.
//
// The output is rdf-canonize's, byte for byte: test/jsonld/rdfc.test.ts compares it with the
// installed rdf-canonize on generated datasets (symmetric graphs that need the N-degree algorithm,
// look-alike lists, literals and IRIs with every character that needs escaping) and with
// rdf-canonize's own N-Quads serializer, and test/jsonld/differential.test.ts compares the canonical
// N-Quads of every test vector and generated credentials with jsonld.js + rdf-canonize. A dataset
// outside the shapes handled here (generalized RDF, an empty or `c14n`-prefixed blank node label,
// malformed terms) goes to rdf-canonize's own main algorithm.

import { IdentifierIssuer, RDFC10 } from '../generated/rdf-canonize.js';
import { sortStrings } from '../../lib/array.js';
import { setImmediate } from './platform.js';
import type { Quad, Term } from '../fast/to-rdf.js';

type Issuer = InstanceType<typeof IdentifierIssuer>;
type Digest = { update(message: string): void; digest(): string | Promise<string> };

/** The parts of rdf-canonize's RDFC10 the fast main algorithm reads and calls (its own names). */
interface Rdfc10 {
  blankNodeInfo: Map<string, { quads: Set<Quad>; hash: string | null }>;
  canonicalIssuer: Issuer;
  createMessageDigest(): Digest;
  maxWorkFactor: number;
  maxDeepIterations: number;
  remainingDeepIterations: number;
  quads: Quad[] | null;
  main(dataset: Quad[]): Promise<string>;
  hashNDegreeQuads(id: string, issuer: Issuer): Promise<{ hash: string; issuer: Issuer }>;
  createHashToRelated(id: string, issuer: Issuer): Promise<Map<string, string[]>>;
  getRelatedPredicate(quad: Quad): string;
  _yield(): Promise<void>;
}
const Base = RDFC10 as unknown as new (options: Record<string, unknown>) => Rdfc10;

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

// N-Quads escaping as rdf-canonize's NQuads does it (lib/NQuads.js `_iriEscape`,
// `_stringLiteralEscape`): UCHAR `\uXXXX` (upper-case hex) for the characters below, ECHAR for the
// usual seven in literals.
// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes these control characters
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const IRI_ESCAPE_ALL = /[\u0000-\u0020<>"{}|^`\\]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above
const LITERAL_ESCAPE_ALL = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};
const uchar = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `<iri>` as N-Quads writes it. */
export function serializeIri(iri: string): string {
  return IRI_ESCAPE.test(iri) ? `<${iri.replace(IRI_ESCAPE_ALL, uchar)}>` : `<${iri}>`;
}

/** A literal as N-Quads writes it (datatype omitted for xsd:string, language for rdf:langString). */
export function serializeLiteral(term: Term): string {
  const value = LITERAL_ESCAPE.test(term.value)
    ? term.value.replace(LITERAL_ESCAPE_ALL, (c) => ECHAR[c] ?? uchar(c))
    : term.value;
  const datatype = (term.datatype as Term).value;
  if (datatype === RDF_LANGSTRING) return term.language ? `"${value}"@${term.language}` : `"${value}"`;
  if (datatype === XSD_STRING) return `"${value}"`;
  return `"${value}"^^${iri(datatype)}`;
}

/**
 * One quad, its terms serialized once. A blank term keeps its label (`*Blank` set); the others
 * hold their N-Quads text. `g` is empty for the default graph.
 */
interface Row {
  s: string;
  sBlank: boolean;
  /** ` <predicate> ` */
  p: string;
  /** Where `p` comes among the dataset's distinct predicates in code unit order (see {@link rankPredicates}). */
  rank: number;
  o: string;
  oBlank: boolean;
  g: string;
  gBlank: boolean;
  /** What follows the predicate when no blank node is there (object, graph, ` .\n`), made once. */
  rest: string | undefined;
}

/**
 * A line to sort: its subject's text, its row (predicate, rank) and what follows the predicate.
 * Lines compare as their text does (code unit order, as `Array.prototype.sort` sorts strings):
 * by subject, then predicate, then the rest. A serialized subject holds no space (IRIs escape it,
 * labels have none) and a serialized predicate ends with its first `>` (IRIs escape any other),
 * so neither is a prefix of another of its kind, and comparing the parts in turn is comparing
 * the lines. The predicates are ranked once per canonicalization: vocabulary IRIs share long
 * prefixes, and comparing two ranks is one step.
 */
interface Line {
  s: string;
  row: Row;
  rest: string;
}

const lineBefore = (a: Line, b: Line): boolean =>
  a.s !== b.s ? a.s < b.s : a.row.rank !== b.row.rank ? a.row.rank < b.row.rank : a.rest < b.rest;

/** Sorts `lines` in place (insertion sort for the usual few, which allocates nothing). */
function sortLines(lines: Line[]): void {
  if (lines.length > 16) {
    lines.sort((a, b) => (lineBefore(a, b) ? -1 : lineBefore(b, a) ? 1 : 0));
    return;
  }
  for (let i = 1; i < lines.length; i++) {
    const item = lines[i] as Line;
    let j = i - 1;
    while (j >= 0 && lineBefore(item, lines[j] as Line)) {
      lines[j + 1] = lines[j] as Line;
      j--;
    }
    lines[j + 1] = item;
  }
}

/** Sets each row's {@link Row.rank}. */
function rankPredicates(rows: readonly Row[]): void {
  const rank = new Map<string, number>();
  for (const row of rows) rank.set(row.p, 0);
  const ranked = sortStrings([...rank.keys()]);
  for (let i = 0; i < ranked.length; i++) rank.set(ranked[i] as string, i);
  for (const row of rows) row.rank = rank.get(row.p) as number;
}

/** What follows the row's predicate, blank node labels written by `text` (`_:…`). */
function restOf(row: Row, text: (id: string) => string): string {
  if (row.rest !== undefined) return row.rest;
  const o = row.oBlank ? text(row.o) : row.o;
  if (row.g === '') return `${o} .\n`;
  return `${o} ${row.gBlank ? text(row.g) : row.g} .\n`;
}

// Shapes rdf-canonize serializes as this module does; anything else goes to its own main.
const isBlankLabel = (term: Term) =>
  term.termType === 'BlankNode' &&
  typeof term.value === 'string' &&
  term.value !== '' &&
  !term.value.startsWith('c14n');
const isIri = (term: Term) => term.termType === 'NamedNode' && typeof term.value === 'string';

// Serialized IRIs, kept across canonicalizations: the same predicates, types and vocabulary IRIs
// recur in every credential, and escaping checks each character. Only IRIs of a usual length are
// kept (a hostile document's long IRIs must not pile up here), and the cache starts over when full.
const IRI_CACHE_SIZE = 4096;
const IRI_CACHE_LENGTH = 256;
const iris = new Map<string, string>();
// ` <predicate> ` as a row holds it, the same way
const predicates = new Map<string, string>();

function cached(cache: Map<string, string>, value: string, make: (value: string) => string): string {
  let text = cache.get(value);
  if (text === undefined) {
    text = make(value);
    if (value.length <= IRI_CACHE_LENGTH) {
      if (cache.size >= IRI_CACHE_SIZE) cache.clear();
      cache.set(value, text);
    }
  }
  return text;
}
const iri = (value: string) => cached(iris, value, serializeIri);
const predicateText = (value: string) => cached(predicates, value, (v) => ` ${serializeIri(v)} `);

/** The rows of `dataset`, or `undefined` when a quad is outside the handled shapes. */
function rowsOf(dataset: readonly Quad[]): Row[] | undefined {
  const rows: Row[] = new Array(dataset.length);
  for (let i = 0; i < dataset.length; i++) {
    const { subject, predicate, object, graph } = dataset[i] as Quad;
    if (!isIri(predicate)) return undefined;
    let s: string;
    let sBlank = false;
    if (isIri(subject)) s = iri(subject.value);
    else if (isBlankLabel(subject)) {
      s = subject.value;
      sBlank = true;
    } else return undefined;
    let o: string;
    let oBlank = false;
    if (isIri(object)) o = iri(object.value);
    else if (isBlankLabel(object)) {
      o = object.value;
      oBlank = true;
    } else if (
      object.termType === 'Literal' &&
      typeof object.value === 'string' &&
      object.datatype !== undefined &&
      isIri(object.datatype)
    ) {
      o = serializeLiteral(object);
    } else return undefined;
    let g = '';
    let gBlank = false;
    if (isIri(graph)) g = iri(graph.value);
    else if (isBlankLabel(graph)) {
      g = graph.value;
      gBlank = true;
    } else if (graph.termType !== 'DefaultGraph') return undefined;
    const rest = oBlank || gBlank ? undefined : g === '' ? `${o} .\n` : `${o} ${g} .\n`;
    rows[i] = { s, sBlank, p: predicateText(predicate.value), rank: 0, o, oBlank, g, gBlank, rest };
  }
  return rows;
}

// Blank nodes first-degree hashed between two yields to the event loop, as in rdf-canonize.
const YIELD_EVERY = 100;

/**
 * rdf-canonize's RDFC10 with the main algorithm and first-degree hashing on serializations made
 * once (see the top of this file). Same constructor options, same output, same errors.
 */
export class FastRDFC10 extends Base {
  /**
   * The output of the last `main`, in pieces of at most about {@link CHUNK} characters whose
   * concatenation is that output: hashed piece by piece, the output is never joined into one flat
   * string (a string past V8's 128 KB regular-object size is a fresh large-object allocation,
   * whose first touch costs more than hashing it). Undefined after rdf-canonize's own main.
   */
  chunks: string[] | undefined;

  override async main(dataset: Quad[]): Promise<string> {
    this.chunks = undefined;
    const rows = rowsOf(dataset);
    if (rows === undefined) return super.main(dataset);
    rankPredicates(rows);
    this.quads = dataset;

    // 1–2) the blank node to quads map, in rdf-canonize's order (a quad once per blank node)
    const info = this.blankNodeInfo;
    const rowsOfNode = new Map<string, Row[]>();
    const track = (id: string, quad: Quad, row: Row) => {
      const entry = info.get(id);
      if (entry === undefined) {
        info.set(id, { quads: new Set([quad]), hash: null });
        rowsOfNode.set(id, [row]);
      } else if (!entry.quads.has(quad)) {
        entry.quads.add(quad);
        (rowsOfNode.get(id) as Row[]).push(row);
      }
    };
    for (let i = 0; i < dataset.length; i++) {
      const row = rows[i] as Row;
      const quad = dataset[i] as Quad;
      if (row.sBlank) track(row.s, quad, row);
      if (row.oBlank) track(row.o, quad, row);
      if (row.gBlank) track(row.g, quad, row);
    }

    // 5.3) Hash First Degree Quads (§4.6) for every blank node: its quads with _:a for itself and
    // _:z for any other blank node, sorted, hashed as one text
    const hashToBlankNodes = new Map<string, string[]>();
    let count = 0;
    for (const [id, nodeRows] of rowsOfNode) {
      if (++count % YIELD_EVERY === 0) await yieldTurn();
      const text = (other: string) => (other === id ? '_:a' : '_:z');
      const lines = nodeRows.map(
        (row): Line => ({ s: row.sBlank ? text(row.s) : row.s, row, rest: restOf(row, text) }),
      );
      sortLines(lines);
      let joined = '';
      for (const line of lines) joined += line.s + line.row.p + line.rest;
      const md = this.createMessageDigest();
      md.update(joined);
      // node:crypto's digest is there at once: no turn of the event loop for it
      let hash = md.digest();
      if (typeof hash !== 'string') hash = await hash;
      (info.get(id) as { hash: string | null }).hash = hash;
      const list = hashToBlankNodes.get(hash);
      if (list === undefined) hashToBlankNodes.set(hash, [id]);
      else list.push(id);
    }

    // 5.4) unique hashes issue canonical identifiers in hash order; the others wait for step 6
    const nonUnique: string[][] = [];
    for (const hash of sortStrings([...hashToBlankNodes.keys()])) {
      const ids = hashToBlankNodes.get(hash) as string[];
      if (ids.length > 1) nonUnique.push(ids);
      else this.canonicalIssuer.getId(ids[0] as string);
    }

    // rdf-canonize's deep-iteration limit, computed as it computes it
    if (this.maxDeepIterations < 0) {
      if (this.maxWorkFactor === 0) this.maxDeepIterations = 0;
      else if (this.maxWorkFactor === Number.POSITIVE_INFINITY)
        this.maxDeepIterations = Number.POSITIVE_INFINITY;
      else {
        const nonUniqueCount = nonUnique.reduce((n, ids) => n + ids.length, 0);
        this.maxDeepIterations = nonUniqueCount ** this.maxWorkFactor;
      }
    }
    if (this.maxDeepIterations > Number.MAX_SAFE_INTEGER) this.maxDeepIterations = Number.POSITIVE_INFINITY;
    this.remainingDeepIterations = this.maxDeepIterations;

    // 6) Hash N-Degree Quads (rdf-canonize's) for each group of look-alike blank nodes
    for (const ids of nonUnique) {
      const results: { hash: string; issuer: Issuer }[] = [];
      for (const id of ids) {
        if (this.canonicalIssuer.hasId(id)) continue;
        const issuer = new IdentifierIssuer('b');
        issuer.getId(id);
        results.push(await this.hashNDegreeQuads(id, issuer));
      }
      results.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      for (const result of results) {
        for (const id of result.issuer.getOldIds()) this.canonicalIssuer.getId(id);
      }
    }

    // 7–8) every quad with its canonical labels, sorted
    const canonical = new Map<string, string>();
    for (const id of info.keys()) canonical.set(id, this.canonicalIssuer.getId(id));
    const label = (id: string) => canonical.get(id) as string;
    const chunks = sortedLines(rows, label);
    this.chunks = chunks;
    // a rope of the pieces: nothing copies them into one string unless it is read
    let out = '';
    for (const chunk of chunks) out += chunk;
    return out;
  }

  /**
   * Hash N-Degree Quads step 3 (§4.8.2): the hashes of the blank nodes related to `id` through
   * its quads, as rdf-canonize's `createHashToRelated` and `hashRelatedBlankNode` make them
   * (position, `<predicate>` unescaped, then the related node's canonical, temporary or
   * first-degree identifier), without a promise per quad component: the N-degree step calls this
   * once per run, and the promises were most of its time on look-alike list cells. The related
   * nodes of a hash may come in another order than there, which nothing reads: rdf-canonize's
   * Permuter sorts them. It yields to the event loop every 100 quads, as rdf-canonize does.
   */
  override async createHashToRelated(id: string, issuer: Issuer): Promise<Map<string, string[]>> {
    const hashToRelated = new Map<string, string[]>();
    const info = this.blankNodeInfo;
    const quads = (info.get(id) as { quads: Set<Quad> }).quads;
    let i = 0;
    for (const quad of quads) {
      if (++i % 100 === 0) await this._yield();
      for (let position = 0; position < 3; position++) {
        const component = position === 0 ? quad.subject : position === 1 ? quad.object : quad.graph;
        if (component.termType !== 'BlankNode' || component.value === id) continue;
        const related = component.value;
        const label = this.canonicalIssuer.hasId(related)
          ? `_:${this.canonicalIssuer.getId(related)}`
          : issuer.hasId(related)
            ? `_:${issuer.getId(related)}`
            : (info.get(related) as { hash: string }).hash;
        const md = this.createMessageDigest();
        md.update(
          position === 2
            ? `g${label}`
            : `${position === 0 ? 's' : 'o'}${this.getRelatedPredicate(quad)}${label}`,
        );
        let hash = md.digest();
        if (typeof hash !== 'string') hash = await hash;
        const entries = hashToRelated.get(hash);
        if (entries === undefined) hashToRelated.set(hash, [related]);
        else entries.push(related);
      }
    }
    return hashToRelated;
  }
}

/**
 * The rows' N-Quads lines, sorted (see {@link Line}) and joined, grouped by subject first: the
 * lines of one subject are one run in the sorted output, so sorting the few distinct subjects and
 * then each subject's few lines compares far fewer strings than sorting every line against every
 * other. The output comes in pieces, each a whole number of lines.
 */
function sortedLines(rows: readonly Row[], label: (id: string) => string): string[] {
  // `_:c14nN` once per blank node
  const blank = new Map<string, string>();
  const text = (id: string) => {
    let t = blank.get(id);
    if (t === undefined) {
      t = `_:${label(id)}`;
      blank.set(id, t);
    }
    return t;
  };
  const bySubject = new Map<string, Line[]>();
  for (const row of rows) {
    const s = row.sBlank ? text(row.s) : row.s;
    const line: Line = { s, row, rest: restOf(row, text) };
    const group = bySubject.get(s);
    if (group === undefined) bySubject.set(s, [line]);
    else group.push(line);
  }
  const subjects = sortStrings([...bySubject.keys()]);
  const chunks: string[] = [];
  let out = '';
  for (const s of subjects) {
    const group = bySubject.get(s) as Line[];
    sortLines(group);
    for (const line of group) out += s + line.row.p + line.rest;
    if (out.length >= CHUNK) {
      chunks.push(out);
      out = '';
    }
  }
  if (out !== '' || chunks.length === 0) chunks.push(out);
  return chunks;
}

/** Characters per piece of the output (see {@link FastRDFC10.chunks}); a piece ends with a line. */
const CHUNK = 16_384;

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
