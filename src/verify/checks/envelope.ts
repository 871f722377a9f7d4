import { BUNDLED_CONTEXTS } from '../../contexts/bundled.js';
import {
  CLR_CONTEXT_PATTERN,
  type DocumentLoader,
  OB_CONTEXT,
  OB_CONTEXT_PATTERN,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../../contexts/index.js';
import { asArray, type JsonObject, pointerOf, type WalkFrame } from '../../lib/json.js';
import { expandSafeShared } from '../../jsonld/canonize.js';
import type { EngineTrace } from '../../jsonld/engine.js';
import type { ProvidedExpansion } from '../../jsonld/rdfc/budget.js';
import { findUnsignedContent, pointerTo } from '../../jsonld/unsigned-content.js';
import { type Check, failed, passed, warning } from '../result.js';

/**
 * The kinds of credential the verifier knows.
 * @example
 * ```ts
 * import { type CredentialKindName, verifyCredential } from 'credstack'
 * const accept: CredentialKindName[] = ['OpenBadgeCredential']
 * const result = await verifyCredential(jwt, { accept })
 * ```
 */
export type CredentialKindName =
  /** Any VCDM 1.1 / 2.0 credential (the generic profile, `profile: 'vc'`); OB rules apply to OB types only. */
  | 'VerifiableCredential'
  | 'OpenBadgeCredential'
  | 'EndorsementCredential'
  | 'ClrCredential'
  | 'BitstringStatusListCredential'
  | 'StatusList2021Credential';

export function kindOf(credential: JsonObject): CredentialKindName | undefined {
  const types = asArray(credential.type);
  if (!types.includes('VerifiableCredential')) return undefined;
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
    return 'OpenBadgeCredential';
  if (types.includes('EndorsementCredential')) return 'EndorsementCredential';
  if (types.includes('ClrCredential')) return 'ClrCredential';
  if (types.includes('BitstringStatusListCredential')) return 'BitstringStatusListCredential';
  if (types.includes('StatusList2021Credential')) return 'StatusList2021Credential';
  return undefined;
}

/** VCDM 1.1 (legacy OB 3.0) or VCDM 2.0, by the first context. */
export function dataModelOf(credential: JsonObject): 1 | 2 | undefined {
  const first = asArray(credential['@context'])[0];
  if (first === VC_V2_CONTEXT) return 2;
  if (first === VC_V1_CONTEXT) return 1;
  return undefined;
}

export function checkType(credential: JsonObject, accept: readonly CredentialKindName[]): Check {
  const kind = kindOf(credential);
  if (kind && accept.includes(kind)) return passed('type', 'TYPE_OK', `Type ${kind}`);
  if (accept.includes('VerifiableCredential') && asArray(credential.type).includes('VerifiableCredential'))
    return passed('type', 'TYPE_OK', `Type ${JSON.stringify(credential.type)} (any Verifiable Credential)`);
  return failed(
    'type',
    'TYPE_UNKNOWN',
    `type must contain VerifiableCredential and one of ${accept.join(', ')}; got ${JSON.stringify(credential.type)}`,
    { path: '/type' },
  );
}

/**
 * OB 3.0 §Serialization: `@context` is an ordered set, VC context first, then the OB (or CLR)
 * context; every context must be one credstack holds (bundled or supplied): a credential cannot
 * bring its own vocabulary, and nothing is fetched.
 */
export function checkContext(
  credential: JsonObject,
  kind: CredentialKindName | undefined,
  known: (url: string) => boolean,
  options: { allowInline?: boolean } = {},
): Check[] {
  const allowInline = options.allowInline === true;
  const raw = credential['@context'];
  const contexts = asArray(raw);
  const checks: Check[] = [];
  if (contexts.length === 0) {
    return [failed('context', 'CONTEXT_MISSING', '@context is missing', { path: '/@context' })];
  }
  const model = dataModelOf(credential);
  if (!model) {
    return [
      failed(
        'context',
        'CONTEXT_ORDER',
        `The first @context must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT}), got ${JSON.stringify(contexts[0])}`,
        {
          path: '/@context/0',
        },
      ),
    ];
  }
  let inline = 0;
  for (const [i, ctx] of contexts.entries()) {
    if (typeof ctx !== 'string' && allowInline && i > 0 && keywordsOnly(ctx)) inline++;
    else if (typeof ctx !== 'string') {
      checks.push(
        failed(
          'context',
          'CONTEXT_INLINE',
          allowInline
            ? 'Inline @context objects may set keywords only (such as @vocab): inline term definitions could rename signed statements'
            : 'Inline @context objects are refused: they could redefine terms under the signature',
          {
            path: `/@context/${i}`,
          },
        ),
      );
    } else if (!known(ctx)) {
      checks.push(
        failed(
          'context',
          'CONTEXT_UNKNOWN',
          `Unknown @context ${ctx}: not bundled, not supplied, and contexts are never fetched`,
          {
            path: `/@context/${i}`,
          },
        ),
      );
    }
  }
  const second = contexts[1];
  if (kind === 'OpenBadgeCredential' || kind === 'EndorsementCredential') {
    if (typeof second !== 'string' || !OB_CONTEXT_PATTERN.test(second)) {
      checks.push(
        failed(
          'context',
          'CONTEXT_ORDER',
          `The second @context must be the Open Badges 3.0 context (${OB_CONTEXT}), got ${JSON.stringify(second)}`,
          {
            path: '/@context/1',
          },
        ),
      );
    } else if (second !== OB_CONTEXT) {
      checks.push(
        warning('context', 'CONTEXT_OLD_VERSION', `Uses ${second}; current is ${OB_CONTEXT}`, '/@context/1'),
      );
    }
  } else if (kind === 'ClrCredential') {
    if (typeof second !== 'string' || !CLR_CONTEXT_PATTERN.test(second)) {
      checks.push(
        failed(
          'context',
          'CONTEXT_ORDER',
          `The second @context must be the CLR 2.0 context, got ${JSON.stringify(second)}`,
          {
            path: '/@context/1',
          },
        ),
      );
    }
  }
  checks.push(...checkNestedContexts(credential));
  if (inline > 0) {
    checks.push(
      passed(
        'context',
        'CONTEXT_INLINE_ACCEPTED',
        `${inline} inline @context object(s) with keywords only (such as @vocab) accepted`,
        '/@context',
      ),
    );
  }
  if (model === 1) {
    checks.push(
      warning(
        'context',
        'VCDM_1_1',
        'A VC Data Model 1.1 credential (legacy OB 3.0): accepted, but new credentials use VCDM 2.0',
        '/@context/0',
      ),
    );
  }
  if (!checks.some((c) => c.status === 'failed'))
    checks.unshift(passed('context', 'CONTEXT_OK', 'Contexts are known and in order'));
  return checks;
}

// The keywords an inline context may set in the generic profile. Data Integrity signs the RDF a
// document means, not its JSON: an inline context that defines terms lets the same signed
// statements be written under other JSON names (swap two terms' IRIs and their values, and the
// proof still verifies). With keywords only (`@vocab`), each JSON name maps to one IRI.
const INLINE_KEYWORDS = new Set(['@vocab', '@version', '@language', '@base', '@direction', '@protected']);

function keywordsOnly(ctx: unknown): boolean {
  return (
    typeof ctx === 'object' &&
    ctx !== null &&
    !Array.isArray(ctx) &&
    Object.keys(ctx).every((key) => INLINE_KEYWORDS.has(key))
  );
}

/**
 * A `@context` below the root may only open an embedded credential (a CLR's verifiableCredential,
 * an endorsement): URLs, the VC context first. Anything else is refused, because a nested context
 * rebinds terms for its subtree under the signature: with an unprotected context (OB 3.0.0/3.0.1,
 * which verifiers must still accept) an inline `{"name": <description's IRI>, "description":
 * <name's IRI>}` plus swapped values canonicalizes to the signed N-Quads, so a forged display
 * would verify. A proof may carry its suite's context by URL (VC Data Integrity allows
 * `proof.@context`; it is hashed into the proof configuration). Depth and size are bounded by the
 * input limits checked before.
 */
const PROOF_PATH = /\/proof(\/\d+)?$/;

function checkNestedContexts(credential: JsonObject): Check[] {
  const checks: Check[] = [];
  // Each frame holds its parent and key; a node's JSON pointer is spelled out only for a node
  // with a @context (the walk order is that of a stack of [node, pointer] pairs). Strings and
  // other scalars cannot hold a @context and are not pushed.
  const stack: WalkFrame[] = [];
  const root: WalkFrame = { node: credential, parent: undefined, key: '' };
  for (const key of Object.keys(credential)) {
    const child: unknown = credential[key];
    if (key !== '@context' && typeof child === 'object' && child !== null)
      stack.push({ node: child, parent: root, key });
  }
  while (stack.length > 0 && checks.length < 10) {
    const frame = stack.pop()!;
    const node = frame.node as object;
    if (!Array.isArray(node) && Object.hasOwn(node, '@context')) {
      const path = pointerOf(frame);
      const contexts = asArray((node as JsonObject)['@context']);
      const first = contexts[0];
      if (contexts.some((c) => typeof c !== 'string')) {
        checks.push(
          failed(
            'context',
            'CONTEXT_INLINE',
            'Inline @context objects are refused anywhere in the credential: they could redefine terms under the signature',
            { path: `${path}/@context` },
          ),
        );
      } else if (first !== VC_V2_CONTEXT && first !== VC_V1_CONTEXT && !PROOF_PATH.test(path)) {
        checks.push(
          failed(
            'context',
            'CONTEXT_NESTED',
            `A nested @context is only accepted on an embedded credential (${VC_V2_CONTEXT} first), got ${JSON.stringify(first)}`,
            { path: `${path}/@context` },
          ),
        );
      }
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (typeof child === 'object' && child !== null)
          stack.push({ node: child, parent: frame, key: String(i) });
      }
    } else {
      for (const key of Object.keys(node)) {
        const child: unknown = (node as Record<string, unknown>)[key];
        if (key !== '@context' && typeof child === 'object' && child !== null)
          stack.push({ node: child, parent: frame, key });
      }
    }
  }
  return checks;
}

/**
 * JSON-LD safe mode: every property and type must be defined by a context. Otherwise a property
 * could be added to a Data Integrity credential without breaking its signature (canonicalization
 * would drop it). And (`strict`, a Data Integrity credential) nothing that expansion keeps may lie
 * outside the RDF the proof signs — `@index`, blank node identifiers, numbers RDF rounds (see
 * jsonld/unsigned-content.ts) — because the verified credential returns it: refused with its
 * own code, not stripped, so that what `verified` vouches for is the JSON as given.
 */
export async function checkJsonLd(
  credential: JsonObject,
  documentLoader: DocumentLoader,
  strict: boolean,
  shared?: { unsecured?: ProvidedExpansion },
  trace?: EngineTrace,
): Promise<Check> {
  let expanded: unknown;
  try {
    // Same verdict as jsonld.expand in safe mode; the bundled contexts take a precomputed fast path.
    const result = await expandSafeShared(credential, documentLoader, trace);
    expanded = result.expanded;
    // what the proofs sign, expanded in passing: the proof check canonicalizes it without expanding
    if (shared && result.unsecured) shared.unsecured = result.unsecured;
  } catch (error) {
    const message = jsonLdMessage(error);
    if (!strict) return warning('jsonld', 'JSONLD_UNDEFINED_TERM', message);
    return failed('jsonld', 'JSONLD_UNDEFINED_TERM', message);
  }
  // A VC-JWT signs the bytes, so everything in it is signed; a Data Integrity proof signs RDF.
  const unsigned = strict ? findUnsignedContent(expanded) : undefined;
  if (unsigned) {
    const path = pointerTo(credential, unsigned);
    return failed('jsonld', unsigned.code, unsigned.message, path === undefined ? {} : { path });
  }
  return passed('jsonld', 'JSONLD_OK', 'Every term is defined by a context (JSON-LD safe mode)');
}

function jsonLdMessage(error: unknown): string {
  const e = error as {
    message?: string;
    details?: { event?: { details?: Record<string, unknown>; message?: string } };
  };
  const event = e?.details?.event;
  const details = event?.details ?? {};
  const term = details.property ?? details.term ?? details.type ?? details.value;
  if (term !== undefined) return `JSON-LD: ${event?.message ?? e.message} (${JSON.stringify(term)})`;
  return `JSON-LD: ${e?.message ?? String(error)}`;
}

export function isKnownContext(documents: ReadonlyMap<string, unknown>): (url: string) => boolean {
  // `has`, not `get`: knowing a URL is bundled does not need its document parsed
  return (url) => BUNDLED_CONTEXTS.has(url) || documents.has(url);
}
