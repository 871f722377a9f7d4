import { CredstackError, describeValue } from '../errors.js';
import { pointerOf, type WalkFrame } from './json.js';

/**
 * Input limits of the verifier. Every one can be raised by the caller.
 * @example
 * ```ts
 * import { type VerifyLimits, verifyCredential } from 'credstack'
 * const limits: VerifyLimits = { maxBytes: 256_000, maxDepth: 32 }
 * const result = await verifyCredential(jwt, { limits })
 * ```
 */
export interface VerifyLimits {
  /** Maximum input size in bytes (JSON text, JWT, or image). Default 5 MiB. */
  maxBytes?: number;
  /** Maximum nesting depth of the credential JSON. Default 64. */
  maxDepth?: number;
  /** Maximum number of proofs on one credential. Default 8. */
  maxProofs?: number;
  /** Maximum embedded endorsements checked. Default 16. */
  maxEndorsements?: number;
  /** Maximum length of any single string value. Default 1 MiB. */
  maxStringLength?: number;
  /** Maximum number of JSON values (objects, arrays, strings, numbers…) in the credential. Default 1,000,000. */
  maxValues?: number;
  /**
   * RDF canonicalization (RDFC-1.0) work one credential's proofs may spend together, in steps per
   * JSON value of the credential (at least 4,096 values' worth). Blank nodes that hashing cannot
   * tell apart make RDFC-1.0 super-linear; past this the proof check is `indeterminate`
   * (PROOF_CANONICALIZATION_LIMIT). Default 8.
   */
  canonicalizationWorkFactor?: number;
  /** Maximum number of blank nodes in one canonicalized document. Default 50,000. */
  maxBlankNodes?: number;
}

/**
 * The verifier's default input limits (see README "Limits and defaults"). Pass `limits` to
 * `verifyCredential` to change one; the others keep these values.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { DEFAULT_LIMITS, verifyCredential } from 'credstack/verify'
 * DEFAULT_LIMITS.maxBytes // 5242880 (5 MiB)
 * await verifyCredential(bigBakedPng, { limits: { maxBytes: 2 * DEFAULT_LIMITS.maxBytes } })
 * ```
 */
export const DEFAULT_LIMITS: Required<VerifyLimits> = Object.freeze({
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxProofs: 8,
  maxEndorsements: 16,
  maxStringLength: 1024 * 1024,
  maxValues: 1_000_000,
  canonicalizationWorkFactor: 8,
  maxBlankNodes: 50_000,
});

/**
 * The caller's limits over {@link DEFAULT_LIMITS}. A limit left `undefined` keeps its default; one
 * that is not a positive integer (or `Infinity`) is refused, because `{ ...DEFAULT_LIMITS, ...limits }`
 * with `maxDepth: undefined` or `NaN` would silently switch that guard off.
 */
export function resolveLimits(limits: unknown): Required<VerifyLimits> {
  const out: Required<VerifyLimits> = { ...DEFAULT_LIMITS };
  if (limits === undefined || limits === null) return out;
  if (typeof limits !== 'object') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `options.limits must be an object, got ${describeValue(limits)}`,
    );
  }
  for (const name of Object.keys(DEFAULT_LIMITS) as Array<keyof VerifyLimits>) {
    const value = (limits as VerifyLimits)[name];
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !(value > 0) ||
      !(Number.isInteger(value) || value === Number.POSITIVE_INFINITY)
    ) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `options.limits.${name} must be a positive integer, got ${describeValue(value)}`,
      );
    }
    out[name] = value;
  }
  return out;
}

/**
 * Walks a parsed JSON value iteratively (no recursion, so 100,000 nested levels cannot blow the
 * stack) and returns the first limit it breaks, if any.
 */
export function exceedsLimits(value: unknown, limits: Required<VerifyLimits>): string | undefined {
  // Two parallel stacks rather than a [value, depth] pair per value: this walk visits every value
  // of every credential verified.
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  let seen = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (++seen > limits.maxValues) return `more than ${limits.maxValues.toLocaleString('en-US')} values`;
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength)
        return `a string longer than ${limits.maxStringLength} characters`;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        nodes.push(node[i]);
        depths.push(depth + 1);
      }
    } else {
      for (const key of Object.keys(node)) {
        nodes.push((node as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

// A lone UTF-16 surrogate is not Unicode text: UTF-8 encoding (for hashing or signing) turns every
// one of them into U+FFFD, so "\uD800", "\uDC00" and "\uFFFD" would all carry one signature and a
// verified credential could show text its issuer never signed. (In `u` mode a valid pair is one
// code point, so only unpaired halves match.)
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first string or property name the verifier cannot sign-check faithfully, with its JSON
 * pointer: a lone UTF-16 surrogate, or an own `__proto__` property (JSON.parse makes one; jsonld.js
 * skips it silently even in safe mode, so it would ride along unsigned, and `Object.assign` or a
 * naive merge by the caller would turn it into the prototype of their copy). Iterative, like
 * {@link exceedsLimits}, which must have run first (it bounds the walk).
 */
export function findUnsafeText(value: unknown): { path: string; problem: string } | undefined {
  // The JSON pointer of a value is only needed for the one that is reported: each frame holds its
  // parent and key, and the pointer is spelled out then. Strings are checked where they are met,
  // in their parent's frame, so only objects and arrays get a frame of their own.
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value) ? { path: '/', problem: SURROGATE } : undefined;
  const stack: WalkFrame[] = [{ node: value, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const unsafe = visitChild(stack, frame, i, node[i]);
        if (unsafe !== undefined) return unsafe;
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key === '__proto__') {
        return {
          path: pointerOf({ node: undefined, parent: frame, key }),
          problem: 'a "__proto__" property (JSON-LD processors skip it: it would not be signed)',
        };
      }
      if (LONE_SURROGATE.test(key)) {
        return {
          path: pointerOf({ node: undefined, parent: frame, key }),
          problem: 'a property name with a lone UTF-16 surrogate',
        };
      }
      const unsafe = visitChild(stack, frame, key, (node as Record<string, unknown>)[key]);
      if (unsafe !== undefined) return unsafe;
    }
  }
  return undefined;
}

const SURROGATE = 'a string with a lone UTF-16 surrogate (it would sign like U+FFFD)';

/** {@link findUnsafeText}'s step for one child: a string is checked now, an object or array pushed. */
function visitChild(
  stack: WalkFrame[],
  parent: WalkFrame,
  key: string | number, // an array index is spelled as a string only for a child that needs it
  child: unknown,
): { path: string; problem: string } | undefined {
  if (typeof child === 'string') {
    if (LONE_SURROGATE.test(child))
      return { path: pointerOf({ node: child, parent, key: String(key) }), problem: SURROGATE };
  } else if (typeof child === 'object' && child !== null) {
    stack.push({ node: child, parent, key: String(key) });
  }
  return undefined;
}

/**
 * Nesting depth of JSON text measured without parsing it (JSON.parse itself recurses and can
 * overflow on hostile input), ignoring brackets inside strings.
 */
export function jsonTextDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
