// Which code ran. credstack has two engines for the JSON-LD work of a Data Integrity proof: its own
// (a specialised expansion over the bundled contexts, quad emission and RDFC-1.0 in fast/,
// a direct proof check in proof/data-integrity/fast.ts) and the reference stack (jsonld.js + rdf-canonize +
// jsonld-signatures and the @digitalbazaar suites). The own engine takes only what it reproduces
// byte for byte; anything else is handed to the reference. A handover is never an error — the
// output is the same — but it is slower, and a newcomer debugging a verdict needs to know which code
// decided. So the fast path says why it did not take a step (a Fallback), canonize.ts and
// proof/data-integrity/verify.ts (the only places that choose) record it on the verification's
// EngineTrace, and the result carries the report. `engine: 'reference'` skips credstack's engine altogether.

/**
 * credstack's own fast path, or the reference stack (jsonld.js, rdf-canonize, jsonld-signatures).
 * @example
 * ```ts
 * import { type Engine, verifyCredential } from 'credstack'
 * const proof: Engine | 'both' | undefined = (await verifyCredential(badge)).engine?.proof
 * ```
 */
export type Engine = 'credstack' | 'reference';

/**
 * `auto`: credstack's engine where it applies, the reference elsewhere. `reference`: the reference only.
 * @example
 * ```ts
 * import { type EngineMode, verifyCredential } from 'credstack'
 * const engine: EngineMode = 'reference'
 * const result = await verifyCredential(badge, { engine })
 * ```
 */
export type EngineMode = 'auto' | 'reference';

/**
 * JSON-LD expansion (the safe-mode check), RDFC-1.0 canonicalization, or the proof check itself.
 * @example
 * ```ts
 * import { type EngineStep, verifyCredential } from 'credstack'
 * const steps: EngineStep[] = (await verifyCredential(badge)).engine?.fallbacks.map((f) => f.step) ?? []
 * ```
 */
export type EngineStep = 'expand' | 'canonicalize' | 'proof';

/**
 * Why a step went to the reference stack:
 * - `CONTEXT_NOT_BUNDLED`: a context URL the document loader does not serve as the bundled document;
 * - `CONTEXT_UNPROCESSED`: a context the fast path could not process itself (jsonld.js reports why);
 * - `JSONLD_UNSUPPORTED`: a JSON-LD feature outside the fast subset (`detail` names it);
 * - `RDFC_ERROR`: RDFC-1.0 failed on the fast path (the reference reports its own error);
 * - `PROOF_PURPOSE`: a custom proof purpose (a presentation's challenge and domain);
 * - `PROOF_SUITE`: a suite the fast check does not implement (legacy suites, ecdsa-sd-2023);
 * - `KEY_SHAPE`: a verification method shape it does not implement (a JWK, P-384, another context);
 * - `PROOF_VALUE_ENCODING`: a proofValue that is not base58btc of a 64-byte signature.
 *
 * @example
 * ```ts
 * import { type FallbackReason, verifyCredential } from 'credstack'
 * const reasons: FallbackReason[] = (await verifyCredential(badge)).engine?.fallbacks.map((f) => f.reason) ?? []
 * ```
 */
export type FallbackReason =
  | 'CONTEXT_NOT_BUNDLED'
  | 'CONTEXT_UNPROCESSED'
  | 'JSONLD_UNSUPPORTED'
  | 'RDFC_ERROR'
  | 'PROOF_PURPOSE'
  | 'PROOF_SUITE'
  | 'KEY_SHAPE'
  | 'PROOF_VALUE_ENCODING';

/**
 * One step credstack's engine handed to the reference stack.
 * @example
 * ```ts
 * import { type EngineFallback, verifyCredential } from 'credstack'
 * const [first]: EngineFallback[] = (await verifyCredential(badge)).engine?.fallbacks ?? []
 * if (first) console.log(`${first.step}: ${first.reason} ${first.detail ?? ''}`)
 * ```
 */
export interface EngineFallback {
  step: EngineStep;
  reason: FallbackReason;
  /** What exactly (a context URL, a JSON-LD feature, an error message), for people. */
  detail?: string;
}

/**
 * Which engine ran each step of one verification (`both` when one document of it fell back and
 * another did not), and every handover with its reason.
 * @example
 * ```ts
 * import { type EngineReport, verifyCredential } from 'credstack'
 * const { engine }: { engine?: EngineReport } = await verifyCredential(badge)
 * for (const f of engine?.fallbacks ?? []) console.log(f.step, f.reason, f.detail)
 * ```
 */
export interface EngineReport {
  mode: EngineMode;
  expand?: Engine | 'both';
  canonicalize?: Engine | 'both';
  proof?: Engine | 'both';
  fallbacks: EngineFallback[];
}

/** The mode an `engine` option asks for (default `auto`), or `undefined` when it is not a mode. */
export function engineModeOf(option: unknown): EngineMode | undefined {
  if (option === undefined) return 'auto';
  return option === 'auto' || option === 'reference' ? option : undefined;
}

/** What a fast step returns instead of its result when it hands the step to the reference. */
export class Fallback {
  constructor(
    readonly reason: FallbackReason,
    readonly detail?: string,
  ) {}
}

// A hostile document can make many handovers (one per proof, per context): the report keeps the
// first ones, which say why as well as a thousand would.
const MAX_FALLBACKS = 32;

/** The record of one verification's (or signature's) engine choices. */
export class EngineTrace {
  readonly mode: EngineMode;
  readonly #ran = new Map<EngineStep, Set<Engine>>();
  readonly #fallbacks: EngineFallback[] = [];

  constructor(mode: EngineMode = 'auto') {
    this.mode = mode;
  }

  /** Whether credstack's engine may take a step. */
  get fast(): boolean {
    return this.mode === 'auto';
  }

  /** Notes that `engine` ran `step`; with `fallback`, that credstack's engine handed it over and why. */
  ran(step: EngineStep, engine: Engine, fallback?: Fallback): void {
    let engines = this.#ran.get(step);
    if (engines === undefined) {
      engines = new Set();
      this.#ran.set(step, engines);
    }
    engines.add(engine);
    if (fallback !== undefined && this.#fallbacks.length < MAX_FALLBACKS) {
      this.#fallbacks.push(
        fallback.detail === undefined
          ? { step, reason: fallback.reason }
          : { step, reason: fallback.reason, detail: fallback.detail },
      );
    }
  }

  /**
   * Notes a step the reference ran because credstack's engine handed it over. Under
   * `engine: 'reference'` nothing was handed over (the mode says why), so no fallback is listed.
   */
  handedOver(step: EngineStep, fallback?: Fallback): void {
    this.ran(step, 'reference', this.fast ? fallback : undefined);
  }

  /** Adds what another verification recorded (one whose result is not returned on its own). */
  absorb(report: EngineReport): void {
    for (const step of ['expand', 'canonicalize', 'proof'] as const) {
      const engine = report[step];
      if (engine === undefined) continue;
      for (const e of engine === 'both' ? (['credstack', 'reference'] as const) : [engine]) this.ran(step, e);
    }
    for (const f of report.fallbacks) {
      if (this.#fallbacks.length >= MAX_FALLBACKS) break;
      this.#fallbacks.push({ ...f });
    }
  }

  /** Whether anything was recorded. */
  get empty(): boolean {
    return this.#ran.size === 0;
  }

  report(): EngineReport {
    const report: EngineReport = { mode: this.mode, fallbacks: [...this.#fallbacks] };
    for (const [step, engines] of this.#ran) {
      report[step] = engines.size > 1 ? 'both' : [...engines][0];
    }
    return report;
  }
}
