// The verifier page (examples/verifier-web) in real Chromium: build it with Vite, serve dist/ on
// 127.0.0.1, and check what a person sees for a valid, a tampered and a revoked baked badge, a
// pasted VC-JWT and a pathway proof. Screenshots go to test-results/browser/.
//
// Needs /usr/bin/chromium (Debian: apt-get install -y chromium); playwright-core never downloads
// a browser. CREDSTACK_UPDATE_SCREENSHOT=1 also refreshes the README's examples/verifier-web/screenshot-*.png.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserFixtures, makeFixtures } from './fixtures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const webDir = join(root, 'examples/verifier-web');
const dist = join(webDir, 'dist');
const shots = join(root, 'test-results/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = promisify(execFile);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A static file server for dist/, on a free port of 127.0.0.1 only. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    });
  });
}

let fixtures: BrowserFixtures;
let server: Server;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const pageErrors: string[] = [];

/** Verifications the page has finished so far (the page counts them in data-completed). */
const completed = async (): Promise<number> =>
  Number((await page.locator('#result').getAttribute('data-completed')) ?? '0');

/** Runs `action`, then waits until the page has finished one more verification. */
async function andWait(action: () => Promise<void>): Promise<void> {
  const before = await completed();
  await action();
  await page.waitForFunction(
    (n) => Number(document.getElementById('result')?.dataset.completed ?? '0') > n,
    before,
    {
      timeout: 30_000,
    },
  );
}

const file = (name: string, mimeType: string, data: Uint8Array | string) => ({
  name,
  mimeType,
  buffer: Buffer.from(data),
});

const verdictTitle = () => page.locator('#verdict .verdict-title').textContent();
const failedChecks = () =>
  page
    .locator('#details > .checks li[data-status="failed"]')
    .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-check')}: ${li.textContent}`));

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/**
 * The result section alone, for the README: with CREDSTACK_UPDATE_SCREENSHOT=1 it is also copied
 * to examples/verifier-web/screenshot-NAME.png.
 */
async function readmeShot(name: string): Promise<void> {
  const path = join(shots, `result-${name}.png`);
  await page.locator('#result').screenshot({ path });
  if (process.env.CREDSTACK_UPDATE_SCREENSHOT) {
    const target = join(webDir, `screenshot-${name}.png`);
    writeFileSync(target, readFileSync(path));
    expect(statSync(target).size).toBeLessThan(300 * 1024);
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(shots, { recursive: true });
  // The Vite build runs in its own process while this one signs the fixtures.
  const built = run(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(webDir, 'vite.config.ts')],
    {
      cwd: root,
    },
  );
  fixtures = await makeFixtures();
  await built;
  let url: string;
  ({ server, url } = await serve(dist));
  userDataDir = mkdtempSync(join(tmpdir(), 'credstack-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  // The page must stay offline by default: any request off 127.0.0.1 fails the test.
  await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
    pageErrors.push(`unexpected request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(url);
});

afterAll(async () => {
  await context?.close();
  server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('verifier page in Chromium', () => {
  it('is labelled and keyboard reachable before any input', async () => {
    expect(await verdictTitle()).toBe('No badge yet');
    expect(await page.locator('#verdict').getAttribute('aria-live')).toBe('polite');
    // Every form control has a label a screen reader announces.
    const unlabelled = await page
      .locator('input, textarea')
      .evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    // The file picker is a real input reached with Tab (after the skip link).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file');
  });

  it('verifies a valid badge baked in a PNG', async () => {
    await andWait(() =>
      page.setInputFiles('#file', file('infection-control.png', 'image/png', fixtures.validPng)),
    );
    expect(await verdictTitle()).toBe('✓ Verified');
    expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe('verified');
    expect(await page.locator('#card-name').textContent()).toBe('Infection Control and Sterile Technique');
    expect(await page.locator('[data-field="issuer"]').textContent()).toContain(
      'Lakeview Unified School District',
    );
    expect(await page.locator('[data-field="learner"]').textContent()).toContain('emailAddress (hashed');
    expect(await failedChecks()).toEqual([]);
    expect(
      await page.locator('#details li[data-check="proof"][data-status="passed"]').count(),
    ).toBeGreaterThan(0);
    // The badge image shown is the baked PNG itself, and it decoded.
    const image = page.locator('img.card-image');
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(160);
    await shot('valid-png');
  });

  it('rejects a tampered copy and names the failing check', async () => {
    await andWait(() => page.setInputFiles('#file', file('tampered.png', 'image/png', fixtures.tamperedPng)));
    expect(await verdictTitle()).toBe('✗ Not valid');
    expect(await page.locator('#card-name').textContent()).toBe('Chief Surgeon');
    const failed = await failedChecks();
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(/^proof: /);
    expect(failed[0]).toContain('Failed');
    await shot('tampered-png');
  });

  it('cannot decide a revoked badge offline, and finds it revoked with the status list supplied', async () => {
    await andWait(() =>
      page.setInputFiles('#file', file('medical-terminology.svg', 'image/svg+xml', fixtures.revokedSvg)),
    );
    expect(await verdictTitle()).toBe('? Could not be fully checked');
    expect((await failedChecks()).join('\n')).toContain('STATUS_UNAVAILABLE');

    // Loading trusted documents re-verifies the same badge.
    await andWait(() =>
      page.setInputFiles(
        '#documents',
        file('documents.json', 'application/json', JSON.stringify(fixtures.statusDocuments)),
      ),
    );
    expect(await page.locator('#documents-status').textContent()).toBe(
      '1 trusted document loaded from documents.json.',
    );
    expect(await page.locator('[data-field="input-name"]').textContent()).toBe(
      'Checked: medical-terminology.svg',
    );
    expect(await verdictTitle()).toBe('✗ Revoked');
    const failed = await failedChecks();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^status: /);
    expect(failed[0]).toContain('STATUS_REVOKED');
    expect(
      await page.locator('img.card-image').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBe(160);
    await shot('revoked-svg');

    await page.click('#documents-clear');
  });

  it('verifies a pasted VC-JWT', async () => {
    await page.fill('#paste', fixtures.jwt);
    await andWait(() => page.click('#verify-paste'));
    expect(await verdictTitle()).toBe('✓ Verified');
    expect(await page.locator('#card-name').textContent()).toBe('BLS for Healthcare Providers');
    expect(await page.locator('.facts').textContent()).toContain('VC-JWT');
  });

  it('verifies a pathway proof and shows earned, available and locked components', async () => {
    await andWait(() =>
      page.setInputFiles(
        '#file',
        file('pathway-proof.json', 'application/json', JSON.stringify(fixtures.pathwayProof, null, 2)),
      ),
    );
    // The badges inside name their learner by a hashed email: until the employer says whom they
    // expect, nothing proves whose they are, so the proof does not verify.
    expect(await verdictTitle()).not.toBe('✓ Verified');
    expect((await failedChecks()).join('\n')).toMatch(/^learner: .*LEARNER_UNPROVEN/m);

    await page.fill('#learner', 'someone.else@example.org');
    await andWait(() => page.dispatchEvent('#learner', 'change'));
    expect(await verdictTitle()).not.toBe('✓ Verified');

    await page.fill('#learner', 'ana.learner@example.org');
    await andWait(() => page.dispatchEvent('#learner', 'change'));
    expect(await verdictTitle()).toBe('✓ Verified');
    expect(await page.locator('.verdict-detail').textContent()).toMatch(/^Pathway proof: /);
    expect(await page.locator('#pathway-heading').textContent()).toBe(
      'Pathway: Surgical Technologist Pathway',
    );
    const states = Object.fromEntries(
      await page
        .locator('[data-component]')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-component'), e.getAttribute('data-state')]),
        ),
    );
    expect(states).toEqual({
      'core-1': 'earned',
      'core-2': 'earned',
      'core-3': 'earned',
      'core-4': 'available',
      'elective-1': 'earned',
      'elective-2': 'available',
      externship: 'locked',
      certification: 'locked',
    });
    // State is written out, not only coloured.
    expect(await page.locator('[data-component="externship"]').textContent()).toContain('Locked');
    expect(await page.locator('[data-component="externship"]').textContent()).toContain(
      'Needs first: Surgical Procedures and Instrumentation',
    );
    expect(await page.locator('[data-milestone="foundations"]').getAttribute('data-reached')).toBe('true');
    expect(await page.locator('[data-milestone="externship-ready"]').getAttribute('data-reached')).toBe(
      'false',
    );
    expect(await page.locator('#pathway-completion').textContent()).toContain('4 of 8 components earned');
    expect(await page.locator('#details li[data-status="failed"]').count()).toBe(0);
    await shot('pathway');
    // The README picture: the verdict, the card and the pathway (not the long check lists).
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = (await page.locator('#result-heading').boundingBox())!;
    const bottom = (await page.locator('section.pathway').boundingBox())!;
    await page.screenshot({
      path: join(shots, 'pathway-result.png'),
      fullPage: true,
      clip: {
        x: top.x - 16,
        y: top.y - 8,
        width: bottom.width + 32,
        height: bottom.y + bottom.height - top.y + 24,
      },
    });
    if (process.env.CREDSTACK_UPDATE_SCREENSHOT) {
      const target = join(webDir, 'screenshot-pathway.png');
      writeFileSync(target, readFileSync(join(shots, 'pathway-result.png')));
      expect(statSync(target).size).toBeLessThan(300 * 1024);
    }
  });

  it('reports a pathway proof whose claims were edited after signing', async () => {
    const edited = structuredClone(fixtures.pathwayProof) as {
      credentialSubject: { pathwayProgress: { complete: boolean } };
    };
    edited.credentialSubject.pathwayProgress.complete = true;
    await andWait(() =>
      page.setInputFiles('#file', file('edited-proof.json', 'application/json', JSON.stringify(edited))),
    );
    expect(await verdictTitle()).toBe('✗ Not valid');
    const pathwayFailures = await page
      .locator('#details > .checks')
      .first()
      .locator('li[data-status="failed"]')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-check')));
    expect(pathwayFailures).toEqual(expect.arrayContaining(['proof', 'completion']));
    await shot('pathway-edited');
  });

  it('a genuine badge that breaks a rule reads authentic, the rule named apart; strict fails it in plain words', async () => {
    // DCC / LCW badge: a subject with a name and neither id nor identifier (test/vectors/real-world).
    const badge = readFileSync(join(root, 'test/vectors/real-world/dcc-lcw-experience-badge.json'));
    await andWait(() => page.setInputFiles('#file', file('lcw-badge.json', 'application/json', badge)));
    expect(await verdictTitle()).toBe('✓ Verified');
    const detail = await page.locator('#verdict .verdict-detail').textContent();
    expect(detail).toMatch(/^Authentic and unaltered/);
    expect(detail).not.toContain('may have been altered');
    expect(await page.locator('[data-field="conformance"]').textContent()).toContain(
      'Does not follow the OB 3.0 rule: credentialSubject needs an id or at least one identifier',
    );
    const signedBy = await page.locator('[data-field="signed-by"]').textContent();
    expect(signedBy).toMatch(/^Signed by did:key:\S+, which calls itself "Digital Credentials Consortium"/);
    expect(signedBy).not.toContain('who it claims to be');
    expect(await page.locator('[data-verifier="lmc-interop-profile"]').textContent()).toContain('Refuses');
    expect(await page.locator('[data-verifier="dcc-verifier-core"]').textContent()).toContain('Accepts');
    await shot('rule-broken-default');
    await readmeShot('rule-broken');

    await andWait(() => page.check('#strict'));
    expect(await verdictTitle()).toBe('✗ Not valid');
    expect(await page.locator('#verdict .verdict-detail').textContent()).toMatch(
      /^Refused in strict mode: nothing shows it was altered/,
    );
    await shot('rule-broken-strict');
    await andWait(() => page.uncheck('#strict'));
    expect(await verdictTitle()).toBe('✓ Verified');
  });

  it('a badge shown in part (selective disclosure) verifies and says what was revealed', async () => {
    const shown = JSON.stringify(fixtures.derived);
    // the grade was hidden: not in the credential (the proofValue, base64url, may spell "B-" by chance)
    const { proof: _proof, ...claims } = fixtures.derived as Record<string, unknown>;
    expect(JSON.stringify(claims)).not.toContain('"B-"');
    expect(JSON.stringify(claims)).not.toContain('"result"');
    await andWait(() => page.setInputFiles('#file', file('badge-shown.json', 'application/json', shown)));
    expect(await verdictTitle()).toBe('✓ Verified');
    const disclosure = await page.locator('[data-field="disclosure"]').textContent();
    expect(disclosure).toMatch(/^Shown in part \(selective disclosure\)/);
    expect(disclosure).toContain('/credentialSubject/achievement/name');
    expect(disclosure).not.toContain('/credentialSubject/result');

    const edited = structuredClone(fixtures.derived) as {
      credentialSubject: { achievement: Record<string, unknown> };
    };
    edited.credentialSubject.achievement.name = 'Chief Surgeon';
    await andWait(() =>
      page.setInputFiles('#file', file('edited.json', 'application/json', JSON.stringify(edited))),
    );
    expect(await verdictTitle()).toBe('✗ Not valid');
    await shot('selective-disclosure');
  });

  it('a plain image reads "no badge in this image"; a key file is named as such', async () => {
    await page.fill('#paste', 'left over from before');
    await andWait(() => page.setInputFiles('#file', file('logo.png', 'image/png', fixtures.plainPng)));
    expect(await verdictTitle()).toBe('✗ No badge in this image');
    const detail = await page.locator('#verdict .verdict-detail').textContent();
    expect(detail).toMatch(/^This image carries no Open Badges 3\.0 credential/);
    expect(detail).not.toMatch(/iTXt|altered/);
    // The file is what was checked: the paste box was cleared, and the name is shown.
    expect(await page.inputValue('#paste')).toBe('');
    expect(await page.locator('[data-field="input-name"]').textContent()).toBe('Checked: logo.png');
    await shot('plain-image');

    const key = JSON.stringify(fixtures.keyFile);
    await andWait(() => page.setInputFiles('#file', file('issuer-key.json', 'application/json', key)));
    expect(await verdictTitle()).toBe('✗ Not a badge: a key file');
    expect(await page.locator('#verdict .verdict-detail').textContent()).toContain('PRIVATE key');
  });

  it("trusted issuers (typed, or a DCC registry file) and the candidate's e-mail", async () => {
    const badge = () =>
      page.setInputFiles('#file', file('infection-control.png', 'image/png', fixtures.validPng));
    await andWait(badge);
    expect(await page.locator('[data-field="signed-by"]').textContent()).toContain('no trust list was given');
    expect(await page.locator('[data-field="signed-by"]').textContent()).not.toContain('who it claims to be');

    await page.fill('#trust', 'did:web:other.example');
    await andWait(() => page.dispatchEvent('#trust', 'change'));
    expect(await page.locator('[data-field="signed-by"]').textContent()).toMatch(
      /^Signed by did:key:\S+, which calls itself "Lakeview Unified School District"; not on your trust list\.$/,
    );
    expect(await verdictTitle()).toBe('✓ Verified'); // untrusted is not forged
    expect(await page.locator('#trust-status').textContent()).toBe('1 trusted issuer.');

    await page.fill('#trust', '');
    const registry = { registry: { [fixtures.schoolId]: { name: 'Lakeview USD (registry)' } } };
    await andWait(() =>
      page.setInputFiles(
        '#trust-file',
        file('dcc-registry.json', 'application/json', JSON.stringify(registry)),
      ),
    );
    expect(await page.locator('[data-field="signed-by"]').textContent()).toContain(
      '; on your trust list as "Lakeview USD (registry)".',
    );
    expect(await page.locator('#trust-status').textContent()).toBe(
      '1 trusted issuer (1 from dcc-registry.json).',
    );

    await page.fill('#email', 'ana.learner@example.org');
    await andWait(() => page.dispatchEvent('#email', 'change'));
    expect(await page.locator('[data-field="recipient"]').getAttribute('data-matched')).toBe('true');
    await shot('trusted-and-recipient');
    await readmeShot('trust-recipient');
    await page.fill('#email', 'bob@example.org');
    await andWait(() => page.dispatchEvent('#email', 'change'));
    expect(await page.locator('[data-field="recipient"]').textContent()).toMatch(
      /^✗ Not issued to bob@example\.org/,
    );

    await page.fill('#email', '');
    await page.setInputFiles('#trust-file', []);
    await andWait(() => page.dispatchEvent('#email', 'change'));
    expect(await page.locator('[data-field="recipient"]').count()).toBe(0);
  });

  it('a CLI documents map works with the files it names, and alone is refused by name', async () => {
    const [url, statusList] = Object.entries(fixtures.statusDocuments)[0]!;
    const map = JSON.stringify({ [url]: 'lists/status-1.json' });
    const svg = () =>
      page.setInputFiles('#file', file('medical-terminology.svg', 'image/svg+xml', fixtures.revokedSvg));
    await andWait(svg);
    await andWait(() => page.setInputFiles('#documents', [file('documents.json', 'application/json', map)]));
    const status = await page.locator('#documents-status').textContent();
    expect(status).toContain(
      `documents.json maps ${url} to the file lists/status-1.json: select that file too`,
    );
    expect(await verdictTitle()).toBe('? Could not be fully checked'); // not "altered"

    await andWait(() =>
      page.setInputFiles('#documents', [
        file('documents.json', 'application/json', map),
        file('status-1.json', 'application/json', JSON.stringify(statusList)),
      ]),
    );
    expect(await page.locator('#documents-status').textContent()).toBe(
      '1 trusted document loaded from documents.json, status-1.json.',
    );
    expect(await verdictTitle()).toBe('✗ Revoked');
    await page.click('#documents-clear');
  });

  it('has a favicon that needs no request', async () => {
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
  });

  it('raised no page errors and made no network requests', () => {
    expect(pageErrors).toEqual([]);
  });
});
