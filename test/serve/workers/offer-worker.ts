// Child process of the offer-store crash torture: races the other workers for the offers, nonces
// and transaction-code guesses of a pool until killed. Before each store call it prints
// `B <op> <id>`; after the call resolved (the statement committed): `C <offer>` (claimed: only
// this worker may now deliver it), `D <offer>` (delivered), `N <nonce>` (consumed), `W` (a wrong
// transaction code counted) or `X` (the offer is burnt). A line cut by the kill is not a completion.
import { readFileSync } from 'node:fs';
import { openOfferStore } from '../../../src/serve/delivery/offers.js';
import { openPostgresOfferStore } from '../../../src/serve/delivery/offers-postgres.js';
import { prng } from '../../helpers/torture.js';

const [location, poolFile, tag] = process.argv.slice(2);
const pool = JSON.parse(readFileSync(poolFile!, 'utf8')) as {
  offers: string[];
  nonces: string[];
  txOffer: string;
};
const store = location!.startsWith('postgres')
  ? await openPostgresOfferStore(location!)
  : openOfferStore(location!);
const random = prng(Number(tag) + 1);
const out = (line: string) => process.stdout.write(`${line}\n`);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
for (;;) {
  const offer = pick(pool.offers);
  out(`B C ${offer}`);
  if (await store.claim(offer, 'offered')) {
    out(`C ${offer}`);
    out(`B D ${offer}`);
    await store.deliver(offer, { deliveredBy: tag! }, `urn:credential:${offer}`);
    out(`D ${offer}`);
  }
  const nonce = pick(pool.nonces);
  out(`B N ${nonce}`);
  if (await store.consumeNonce(nonce)) out(`N ${nonce}`);
  if (random() < 0.25) {
    out(`B W ${pool.txOffer}`);
    const verdict = await store.checkTxCode(pool.txOffer, 'not-the-code');
    out(verdict === 'wrong' ? 'W' : verdict === 'burnt' ? 'X' : `? ${verdict}`);
  }
  await new Promise((r) => setTimeout(r, Math.floor(random() * 3)));
}
