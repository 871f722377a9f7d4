import { asArray, isObject, type JsonObject, idOf } from '../../lib/json.js';
import { type Check, failed, passed, warning } from '../result.js';

function seconds(dateTime: unknown): number | undefined {
  if (typeof dateTime !== 'string') return undefined;
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * OB 3.0 §Verify a Credential (VC-JWT): `iss` = issuer.id, `jti` = id, `nbf` = validFrom,
 * `sub` = credentialSubject.id, `exp` = validUntil. A JWT whose claims disagree with the
 * credential it carries was assembled by someone else.
 */
export function checkJwtClaims(payload: JsonObject, credential: JsonObject, legacy: boolean): Check[] {
  const checks: Check[] = [];
  const issuerId = idOf(credential.issuer);
  if (typeof payload.iss !== 'string' || payload.iss !== issuerId) {
    checks.push(
      failed(
        'jwt-claims',
        'JWT_ISS_MISMATCH',
        `iss (${String(payload.iss)}) must equal issuer.id (${String(issuerId)})`,
      ),
    );
  }
  if (typeof credential.id === 'string' && payload.jti !== credential.id) {
    checks.push(
      failed(
        'jwt-claims',
        'JWT_JTI_MISMATCH',
        `jti (${String(payload.jti)}) must equal the credential id (${credential.id})`,
      ),
    );
  }
  const from = seconds(credential.validFrom ?? credential.issuanceDate);
  if (typeof payload.nbf !== 'number') {
    checks.push(failed('jwt-claims', 'JWT_NBF_MISSING', 'The nbf claim is required'));
  } else if (from !== undefined && payload.nbf !== from) {
    checks.push(
      failed('jwt-claims', 'JWT_NBF_MISMATCH', `nbf (${payload.nbf}) must equal validFrom (${from})`),
    );
  }
  const subject = asArray(credential.credentialSubject)[0];
  const subjectId = isObject(subject) ? idOf(subject.id) : undefined;
  if (subjectId !== undefined && payload.sub !== undefined && payload.sub !== subjectId) {
    checks.push(
      failed(
        'jwt-claims',
        'JWT_SUB_MISMATCH',
        `sub (${String(payload.sub)}) must equal credentialSubject.id (${subjectId})`,
      ),
    );
  }
  // OB 3.0 makes the issuer write `sub`, but a VCDM 2.0 payload *is* the signed credential, so its
  // absence hides nothing (the 1EdTech validator accepts such JWTs, e.g. its simple-jwt.png).
  if (subjectId !== undefined && payload.sub === undefined && !legacy) {
    checks.push(
      warning(
        'jwt-claims',
        'JWT_SUB_MISSING',
        `The sub claim is missing (OB 3.0 asks for sub = ${subjectId})`,
      ),
    );
  }
  const until = seconds(credential.validUntil ?? credential.expirationDate);
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') {
      checks.push(failed('jwt-claims', 'JWT_EXP_INVALID', 'exp must be a NumericDate'));
    } else if (until !== undefined && payload.exp !== until) {
      checks.push(
        failed('jwt-claims', 'JWT_EXP_MISMATCH', `exp (${payload.exp}) must equal validUntil (${until})`),
      );
    }
  } else if (until !== undefined) {
    checks.push(
      failed('jwt-claims', 'JWT_EXP_MISSING', 'The exp claim is required when the credential has validUntil'),
    );
  }
  if (!checks.some((c) => c.status === 'failed')) {
    checks.unshift(
      passed('jwt-claims', 'JWT_CLAIMS_OK', 'iss, jti, nbf, sub and exp agree with the credential'),
    );
  }
  return checks;
}

/** validFrom / validUntil (VCDM 1.1: issuanceDate / expirationDate) against `now`, with a tolerance. */
export function checkValidity(
  credential: JsonObject,
  now: Date,
  toleranceSeconds: number,
  jwtExp?: number,
  options: { validFromOptional?: boolean } = {},
): Check[] {
  const checks: Check[] = [];
  const fromKey = credential.validFrom !== undefined ? 'validFrom' : 'issuanceDate';
  const untilKey = credential.validUntil !== undefined ? 'validUntil' : 'expirationDate';
  const fromRaw = credential[fromKey];
  const untilRaw = credential[untilKey];
  const t = now.getTime();
  const tolerance = toleranceSeconds * 1000;
  if (fromRaw === undefined && options.validFromOptional) {
    // VCDM 2.0 §4.9: validFrom is optional; without it the credential is valid from any time.
  } else if (fromRaw === undefined) {
    checks.push(
      failed('validity', 'VALID_FROM_MISSING', 'The credential has neither validFrom nor issuanceDate', {
        path: '/validFrom',
      }),
    );
  } else {
    const from = typeof fromRaw === 'string' ? Date.parse(fromRaw) : Number.NaN;
    if (Number.isNaN(from)) {
      checks.push(
        failed('validity', 'DATE_INVALID', `${fromKey} is not a date-time: ${JSON.stringify(fromRaw)}`, {
          path: `/${fromKey}`,
        }),
      );
    } else if (from > t + tolerance) {
      checks.push(
        failed('validity', 'NOT_YET_VALID', `Not valid before ${String(fromRaw)}`, {
          path: `/${fromKey}`,
          verdict: 'not-yet-valid',
        }),
      );
    }
  }
  let until: number | undefined;
  if (untilRaw !== undefined) {
    until = typeof untilRaw === 'string' ? Date.parse(untilRaw) : Number.NaN;
    if (Number.isNaN(until)) {
      checks.push(
        failed('validity', 'DATE_INVALID', `${untilKey} is not a date-time: ${JSON.stringify(untilRaw)}`, {
          path: `/${untilKey}`,
        }),
      );
      until = undefined;
    }
  }
  if (until === undefined && jwtExp !== undefined) until = jwtExp * 1000;
  if (until !== undefined && until < t - tolerance) {
    checks.push(
      failed('validity', 'EXPIRED', `Expired at ${new Date(until).toISOString()}`, {
        path: `/${untilKey}`,
        verdict: 'expired',
      }),
    );
  }
  if (checks.length === 0) {
    checks.push(
      passed(
        'validity',
        'VALIDITY_OK',
        until === undefined
          ? 'Valid from its start date, with no expiry'
          : `Valid until ${new Date(until).toISOString()}`,
      ),
    );
  }
  return checks;
}
