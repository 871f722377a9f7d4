// Child process for the crash test: loops allocate + revoke until killed, printing one line per
// completed operation: `A <credentialId> <listUrl> <index>` and `R <credentialId>`. A line is
// written only after the store call resolved, i.e. after the rename.
import { openFileStatusStore } from '../../../src/status/store/index.js';

const [path, round] = process.argv.slice(2);
const store = await openFileStatusStore(path!, { lockTimeout: 60_000 });
for (let i = 0; ; i++) {
  const id = `urn:r${round}:${i}`;
  const a = await store.allocate(id);
  process.stdout.write(`A ${id} ${a.listUrl} ${a.index}\n`);
  if (i % 2 === 0) {
    await store.revoke(id);
    process.stdout.write(`R ${id}\n`);
  }
}
