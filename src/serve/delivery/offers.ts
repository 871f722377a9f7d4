// One-time credential offers and their protocol state, in SQLite (a file in the data dir, or
// memory for tests) or in PostgreSQL next to the status lists (offers-postgres.ts: several
// service instances share them). Every state change is one conditional UPDATE, so an offer is
// redeemed once whatever races (two wallets scanning one QR code, a replayed token request), and
// secrets (pre-authorized code, transaction code, access token) are kept as SHA-256 digests only.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CredstackError } from '../../errors.js';
import type { JsonObject } from '../../lib/json.js';
import { loadDriver } from '../../status/store/drivers.js';

/**
 * Where an offer is in its life: offered → token (OpenID4VCI) → claimed (signing) → issued.
 * @example
 * ```ts
 * const state: OfferState = 'offered'
 * ```
 */
export type OfferState = 'offered' | 'token' | 'claimed' | 'issued';

/**
 * One offer as stored.
 * @example
 * ```ts
 * const offer: Offer | undefined = await offers.get(id)
 * ```
 */
export interface Offer {
  id: string;
  /** The issuer's DID or URL (the instances of this controller sign it). */
  issuer: string;
  /** The unsigned credential; its subject id is set from the holder's proven key. */
  credential: JsonObject;
  state: OfferState;
  /** The VC-API exchange's challenge (also the LCW deep link's). */
  challenge: string;
  /** Whether a transaction code (PIN) is required. */
  txCode: boolean;
  /** Allocate a status slot of this purpose when signing. */
  statusPurpose?: 'revocation' | 'suspension';
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** The holder the credential was issued to. */
  holder?: string;
  /** The id of the credential issued. */
  credentialId?: string;
  /** The badge image to bake for direct delivery (a data: URL of a PNG or SVG). */
  image?: string;
  /** The credential as signed for direct delivery (a JSON object, or a VC-JWT). */
  signed?: JsonObject | string;
}

/** The SHA-256 digest a secret is stored as. */
export const digest = (value: string) => createHash('sha256').update(value).digest('base64url');
/** A random URL-safe secret of `bytes` bytes. */
export const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');

interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Record<string, unknown>[];
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  close(): void;
}

/**
 * What a new offer is made of.
 * @example
 * ```ts
 * const input: NewOffer = { issuer: 'did:key:z6Mk…', credential, expiresIn: 600, txCode: true }
 * ```
 */
export interface NewOffer {
  issuer: string;
  credential: JsonObject;
  /** Seconds. */
  expiresIn: number;
  txCode?: boolean;
  statusPurpose?: 'revocation' | 'suspension';
  image?: string;
}

/**
 * The offer store of `credstack serve`: SQLite ({@link openOfferStore}) or PostgreSQL
 * (`openPostgresOfferStore`), the same contract.
 * @example
 * ```ts
 * const offers = openOfferStore(':memory:')
 * const { offer, preAuthorizedCode } = await offers.create({ issuer, credential, expiresIn: 600 })
 * ```
 */
export interface OfferStore {
  /** A new offer; the secrets are returned once and stored as digests. */
  create(input: NewOffer): Promise<{ offer: Offer; preAuthorizedCode: string; txCode?: string }>;
  get(id: string): Promise<Offer | undefined>;
  /**
   * A new pre-authorized code for an offer still offered (the old one stops working): the code
   * is only stored as a digest, so the offer's URL mints it when a wallet fetches the offer.
   */
  rotatePreAuthorizedCode(id: string): Promise<string | undefined>;
  /** The offer of a pre-authorized code, whatever its state (the token endpoint decides). */
  byPreAuthorizedCode(code: string): Promise<Offer | undefined>;
  /** Checks a transaction code; after 5 wrong ones the offer is burnt. */
  checkTxCode(id: string, txCode: string | undefined): Promise<'ok' | 'wrong' | 'burnt'>;
  /** offered → token, recording the access token and the nonce; false when not offered any more. */
  grantToken(id: string, accessToken: string, cNonce: string, nonceExpiresAt: number): Promise<boolean>;
  /** The offer an access token was granted for, and its nonce. */
  byAccessToken(token: string): Promise<{ offer: Offer; cNonce: string; nonceExpiresAt: number } | undefined>;
  /** Moves `from` → claimed (one request signs); false when it is not in `from` or has expired. */
  claim(id: string, from: OfferState): Promise<boolean>;
  /** claimed → back to `to` (signing failed: the offer stays usable). */
  release(id: string, to: OfferState): Promise<void>;
  /** claimed → issued. */
  complete(id: string, holder: string, credentialId: string | undefined): Promise<void>;
  /** claimed → issued by direct delivery, keeping the signed credential for downloads until it expires. */
  deliver(id: string, signed: JsonObject | string, credentialId: string | undefined): Promise<void>;
  /** A fresh nonce for the nonce endpoint. */
  createNonce(expiresIn: number): Promise<{ nonce: string; expiresAt: number }>;
  /** True once for a nonce that exists and has not expired. */
  consumeNonce(nonce: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The secrets and the row of a new offer, as both stores insert it. */
export function newOfferRow(input: NewOffer, created: number) {
  const preAuthorizedCode = secret();
  // A 6-digit PIN, delivered apart from the offer (another channel than the QR code).
  const pin = input.txCode ? String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0') : undefined;
  return {
    preAuthorizedCode,
    ...(pin ? { txCode: pin } : {}),
    // in the order of OFFER_COLUMNS
    values: [
      randomUUID(),
      input.issuer,
      JSON.stringify(input.credential),
      'offered',
      secret(16),
      digest(preAuthorizedCode),
      pin === undefined ? null : digest(pin),
      input.statusPurpose ?? null,
      created + input.expiresIn * 1000,
      created,
      input.image ?? null,
    ],
  };
}
/** Wrong transaction codes an offer survives. */
export const TX_CODE_TRIES = 5;

/** A transaction code against an offer's row: 'ok', 'wrong' (without one to check), or 'count' a failure. */
export function txCodeVerdict(
  row: Record<string, unknown>,
  txCode: string | undefined,
): 'ok' | 'wrong' | 'count' {
  if (row.tx_code_hash === null) return txCode === undefined ? 'ok' : 'wrong';
  return txCode !== undefined && digest(txCode) === row.tx_code_hash ? 'ok' : 'count';
}

/** The columns `newOfferRow` fills. */
/**
 * The offers and nonces tables, one definition for SQLite (`INTEGER` times, tables `offers` and
 * `nonces`) and PostgreSQL (`BIGINT` milliseconds, tables named `credstack_…` beside the status lists).
 */
export function offerTablesDdl(
  tables: { offers: string; nonces: string },
  integer: 'INTEGER' | 'BIGINT',
): string {
  return `
  CREATE TABLE IF NOT EXISTS ${tables.offers} (
    id TEXT PRIMARY KEY,
    issuer TEXT NOT NULL,
    credential TEXT NOT NULL,
    state TEXT NOT NULL,
    challenge TEXT NOT NULL,
    pre_code_hash TEXT NOT NULL UNIQUE,
    tx_code_hash TEXT,
    tx_failures INTEGER NOT NULL DEFAULT 0,
    status_purpose TEXT,
    access_token_hash TEXT UNIQUE,
    c_nonce TEXT,
    nonce_expires_at ${integer},
    expires_at ${integer} NOT NULL,
    created_at ${integer} NOT NULL,
    holder TEXT,
    credential_id TEXT,
    image TEXT,
    signed TEXT
  );
  CREATE TABLE IF NOT EXISTS ${tables.nonces} (nonce TEXT PRIMARY KEY, expires_at ${integer} NOT NULL);
`;
}

// Offer ids are randomUUID()s: anything else in a URL is not looked up.
const OFFER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` has the shape of an offer id (a route checks it before asking the store). */
export function isOfferId(id: string): boolean {
  return OFFER_ID.test(id);
}

export const OFFER_COLUMNS =
  'id, issuer, credential, state, challenge, pre_code_hash, tx_code_hash, status_purpose, expires_at, created_at, image';

/** An offer from its row (either store's). */
export function rowToOffer(row: Record<string, unknown>): Offer {
  return {
    id: row.id as string,
    issuer: row.issuer as string,
    credential: JSON.parse(row.credential as string) as JsonObject,
    state: row.state as OfferState,
    challenge: row.challenge as string,
    txCode: row.tx_code_hash !== null,
    ...(row.status_purpose ? { statusPurpose: row.status_purpose as 'revocation' | 'suspension' } : {}),
    // PostgreSQL's BIGINT arrives as a string
    expiresAt: Number(row.expires_at),
    ...(row.holder ? { holder: row.holder as string } : {}),
    ...(row.credential_id ? { credentialId: row.credential_id as string } : {}),
    ...(row.image ? { image: row.image as string } : {}),
    ...(row.signed ? { signed: JSON.parse(row.signed as string) as JsonObject | string } : {}),
  };
}

// Columns added after the first release of the table: an older offers.sqlite gains them.
const ADDED_COLUMNS = { image: 'TEXT', signed: 'TEXT' } as const;

/**
 * Opens (or creates) the offer store at `path` (an SQLite file, or `:memory:`).
 * @example
 * ```ts
 * const offers = openOfferStore('.credstack/offers.sqlite')
 * ```
 */
export function openOfferStore(path: string, now: () => number = Date.now): OfferStore {
  const Sqlite = loadDriver<new (file: string) => Database>('better-sqlite3', 'The offer store');
  let db: Database;
  try {
    db = new Sqlite(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(offerTablesDdl({ offers: 'offers', nonces: 'nonces' }, 'INTEGER'));
    const columns = new Set(
      db
        .prepare('PRAGMA table_info(offers)')
        .all()
        .map((c) => c.name as string),
    );
    for (const [name, type] of Object.entries(ADDED_COLUMNS))
      if (!columns.has(name)) db.exec(`ALTER TABLE offers ADD COLUMN ${name} ${type}`);
  } catch (cause) {
    throw new CredstackError(
      'ERR_STATUS_STORE',
      `The offer store ${path} cannot be opened: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const q = {
    insert: db.prepare(`INSERT INTO offers (${OFFER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    get: db.prepare('SELECT * FROM offers WHERE id = ?'),
    byCode: db.prepare('SELECT * FROM offers WHERE pre_code_hash = ?'),
    rotate: db.prepare(
      "UPDATE offers SET pre_code_hash = ? WHERE id = ? AND state = 'offered' AND expires_at > ?",
    ),
    byToken: db.prepare('SELECT * FROM offers WHERE access_token_hash = ?'),
    txFailure: db.prepare(
      'UPDATE offers SET tx_failures = tx_failures + 1 WHERE id = ? RETURNING tx_failures',
    ),
    burn: db.prepare("UPDATE offers SET state = 'issued', expires_at = 0 WHERE id = ?"),
    grant: db.prepare(
      "UPDATE offers SET state = 'token', access_token_hash = ?, c_nonce = ?, nonce_expires_at = ? WHERE id = ? AND state = 'offered' AND expires_at > ?",
    ),
    claim: db.prepare("UPDATE offers SET state = 'claimed' WHERE id = ? AND state = ? AND expires_at > ?"),
    release: db.prepare("UPDATE offers SET state = ? WHERE id = ? AND state = 'claimed'"),
    complete: db.prepare(
      "UPDATE offers SET state = 'issued', holder = ?, credential_id = ?, access_token_hash = NULL WHERE id = ? AND state = 'claimed'",
    ),
    deliver: db.prepare(
      "UPDATE offers SET state = 'issued', holder = 'direct', signed = ?, credential_id = ? WHERE id = ? AND state = 'claimed'",
    ),
    nonce: db.prepare('INSERT INTO nonces (nonce, expires_at) VALUES (?, ?)'),
    consume: db.prepare('DELETE FROM nonces WHERE nonce = ? AND expires_at > ?'),
    sweep: db.prepare('DELETE FROM nonces WHERE expires_at <= ?'),
  };
  // better-sqlite3 is synchronous: each method is one statement, wrapped as the contract's
  // promises. checkTxCode has two, the counting one atomic (it returns the new count), so guesses
  // racing from other processes on the same file are all counted (test/serve/offers-torture.test.ts).
  return {
    async create(input) {
      const row = newOfferRow(input, now());
      q.insert.run(...row.values);
      const offer = rowToOffer(q.get.get(row.values[0])!);
      return {
        offer,
        preAuthorizedCode: row.preAuthorizedCode,
        ...(row.txCode ? { txCode: row.txCode } : {}),
      };
    },
    async get(id) {
      const row = q.get.get(id);
      return row ? rowToOffer(row) : undefined;
    },
    async rotatePreAuthorizedCode(id) {
      const code = secret();
      return q.rotate.run(digest(code), id, now()).changes === 1 ? code : undefined;
    },
    async byPreAuthorizedCode(code) {
      const row = q.byCode.get(digest(code));
      return row ? rowToOffer(row) : undefined;
    },
    async checkTxCode(id, txCode) {
      const row = q.get.get(id);
      if (!row || (row.tx_failures as number) >= TX_CODE_TRIES) return 'burnt';
      const verdict = txCodeVerdict(row, txCode);
      if (verdict !== 'count') return verdict;
      // One atomic increment: racing wrong guesses are all counted.
      const failures = q.txFailure.get(id)?.tx_failures as number;
      if (failures < TX_CODE_TRIES) return 'wrong';
      q.burn.run(id);
      return 'burnt';
    },
    async grantToken(id, accessToken, cNonce, nonceExpiresAt) {
      return q.grant.run(digest(accessToken), cNonce, nonceExpiresAt, id, now()).changes === 1;
    },
    async byAccessToken(token) {
      const row = q.byToken.get(digest(token));
      if (!row) return undefined;
      return {
        offer: rowToOffer(row),
        cNonce: row.c_nonce as string,
        nonceExpiresAt: row.nonce_expires_at as number,
      };
    },
    async claim(id, from) {
      return q.claim.run(id, from, now()).changes === 1;
    },
    async release(id, to) {
      q.release.run(to, id);
    },
    async complete(id, holder, credentialId) {
      q.complete.run(holder, credentialId ?? null, id);
    },
    async deliver(id, signed, credentialId) {
      q.deliver.run(JSON.stringify(signed), credentialId ?? null, id);
    },
    async createNonce(expiresIn) {
      q.sweep.run(now());
      const nonce = secret(24);
      const expiresAt = now() + expiresIn * 1000;
      q.nonce.run(nonce, expiresAt);
      return { nonce, expiresAt };
    },
    async consumeNonce(nonce) {
      return q.consume.run(nonce, now()).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}
