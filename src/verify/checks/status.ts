import { isCredstackError } from '../../errors.js';
import { asArray, isObject, type JsonObject, idOf } from '../../lib/json.js';
import { messageOf } from '../../proof/data-integrity/common.js';
import type { Resolver } from '../resolve.js';
import { type Check, failed, passed, type VerificationResult } from '../result.js';

export interface StatusContext {
  resolver: Resolver;
  /** Verifies a status list credential (proof, dates; no status of its own). */
  verifyList: (list: unknown) => Promise<VerificationResult>;
  /**
   * The verification time: the list's validity window is judged at the caller's `now` (strictly,
   * after `verifyList` dated it with the tolerance), never at the machine clock.
   */
  now?: Date;
}

function unreachable(error: unknown, url: string, path: string): Check {
  const code = isCredstackError(error) ? error.code : 'ERR_UNKNOWN';
  return failed(
    'status',
    'STATUS_UNAVAILABLE',
    `Cannot get the status list ${url} (${code}): ${messageOf(error)}`,
    {
      path,
      verdict: 'indeterminate',
    },
  );
}

/** The status document at `url` through the resolver, or the check that says why there is none. */
async function fetchList(
  ctx: StatusContext,
  url: unknown,
  missing: string,
  path: string,
): Promise<{ list: unknown } | { check: Check }> {
  if (typeof url !== 'string' || url === '')
    return { check: failed('status', 'STATUS_MALFORMED', missing, { path }) };
  try {
    return { list: await ctx.resolver.get(url) };
  } catch (error) {
    return { check: unreachable(error, url, path) };
  }
}

/**
 * Checks each `credentialStatus` entry: BitstringStatusListEntry and StatusList2021Entry (the
 * list credential is verified and must come from the credential's issuer) and
 * 1EdTechRevocationList. A list that cannot be had or trusted makes the verdict indeterminate.
 */
export async function checkCredentialStatus(credential: JsonObject, ctx: StatusContext): Promise<Check[]> {
  // The list decoders (gzip, bitstrings) load only for credentials that have a status to check.
  const { checkRevocationList, checkStatusEntry } = await import('../../status/index.js');
  const entries = asArray(credential.credentialStatus);
  const checks: Check[] = [];
  const single = !Array.isArray(credential.credentialStatus);
  const issuerId = idOf(credential.issuer);
  for (const [i, entry] of entries.entries()) {
    const path = single ? '/credentialStatus' : `/credentialStatus/${i}`;
    if (!isObject(entry)) {
      checks.push(failed('status', 'STATUS_MALFORMED', 'credentialStatus must be an object', { path }));
      continue;
    }
    const type = asArray(entry.type);
    if (type.includes('1EdTechRevocationList')) {
      const got = await fetchList(ctx, entry.id, '1EdTechRevocationList entry has no id', path);
      checks.push(
        'check' in got ? got.check : toCheck(checkRevocationList(String(credential.id), got.list), path),
      );
      continue;
    }
    if (type.includes('BitstringStatusListEntry') || type.includes('StatusList2021Entry')) {
      const url = entry.statusListCredential;
      const got = await fetchList(ctx, url, 'The status entry has no statusListCredential', path);
      if ('check' in got) {
        checks.push(got.check);
        continue;
      }
      const listResult = await ctx.verifyList(got.list);
      if (!listResult.verified) {
        const reason = listResult.checks.find((c) => c.status === 'failed');
        checks.push(
          failed(
            'status',
            'STATUS_LIST_UNVERIFIED',
            `The status list ${url} does not verify: ${reason?.message ?? listResult.verdict}`,
            {
              path,
              verdict: 'indeterminate',
            },
          ),
        );
        continue;
      }
      if (listResult.issuer !== issuerId) {
        checks.push(
          failed(
            'status',
            'STATUS_LIST_ISSUER_MISMATCH',
            `The status list ${url} is issued by ${String(listResult.issuer)}, not by the credential's issuer ${String(issuerId)}`,
            {
              path,
              verdict: 'indeterminate',
            },
          ),
        );
        continue;
      }
      const options = ctx.now ? { now: ctx.now } : {};
      const result = checkStatusEntry(entry, listResult.credential, options);
      if (result.code === 'STATUS_LIST_TOO_SHORT') {
        // BSL v1.0 §2.1 asks for at least 131,072 entries (herd privacy). A shorter list, signed
        // by the issuer, still says whether this credential is revoked: the rule is reported as a
        // conformance finding and the bit is read all the same.
        checks.push(failed('status', result.code, `The status list ${url}: ${result.message}`, { path }));
        checks.push(
          toCheck(checkStatusEntry(entry, listResult.credential, { ...options, minimumEntries: 0 }), path),
        );
        continue;
      }
      checks.push(toCheck(result, path));
      continue;
    }
    checks.push(
      failed(
        'status',
        'STATUS_TYPE_UNSUPPORTED',
        `Unsupported credentialStatus type ${JSON.stringify(entry.type)}`,
        {
          path,
          verdict: 'indeterminate',
        },
      ),
    );
  }
  return checks;
}

function toCheck(result: { status: string; code: string; message: string }, path: string): Check {
  if (result.status === 'ok') return passed('status', result.code, result.message, path);
  if (result.status === 'revoked')
    return failed('status', result.code, result.message, { path, verdict: 'revoked' });
  if (result.status === 'suspended')
    return failed('status', result.code, result.message, { path, verdict: 'suspended' });
  return failed('status', result.code, result.message, { path, verdict: 'indeterminate' });
}
