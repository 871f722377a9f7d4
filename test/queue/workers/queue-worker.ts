// Child process of the queue crash test: a worker that prints `J <outcome> <credentialId>` after
// each job, with short timings so jobs of killed workers come back quickly.
import { readFileSync } from 'node:fs';
import { importKeyFile } from '../../../src/keys/index.js';
import { runIssueWorker } from '../../../src/status/store/index.js';

const [queue, keyFile] = process.argv.slice(2);
const key = importKeyFile(JSON.parse(readFileSync(keyFile!, 'utf8')));
await runIssueWorker({
  queue: queue!,
  key,
  concurrency: 4,
  pollInterval: 1,
  maintenanceInterval: 1,
  idleExit: 60_000,
  onJob: (e) => process.stdout.write(`J ${e.outcome} ${e.credentialId}\n`),
});
