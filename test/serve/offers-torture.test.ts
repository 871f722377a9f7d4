// Crash torture of the offer stores (SQLite and PostgreSQL): worker processes race for one pool of
// offers, nonces and transaction-code guesses while a killer sends them SIGKILL at random, inside
// store calls too (test/helpers/torture.ts). Afterwards: no offer was claimed by two workers, none
// a worker acknowledged claiming went back to `offered` (it could be issued twice), every
// acknowledged delivery is stored with its credential, no nonce was consumed twice, and no more
// wrong transaction codes were answered `wrong` than an offer survives. CREDSTACK_SOAK=1 runs longer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OfferStore, openOfferStore, TX_CODE_TRIES } from '../../src/serve/delivery/offers.js';
import { openPostgresOfferStore } from '../../src/serve/delivery/offers-postgres.js';
import { MIN_KILLS, TIMEOUT, tortureRun } from '../helpers/torture.js';
import { describePostgres, useFreshDatabase } from '../status/postgres-server.js';

const WORKER = join(import.meta.dirname, 'workers', 'offer-worker.ts');
// Small pools: the workers run out of them within the run, so most picks race another worker.
const OFFERS = 150;
const NONCES = 150;
const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] };

async function torture(open: () => Promise<OfferStore>, location: string, dir: string, seed: number) {
  const setup = await open();
  const offers: string[] = [];
  const nonces: string[] = [];
  let txOffer: string;
  let txCode: string;
  try {
    for (let i = 0; i < OFFERS; i++)
      offers.push(
        (await setup.create({ issuer: 'did:example:issuer', credential, expiresIn: 3600 })).offer.id,
      );
    for (let i = 0; i < NONCES; i++) nonces.push((await setup.createNonce(3600)).nonce);
    const tx = await setup.create({
      issuer: 'did:example:issuer',
      credential,
      expiresIn: 3600,
      txCode: true,
    });
    txOffer = tx.offer.id;
    txCode = tx.txCode!;
  } finally {
    await setup.close();
  }
  const poolFile = join(dir, `pool-${seed}.json`);
  writeFileSync(poolFile, JSON.stringify({ offers, nonces, txOffer }));

  const { workers, kills, midOperation } = await tortureRun(WORKER, [location, poolFile], seed);

  const claimedBy = new Map<string, string>();
  const delivered = new Map<string, string>();
  const consumed = new Set<string>();
  let wrong = 0;
  let burnt = false;
  for (const w of workers) {
    for (const line of w.lines) {
      const [op, id] = line.split(' ');
      if (op === 'C') {
        expect(claimedBy.get(id!), `${id} claimed by two workers`).toBeUndefined();
        claimedBy.set(id!, w.tag);
      } else if (op === 'D') delivered.set(id!, w.tag);
      else if (op === 'N') {
        expect(consumed.has(id!), `nonce ${id} consumed twice`).toBe(false);
        consumed.add(id!);
      } else if (op === 'W') wrong++;
      else if (op === 'X') burnt = true;
      else expect(op, line).toBe('B');
    }
  }

  const store = await open();
  try {
    for (const [id, tag] of claimedBy) {
      const offer = (await store.get(id))!;
      // killed between claim and delivery: the offer stays claimed, never offered again
      expect(['claimed', 'issued'], `${id} after its claim`).toContain(offer.state);
      if (offer.state === 'issued') expect(offer.signed).toEqual({ deliveredBy: tag });
    }
    for (const [id, tag] of delivered) {
      const offer = (await store.get(id))!;
      expect(offer.state, `${id} delivered`).toBe('issued');
      expect(offer.signed).toEqual({ deliveredBy: tag });
      expect(offer.credentialId).toBe(`urn:credential:${id}`);
    }
    for (const nonce of consumed) expect(await store.consumeNonce(nonce), `nonce ${nonce}`).toBe(false);
    expect(wrong, 'wrong transaction codes answered "wrong"').toBeLessThan(TX_CODE_TRIES);
    if (burnt || wrong > 0) {
      // counted failures only grow, whatever was killed: the right code no longer opens it once burnt
      const verdict = await store.checkTxCode(txOffer!, txCode!);
      if (burnt) expect(verdict).toBe('burnt');
    }
  } finally {
    await store.close();
  }
  console.log(
    `offer torture ${location.replace(/:[^:@/]*@/, ':***@')}: ${workers.length} workers, ${kills} kills (${midOperation} mid-operation), ${claimedBy.size} claims, ${delivered.size} deliveries, ${consumed.size} nonces, ${wrong} wrong codes${burnt ? ', burnt' : ''}`,
  );
  expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  expect(midOperation, 'no kill landed inside a store call: the test would prove nothing').toBeGreaterThan(0);
  expect(claimedBy.size).toBeGreaterThan(0);
  expect(consumed.size).toBeGreaterThan(0);
  expect(burnt, 'the transaction-code offer was never burnt: the race on its counter was not run').toBe(true);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-offer-torture-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('offer store crash torture: SQLite', () => {
  it(
    'claims, deliveries, nonces and transaction-code failures survive workers killed at random',
    async () => {
      const file = join(dir, 'offers.sqlite');
      await torture(async () => openOfferStore(file), file, dir, 20261204);
    },
    TIMEOUT,
  );
});

describePostgres('offer store crash torture: PostgreSQL', () => {
  const db = useFreshDatabase();

  it(
    'loses nothing when clients (processes, as machines would be) are killed at random',
    async () => {
      await torture(() => openPostgresOfferStore(db.url), db.url, dir, 20261205);
    },
    TIMEOUT,
  );
});
