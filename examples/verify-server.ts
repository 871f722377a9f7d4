// A verification endpoint with plain node:http: POST the badge bytes — JSON, a VC-JWT, or a
// baked PNG/SVG image, as the raw request body — to /verify and get the verification result as
// JSON. The same handler fits in Express/Fastify/Hono: read the body as bytes, call verifyCredential.
//
//   npx tsx examples/verify-server.ts [--port 3000]
//   curl --data-binary @badge.png http://127.0.0.1:3000/verify
//   npx tsx examples/verify-server.ts --self-test   # start on a free port, post badges to itself, exit
//
// The verifier runs offline (no network: issuer keys must be did:key, or passed as `documents`).
// Answers: 200 with the result (whether or not the badge verified: the check itself worked),
// 400 empty body, 404 unknown path, 405 not POST, 413 body over MAX_BYTES.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bake,
  createAchievement,
  createOpenBadgeCredential,
  DEFAULT_LIMITS,
  generateKey,
  issueCredential,
  type VerificationResult,
  verifyCredential,
} from 'credstack';

// Stop reading at the verifier's own input limit: no point buffering more than it will accept.
const MAX_BYTES = DEFAULT_LIMITS.maxBytes;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new HttpError(413, `The upload is larger than ${MAX_BYTES} bytes`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function createVerifyServer(): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    try {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/verify')
        throw new HttpError(404, 'Not found: POST /verify');
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        throw new HttpError(405, 'Use POST with the badge as the request body');
      }
      const bytes = await readBody(req);
      if (bytes.length === 0) throw new HttpError(400, 'Empty body: send a badge (JSON, JWT, PNG or SVG)');
      // verifyCredential sniffs the format and never throws for bad input: garbage gives
      // `invalid` with a failed `parse` check, which is the right answer to send back.
      const result = await verifyCredential(bytes);
      send(200, result);
    } catch (error) {
      if (error instanceof HttpError) send(error.status, { error: error.message });
      else {
        console.error(error); // a bug, not bad input: log it, tell the client nothing internal
        send(500, { error: 'Internal error' });
      }
    }
  });
}

async function selfTest(): Promise<boolean> {
  const server = createVerifyServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/verify`;
  console.log(`listening on ${url}`);
  try {
    // Badges to upload: one credential as JSON and as a JWT, each also baked into an image.
    const key = await generateKey();
    const badge = await createOpenBadgeCredential({
      issuer: { id: key.controller, name: 'Example School' },
      achievement: createAchievement({
        id: 'https://school.example/achievements/first-aid',
        name: 'First Aid',
        description: 'Provides basic first aid.',
        criteria: { narrative: 'Passed the practical assessment.' },
      }),
      recipient: { email: 'learner@example.org' },
    });
    const json = JSON.stringify(await issueCredential(badge, { key }));
    const jwt = await issueCredential(badge, { key, format: 'vc-jwt' });
    const svg = bake(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#2da44e"/></svg>',
      json,
    );
    const pixel = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    );
    const png = bake(pixel, jwt);

    const cases: Array<
      [string, string | Uint8Array, (status: number, body: Partial<VerificationResult>) => boolean]
    > = [
      ['JSON', json, (s, b) => s === 200 && b.verified === true],
      ['VC-JWT', jwt, (s, b) => s === 200 && b.verified === true && b.format === 'vc-jwt'],
      ['baked SVG', svg, (s, b) => s === 200 && b.verified === true && b.container === 'svg'],
      ['baked PNG', png, (s, b) => s === 200 && b.verified === true && b.container === 'png'],
      [
        'tampered JSON',
        json.replace('First Aid', 'Brain Surgery'),
        (s, b) => s === 200 && b.verdict === 'invalid',
      ],
      ['not a badge', 'hello', (s, b) => s === 200 && b.verified === false],
      ['empty body', '', (s) => s === 400],
    ];
    let ok = true;
    for (const [label, body, expected] of cases) {
      const response = await fetch(url, { method: 'POST', body: body as BodyInit });
      const answer = (await response.json()) as Partial<VerificationResult> & { error?: string };
      const pass = expected(response.status, answer);
      ok &&= pass;
      console.log(
        `${pass ? 'ok  ' : 'FAIL'} POST ${label.padEnd(14)} → ${response.status} ${answer.verdict ?? answer.error}`,
      );
    }
    const get = await fetch(url);
    ok &&= get.status === 405;
    console.log(`${get.status === 405 ? 'ok  ' : 'FAIL'} GET /verify          → ${get.status}`);
    return ok;
  } finally {
    server.close();
  }
}

const args = process.argv.slice(2);
if (args.includes('--self-test')) {
  process.exitCode = (await selfTest()) ? 0 : 1;
} else {
  const portIndex = args.indexOf('--port');
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.PORT ?? 3000);
  createVerifyServer().listen(port, '127.0.0.1', () => {
    console.log(`POST badges to http://127.0.0.1:${port}/verify (Ctrl-C to stop)`);
  });
}
