// The offer store in PostgreSQL, in the database of the status lists: service instances behind
// one load balancer share their offers, so a wallet's token request may reach another instance
// than its offer did. The same contract as the SQLite store; each state change is one
// conditional UPDATE, which PostgreSQL applies to one row at a time, so an offer is redeemed
// once across every instance.
import { CredstackError } from '../../errors.js';
import type { JsonObject } from '../../lib/json.js';
import { createPool, type PgPool, parsePostgresUrl, postgresError } from '../../status/store/postgres.js';
import {
  digest,
  newOfferRow,
  OFFER_COLUMNS,
  type OfferState,
  type OfferStore,
  rowToOffer,
  secret,
  offerTablesDdl,
  TX_CODE_TRIES,
  txCodeVerdict,
} from './offers.js';

const SCHEMA = offerTablesDdl({ offers: 'credstack_offers', nonces: 'credstack_offer_nonces' }, 'BIGINT');

/**
 * Opens (creating its tables when missing) the offer store in the PostgreSQL database at `url`
 * (a `postgres://` URL; the password is never shown in errors). Throws `ERR_STATUS_CONNECT`
 * when the server refuses or cannot be reached, `ERR_STATUS_STORE` otherwise.
 *
 * Exported from `credstack/serve`.
 * @example
 * ```ts
 * import { openPostgresOfferStore } from 'credstack/serve'
 * const offers = await openPostgresOfferStore('postgres://credstack@db.internal/badges')
 * ```
 */
export async function openPostgresOfferStore(url: string, now: () => number = Date.now): Promise<OfferStore> {
  const { connectionString, shown } = parsePostgresUrl(url);
  const pool: PgPool = createPool(connectionString, { poolSize: 4 });
  const run = async (text: string, params: unknown[] = []) => {
    try {
      return await pool.query(text, params);
    } catch (error) {
      throw postgresError(shown, error);
    }
  };
  try {
    // CREATE TABLE IF NOT EXISTS races between instances starting together: serialise it.
    await run(`BEGIN; SELECT pg_advisory_xact_lock(hashtext('credstack_offers_schema')); ${SCHEMA} COMMIT;`);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const one = async (text: string, params: unknown[]) => (await run(text, params)).rows[0];
  const changed = async (text: string, params: unknown[]) => (await run(text, params)).rowCount === 1;

  return {
    async create(input) {
      const row = newOfferRow(input, now());
      const placeholders = row.values.map((_, i) => `$${i + 1}`).join(', ');
      const inserted = await one(
        `INSERT INTO credstack_offers (${OFFER_COLUMNS}) VALUES (${placeholders}) RETURNING *`,
        row.values,
      );
      if (!inserted)
        throw new CredstackError('ERR_STATUS_STORE', `offer store ${shown}: the offer was not stored`);
      return {
        offer: rowToOffer(inserted),
        preAuthorizedCode: row.preAuthorizedCode,
        ...(row.txCode ? { txCode: row.txCode } : {}),
      };
    },
    async get(id) {
      const row = await one('SELECT * FROM credstack_offers WHERE id = $1', [id]);
      return row ? rowToOffer(row) : undefined;
    },
    async rotatePreAuthorizedCode(id) {
      const code = secret();
      const rotated = await changed(
        "UPDATE credstack_offers SET pre_code_hash = $1 WHERE id = $2 AND state = 'offered' AND expires_at > $3",
        [digest(code), id, now()],
      );
      return rotated ? code : undefined;
    },
    async byPreAuthorizedCode(code) {
      const row = await one('SELECT * FROM credstack_offers WHERE pre_code_hash = $1', [digest(code)]);
      return row ? rowToOffer(row) : undefined;
    },
    async checkTxCode(id, txCode) {
      const row = await one('SELECT * FROM credstack_offers WHERE id = $1', [id]);
      if (!row || (row.tx_failures as number) >= TX_CODE_TRIES) return 'burnt';
      const verdict = txCodeVerdict(row, txCode);
      if (verdict !== 'count') return verdict;
      // The increment and the burn in one statement: racing guesses on several instances all count.
      const counted = await one(
        `UPDATE credstack_offers SET tx_failures = tx_failures + 1,
           state = CASE WHEN tx_failures + 1 >= $2 THEN 'issued' ELSE state END,
           expires_at = CASE WHEN tx_failures + 1 >= $2 THEN 0 ELSE expires_at END
         WHERE id = $1 RETURNING tx_failures`,
        [id, TX_CODE_TRIES],
      );
      return counted && (counted.tx_failures as number) < TX_CODE_TRIES ? 'wrong' : 'burnt';
    },
    async grantToken(id, accessToken, cNonce, nonceExpiresAt) {
      return changed(
        "UPDATE credstack_offers SET state = 'token', access_token_hash = $1, c_nonce = $2, nonce_expires_at = $3 WHERE id = $4 AND state = 'offered' AND expires_at > $5",
        [digest(accessToken), cNonce, nonceExpiresAt, id, now()],
      );
    },
    async byAccessToken(token) {
      const row = await one('SELECT * FROM credstack_offers WHERE access_token_hash = $1', [digest(token)]);
      if (!row) return undefined;
      return {
        offer: rowToOffer(row),
        cNonce: row.c_nonce as string,
        nonceExpiresAt: Number(row.nonce_expires_at),
      };
    },
    async claim(id, from: OfferState) {
      return changed(
        "UPDATE credstack_offers SET state = 'claimed' WHERE id = $1 AND state = $2 AND expires_at > $3",
        [id, from, now()],
      );
    },
    async release(id, to) {
      await run("UPDATE credstack_offers SET state = $1 WHERE id = $2 AND state = 'claimed'", [to, id]);
    },
    async complete(id, holder, credentialId) {
      await run(
        "UPDATE credstack_offers SET state = 'issued', holder = $1, credential_id = $2, access_token_hash = NULL WHERE id = $3 AND state = 'claimed'",
        [holder, credentialId ?? null, id],
      );
    },
    async deliver(id, signed: JsonObject | string, credentialId) {
      await run(
        "UPDATE credstack_offers SET state = 'issued', holder = 'direct', signed = $1, credential_id = $2 WHERE id = $3 AND state = 'claimed'",
        [JSON.stringify(signed), credentialId ?? null, id],
      );
    },
    async createNonce(expiresIn) {
      await run('DELETE FROM credstack_offer_nonces WHERE expires_at <= $1', [now()]);
      const nonce = secret(24);
      const expiresAt = now() + expiresIn * 1000;
      await run('INSERT INTO credstack_offer_nonces (nonce, expires_at) VALUES ($1, $2)', [nonce, expiresAt]);
      return { nonce, expiresAt };
    },
    async consumeNonce(nonce) {
      return changed('DELETE FROM credstack_offer_nonces WHERE nonce = $1 AND expires_at > $2', [
        nonce,
        now(),
      ]);
    },
    async close() {
      await pool.end();
    },
  };
}
