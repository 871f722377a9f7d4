// RDFC-1.0 canonicalization, by rdf-canonize's own code: the copy of its RDFC10 class in
// generated/rdf-canonize.js (see scripts/rdf-canonize-module.mjs for why a copy), run the way its
// `canonize(dataset, { algorithm: 'RDFC-1.0' })` runs it, with its default limits — and, when a
// verifier passes a {@link CanonicalizationBudget}, with that budget metering its work.
//
// Why a budget on top of rdf-canonize's own limit: `maxWorkFactor: 1` caps the *number* of Hash
// N-Degree Quads runs at the number of blank nodes first-degree hashing cannot tell apart, but not
// the cost of one run. Every run and every permutation it tries copies the identifier issuer it
// was given, and along a ring of n look-alike blank nodes (`"_:a" → "_:b" → … → "_:a"`) that issuer
// grows to n entries: n runs × n entries, quadratic (a 4,000-node ring is 4 s; a 1.2 MB credential
// 12 s, and once per proof). The budget charges what the algorithm really does — for each run the
// issuer it copies and the quads of its node, for every third permutation (where rdf-canonize reads
// its `signal`) three copies — against one allowance for the whole verification, so the total is
// linear in the input whatever the graph, and fails with ERR_CANONICALIZATION_LIMIT, never a
// timer.

import { CredstackError } from '../../errors.js';
import type { JsonObject } from '../../lib/json.js';
import { EngineTrace } from '../engine.js';
import { FastRDFC10 } from './rdfc10.js';
import type { Expanded } from '../fast/expand.js';
import type { Quad } from '../fast/to-rdf.js';

/**
 * The RDFC-1.0 work one verification may spend, shared by every canonicalization it runs (each
 * proof of a proof set, its proof configuration, the fast path and the reference path alike).
 * `work` is in steps of the N-degree algorithm (one identifier copied, one quad visited);
 * first-degree hashing and serialization are linear and not charged.
 */
export class CanonicalizationBudget {
  #remaining: number;
  readonly #results = new Map<unknown, Promise<unknown>>();
  #provided: ProvidedExpansion | undefined;
  readonly work: number;
  readonly maxBlankNodes: number;
  /** Which engine ran each canonicalization of this verification, and why (engine.ts). */
  readonly trace: EngineTrace;

  constructor(options: { work: number; maxBlankNodes: number; trace?: EngineTrace }) {
    this.work = options.work;
    this.#remaining = options.work;
    this.maxBlankNodes = options.maxBlankNodes;
    this.trace = options.trace ?? new EngineTrace();
  }

  /** Steps spent so far. */
  get spent(): number {
    return this.work - this.#remaining;
  }

  /** Whether the allowance is spent: a further canonicalization fails before it starts. */
  get exhausted(): boolean {
    return this.#remaining < 0;
  }

  /** Spends `steps`; throws ERR_CANONICALIZATION_LIMIT once the allowance is spent. */
  charge(steps: number): void {
    this.#remaining -= steps;
    if (this.#remaining < 0) throw this.error();
  }

  /**
   * The canonical form of the document `key` stands for (its JSON text, or the document handed
   * over with {@link provideExpansion}), computed once per verification: every proof of a proof
   * set signs the same unsecured document, so it is canonicalized once, not once per proof (a
   * failure is remembered too).
   */
  memo<T>(key: string | JsonObject, compute: () => Promise<T>): Promise<T> {
    let result = this.#results.get(key) as Promise<T> | undefined;
    if (result === undefined) {
      result = compute();
      this.#results.set(key, result);
    }
    return result;
  }

  /**
   * Hands over `expanded`, the expanded form of `document` made by the verifier's JSON-LD check of
   * the whole credential (`expandWithUnsecured`), so that canonicalizing that document does not
   * expand it again. The caller vouches that nothing changes `document` or anything in it while
   * the budget is in use: the verifier works on its own copy of its input (`copyJson`), which no
   * one else holds and which it never changes.
   */
  provideExpansion(document: JsonObject, expanded: Expanded): void {
    this.#provided = { document, expanded };
  }

  /**
   * The expansion handed over, when `document` is the document it was made from or a shallow copy
   * of it (each proof check spreads the credential without its `proof` anew): the same keys, in
   * the same order, holding the very same values. Anything else, even with equal JSON, is
   * canonicalized on its own.
   */
  expansionOf(document: JsonObject): ProvidedExpansion | undefined {
    const provided = this.#provided;
    if (provided === undefined) return undefined;
    if (provided.document === document) return provided;
    const keys = Object.keys(document);
    const own = Object.keys(provided.document);
    if (keys.length !== own.length) return undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (key !== own[i] || document[key] !== provided.document[key]) return undefined;
    }
    return provided;
  }

  /** Refuses a dataset with more blank nodes than the budget allows. */
  admit(dataset: readonly Quad[]): void {
    if (this.exhausted) throw this.error();
    const blank = new Set<string>();
    for (const quad of dataset) {
      if (quad.subject.termType === 'BlankNode') blank.add(quad.subject.value);
      if (quad.object.termType === 'BlankNode') blank.add(quad.object.value);
      if (quad.graph.termType === 'BlankNode') blank.add(quad.graph.value);
    }
    if (blank.size > this.maxBlankNodes) {
      throw new CredstackError(
        'ERR_CANONICALIZATION_LIMIT',
        `RDF canonicalization refused: ${blank.size} blank nodes, more than the ${this.maxBlankNodes} allowed (limits.maxBlankNodes)`,
        { details: { limit: 'maxBlankNodes', blankNodes: blank.size, maxBlankNodes: this.maxBlankNodes } },
      );
    }
  }

  error(): CredstackError {
    return new CredstackError(
      'ERR_CANONICALIZATION_LIMIT',
      `RDF canonicalization stopped: blank nodes that hashing cannot tell apart need more than the ${this.work} steps this input allows (limits.canonicalizationWorkFactor)`,
      { details: { limit: 'canonicalizationWorkFactor', work: this.work } },
    );
  }
}

/** An expansion handed to a budget with the document it is the expanded form of. */
export interface ProvidedExpansion {
  readonly document: JsonObject;
  readonly expanded: Expanded;
}

// The parts of rdf-canonize's RDFC10 the meter reads (its own field and method names).
interface IdentifierIssuer {
  _existing: Map<string, string>;
}
interface Rdfc10 {
  main(dataset: Quad[]): Promise<string>;
  hashNDegreeQuads(id: string, issuer: IdentifierIssuer): Promise<unknown>;
  blankNodeInfo: Map<string, { quads: Set<unknown> }>;
  remainingDeepIterations: number;
  maxDeepIterations: number;
}
const Base = FastRDFC10 as unknown as new (options: Record<string, unknown>) => Rdfc10;

// Steps in the cost of one identifier copied: a Hash N-Degree Quads run costs about 32 of them
// besides its copies (a digest, a map, promises), and each quad of its node about 8 (a digest of
// the related blank node). Measured in Node 20: ~1.6 steps per microsecond on hostile graphs.
const RUN_STEPS = 32;
const QUAD_STEPS = 8;

/** rdf-canonize reads `signal.aborted` every third permutation: each read pays for three issuer copies. */
class PermutationMeter {
  issuerSize = 1;
  constructor(private readonly budget: CanonicalizationBudget) {}
  get aborted(): boolean {
    this.budget.charge(3 * (this.issuerSize + QUAD_STEPS));
    return false;
  }
  readonly reason = 'canonicalization budget';
}

class MeteredRDFC10 extends Base {
  readonly #budget: CanonicalizationBudget;
  readonly #permutations: PermutationMeter;

  constructor(budget: CanonicalizationBudget, messageDigestAlgorithm = 'sha256') {
    const permutations = new PermutationMeter(budget);
    super({ signal: permutations, messageDigestAlgorithm });
    this.#budget = budget;
    this.#permutations = permutations;
  }

  override async main(dataset: Quad[]): Promise<string> {
    this.#budget.admit(dataset);
    return super.main(dataset);
  }

  override async hashNDegreeQuads(id: string, issuer: IdentifierIssuer): Promise<unknown> {
    // rdf-canonize's own limit (maxWorkFactor 1), reported with the budget's code rather than as
    // its message: the same resource bound, and decisions switch on codes
    if (this.remainingDeepIterations === 0) {
      throw new CredstackError(
        'ERR_CANONICALIZATION_LIMIT',
        `RDF canonicalization stopped: blank nodes that hashing cannot tell apart need more than the ${this.maxDeepIterations} Hash N-Degree Quads runs RDFC-1.0 allows for them (rdf-canonize's maxWorkFactor 1)`,
        { details: { limit: 'maxDeepIterations', maxDeepIterations: this.maxDeepIterations } },
      );
    }
    const size = issuer._existing.size + 1;
    this.#permutations.issuerSize = size;
    // rdf-canonize keeps a node's quads in a Set (read as `.length`, they went uncharged)
    const quads = this.blankNodeInfo.get(id)?.quads.size ?? 0;
    this.#budget.charge(RUN_STEPS + size + QUAD_STEPS * quads);
    return super.hashNDegreeQuads(id, issuer);
  }
}

/**
 * RDFC-1.0 canonical N-Quads of `dataset`: exactly rdf-canonize's, with its default limits; with a
 * `budget`, metered by it as well (ERR_CANONICALIZATION_LIMIT past it, or past rdf-canonize's own
 * limit), hashing with `messageDigestAlgorithm` (rdf-canonize's option; ecdsa-rdfc-2019 with P-384
 * asks for SHA-384).
 */
export async function canonizeDataset(
  dataset: Quad[],
  budget?: CanonicalizationBudget,
  messageDigestAlgorithm?: string,
): Promise<string> {
  return (await canonizeDatasetInPieces(dataset, budget, messageDigestAlgorithm)).nquads;
}

/** Canonical N-Quads, and the pieces they were joined from when the fast main algorithm made them. */
export interface CanonicalNQuads {
  nquads: string;
  /**
   * `nquads` in pieces of whole lines (FastRDFC10.chunks), when credstack's RDFC-1.0 made it: what
   * `digest` hashes without joining them into one large string.
   */
  chunks?: readonly string[];
}

/** {@link canonizeDataset}, with the output's pieces when there are any. */
export async function canonizeDatasetInPieces(
  dataset: Quad[],
  budget?: CanonicalizationBudget,
  messageDigestAlgorithm?: string,
): Promise<CanonicalNQuads> {
  const rdfc = budget === undefined ? new FastRDFC10({}) : new MeteredRDFC10(budget, messageDigestAlgorithm);
  const nquads = await rdfc.main(dataset);
  const { chunks } = rdfc as unknown as FastRDFC10;
  return chunks ? { nquads, chunks } : { nquads };
}

/**
 * The budget for verifying `document`: `workFactor` steps per JSON value in it (at least
 * `workFactor` × 4,096, so that small credentials are never near it), so it scales with the input.
 */
export function budgetFor(
  document: unknown,
  limits: { canonicalizationWorkFactor: number; maxBlankNodes: number },
  trace?: EngineTrace,
): CanonicalizationBudget {
  let values = 0;
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    values++;
    if (typeof node === 'object' && node !== null) {
      for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push(child);
    }
  }
  return new CanonicalizationBudget({
    work: limits.canonicalizationWorkFactor * Math.max(values, MIN_VALUES),
    maxBlankNodes: limits.maxBlankNodes,
    ...(trace ? { trace } : {}),
  });
}
const MIN_VALUES = 4096;
