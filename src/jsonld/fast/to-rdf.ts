// Expanded JSON-LD → RDF dataset, equivalent to jsonld.js 9 `lib/toRdf.js` + `lib/nodeMap.js`
// (BSD-3-Clause, Copyright (c) Digital Bazaar, Inc.; see ./NOTICE.md) for the output of `expand.ts`.
//
// jsonld.js first builds a node map (merging nodes with the same @id, dropping duplicate values as
// `util.compareValues` sees them) and then emits quads node by node. Emitting quads while walking,
// with the same duplicate rule keyed per (graph, subject, predicate), yields the same multiset of
// quads; blank node labels differ, which RDFC-1.0 makes irrelevant. Relative IRIs, blank node
// predicates and similar cases cannot reach this module (`expand.ts` refuses them).

import type { Expanded } from './expand.js';

// The dataset shape rdf-canonize takes, declared here rather than imported from it: these types
// reach the published declarations (CanonicalizationBudget.admit), and rdf-canonize ships none.

/** An IRI term (a literal's datatype is one). */
export interface NamedNode {
  termType: 'NamedNode';
  value: string;
}

/** An RDF term as rdf-canonize reads it. */
export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: NamedNode;
  language?: string;
}

/** An RDF quad as rdf-canonize reads it. */
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const RDF_LANGSTRING = `${RDF}langString`;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;

const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };

/**
 * The values emitted for one subject in one graph: predicate → their jsonld.js comparison keys
 * (the one key itself while a predicate has one value, as most have: no Set until a second).
 */
type Slot = Map<string, string | Set<string>>;

// jsonld `types.isDouble`: a number written with a '.' (or huge) is an xsd:double.
const isDouble = (v: unknown): v is number =>
  typeof v === 'number' && (String(v).indexOf('.') !== -1 || Math.abs(v) >= 1e21);

/** Converts the expanded document to quads (the `dataset` rdf-canonize takes). */
export function toRdf(expanded: Expanded): Quad[] {
  const state = new Emitter();
  state.node(expanded, DEFAULT_GRAPH);
  return state.quads;
}

class Emitter {
  readonly quads: Quad[] = [];
  private counter = 0;
  // One term per IRI (subject, predicate, type, datatype, rdf:nil): a badge repeats a few dozen
  // IRIs over thousands of quads, and nothing downstream changes a term. Per emitter, so no two
  // datasets share a term.
  private readonly named = new Map<string, NamedNode>();
  private readonly labels = new Map<string, string>();
  // values already emitted, per (graph, subject) and predicate, by their jsonld.js comparison key
  private readonly seen = new Map<string, Slot>();

  private fresh(): string {
    return `b${this.counter++}`;
  }

  // jsonld's IdentifierIssuer: document blank node labels are renamed consistently.
  private relabel(id: string): string {
    let label = this.labels.get(id);
    if (label === undefined) {
      label = this.fresh();
      this.labels.set(id, label);
    }
    return label;
  }

  private iri(value: string): NamedNode {
    let term = this.named.get(value);
    if (term === undefined) {
      term = { termType: 'NamedNode', value };
      this.named.set(value, term);
    }
    return term;
  }

  private subjectTerm(id: string | undefined): Term {
    if (id === undefined) return { termType: 'BlankNode', value: this.fresh() };
    if (id.startsWith('_:')) return { termType: 'BlankNode', value: this.relabel(id) };
    return this.iri(id);
  }

  /**
   * Where the values of `subject` in `graph` are remembered: shared by every node object naming the
   * same subject (jsonld.js merges them), its own for a blank node made for this node object.
   */
  private slot(subject: Term, graph: Term, fresh: boolean): Slot {
    if (fresh) return new Map();
    const key = `${graph.value}\u0000${subject.termType === 'BlankNode' ? '_:' : ''}${subject.value}`;
    let slot = this.seen.get(key);
    if (slot === undefined) {
      slot = new Map();
      this.seen.set(key, slot);
    }
    return slot;
  }

  private add(
    slot: Slot | null,
    subject: Term,
    predicate: string,
    object: Term,
    graph: Term,
    key: string | null,
  ): void {
    if (key !== null && slot !== null) {
      const keys = slot.get(predicate);
      if (keys === undefined) slot.set(predicate, key);
      else if (typeof keys === 'string') {
        if (keys === key) return;
        slot.set(predicate, new Set([keys, key]));
      } else if (keys.has(key)) return;
      else keys.add(key);
    }
    this.quads.push({ subject, predicate: this.iri(predicate), object, graph });
  }

  /** Emits a node object's quads into `graph`; returns the node's term. */
  node(input: Expanded, graph: Term, name?: Term): Term {
    const id = input['@id'] as string | undefined;
    const subject = name ?? this.subjectTerm(id);
    const slot = this.slot(subject, graph, name === undefined && id === undefined);
    for (const type of (input['@type'] as string[] | undefined) ?? []) {
      this.add(slot, subject, RDF_TYPE, this.iri(type), graph, `t${type}`);
    }
    for (const property of Object.keys(input)) {
      if (property === '@id' || property === '@type') continue;
      if (property === '@graph') {
        // a graph object: its nodes go into the named graph `subject`
        for (const item of input['@graph'] as Expanded[]) {
          this.node(item, subject);
        }
        continue;
      }
      for (const item of input[property] as unknown[]) {
        this.value(slot, subject, property, item as Expanded, graph);
      }
    }
    return subject;
  }

  private value(slot: Slot, subject: Term, property: string, item: Expanded, graph: Term): void {
    if ('@value' in item) {
      this.add(slot, subject, property, this.literal(item), graph, valueKey(item));
    } else if ('@list' in item) {
      this.add(null, subject, property, this.list(item['@list'] as Expanded[], graph), graph, null);
    } else {
      // embedded node or node reference
      const object = this.node(item, graph);
      this.add(
        slot,
        subject,
        property,
        object,
        graph,
        `${object.termType === 'BlankNode' ? 'b' : 'i'}${object.value}`,
      );
    }
  }

  // jsonld `_listToRDF`: a chain of fresh blank nodes, or rdf:nil for an empty list.
  private list(items: Expanded[], graph: Term): Term {
    if (items.length === 0) return this.iri(RDF_NIL);
    const head: Term = { termType: 'BlankNode', value: this.fresh() };
    let current = head;
    items.forEach((item, i) => {
      let object: Term;
      if ('@value' in item) object = this.literal(item);
      else if ('@list' in item) object = this.list(item['@list'] as Expanded[], graph);
      else object = this.node(item, graph);
      this.add(null, current, RDF_FIRST, object, graph, null);
      const next: Term =
        i === items.length - 1 ? this.iri(RDF_NIL) : { termType: 'BlankNode', value: this.fresh() };
      this.add(null, current, RDF_REST, next, graph, null);
      current = next;
    });
    return head;
  }

  // jsonld `_objectToRDF` for a value object (no @json, no @direction: `expand.ts` refuses them).
  private literal(item: Expanded): Term {
    let value = item['@value'] as string | number | boolean;
    const datatype = (item['@type'] as string | undefined) ?? null;
    let lexical: string;
    let type: string;
    let language: string | undefined;
    if (typeof value === 'boolean') {
      lexical = value.toString();
      type = datatype ?? XSD_BOOLEAN;
    } else if (isDouble(value) || datatype === XSD_DOUBLE) {
      if (!isDouble(value)) value = Number.parseFloat(value as string);
      lexical = (value as number).toExponential(15).replace(/(\d)0*e\+?/, '$1E');
      type = datatype ?? XSD_DOUBLE;
    } else if (typeof value === 'number') {
      lexical = (value as number).toFixed(0);
      type = datatype ?? XSD_INTEGER;
    } else if ('@language' in item) {
      lexical = value;
      type = datatype ?? RDF_LANGSTRING;
      language = item['@language'] as string;
    } else {
      lexical = value;
      type = datatype ?? XSD_STRING;
    }
    const term: Term = {
      termType: 'Literal',
      value: lexical,
      datatype: this.iri(type),
    };
    if (language !== undefined) term.language = language;
    return term;
  }
}

// jsonld `util.compareValues` for value objects: same @value (===, so 1 and "1" differ), @type, @language.
function valueKey(item: Expanded): string {
  const v = item['@value'];
  return `v${typeof v}\u0001${String(v)}\u0001${(item['@type'] as string | undefined) ?? ''}\u0001${(item['@language'] as string | undefined) ?? ''}`;
}
