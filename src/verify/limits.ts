/** Input limits of the verifier. Every one can be raised by the caller. */
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
}

export const DEFAULT_LIMITS: Required<VerifyLimits> = Object.freeze({
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxProofs: 8,
  maxEndorsements: 16,
  maxStringLength: 1024 * 1024,
});

/**
 * Walks a parsed JSON value iteratively (no recursion, so 100,000 nested levels cannot blow the
 * stack) and returns the first limit it breaks, if any.
 */
export function exceedsLimits(value: unknown, limits: Required<VerifyLimits>): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let seen = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++seen > 1_000_000) return 'more than 1,000,000 values';
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength) return `a string longer than ${limits.maxStringLength} characters`;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) stack.push([child, depth + 1]);
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
