// Child process for the concurrency test: allocates `count` slots from one store and prints
// one line per completed allocation: `<credentialId> <listUrl> <index>`.
import { openFileStatusStore } from '../../../src/status/store/index.js';

const [path, worker, count] = process.argv.slice(2);
const store = await openFileStatusStore(path!, { lockTimeout: 60_000 });
for (let i = 0; i < Number(count); i++) {
  const a = await store.allocate(`urn:w${worker}:${i}`);
  process.stdout.write(`${a.credentialId} ${a.listUrl} ${a.index}\n`);
}
