// Child process of the crash-torture test: allocates and revokes until killed. Before each
// operation it prints `B <op> <id>`, after the store call resolved (the transaction committed)
// `A <id> <listUrl> <index>` or `R <id>`. A line cut by the kill is not a completion.
import { openStatusStore } from '../../../src/status/store/index.js';

const [location, tag] = process.argv.slice(2);
const store = await openStatusStore(location!, { busyTimeout: 120_000, poolSize: 1 });
const out = (line: string) => process.stdout.write(`${line}\n`);
for (let i = 0; ; i++) {
  const id = `urn:t:${tag}:${i}`;
  out(`B A ${id}`);
  const a = await store.allocate(id);
  out(`A ${id} ${a.listUrl} ${a.index}`);
  if (i % 2 === 0) {
    out(`B R ${id}`);
    await store.revoke(id);
    out(`R ${id}`);
  }
  if (i % 5 === 4) {
    // Asking again for an earlier id must give its slot back, never a second one.
    const again = `urn:t:${tag}:${i - 3}`;
    out(`B A ${again}`);
    const b = await store.allocate(again);
    out(`A ${again} ${b.listUrl} ${b.index}`);
  }
}
