// `credstack bake`, `credstack unbake` and `credstack verify BAKED` run as a user would: a child
// process from source (test/cli/run-cli.ts), exit codes 0 ok / 1 / 2 usage or unreadable.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unbake } from '../../src/bake/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey } from '../../src/keys/index.js';
import { runCli } from '../cli/run-cli.js';
import { decodePixels, insertBeforeIend, SAMPLE_SVG, samplePng, textChunk } from './fixtures.js';

const unsigned = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

let dir: string;
const path = (name: string) => join(dir, name);
let signed: Record<string, unknown>;
let jwt: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-bake-cli-'));
  const key = await generateKey();
  const credential = { ...unsigned, issuer: { ...(unsigned.issuer as object), id: key.controller } };
  signed = await issueCredential(credential, { key });
  jwt = await issueCredential(credential, { key, format: 'vc-jwt' });
  writeFileSync(path('badge.png'), samplePng());
  writeFileSync(path('badge.svg'), SAMPLE_SVG);
  // As `credstack issue` writes them: pretty-printed JSON, and the JWT with a trailing newline.
  writeFileSync(path('signed.json'), `${JSON.stringify(signed, null, 2)}\n`);
  writeFileSync(path('badge.jwt'), `${jwt}\n`);
  writeFileSync(path('unsigned.json'), JSON.stringify(credential));
  writeFileSync(
    path('ob2.png'),
    insertBeforeIend(samplePng(), textChunk('openbadges', 'https://example.org/a/1')),
  );
});

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

// Each test spawns a few `node --import tsx` processes: slow on a busy 2-core machine.
describe('credstack bake / unbake / verify', { timeout: 120_000 }, () => {
  it('bakes a signed JSON credential into a PNG that verifies and unbakes', () => {
    const bake = runCli(['bake', path('badge.png'), path('signed.json'), '--out', path('baked.png')]);
    expect(bake.code, bake.stderr).toBe(0);
    expect(bake.stderr).toContain(`Wrote ${path('baked.png')}`);
    const baked = new Uint8Array(readFileSync(path('baked.png')));
    expect(decodePixels(baked).data).toEqual(decodePixels(samplePng()).data);

    const verify = runCli(['verify', path('baked.png')]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^VERIFIED "Teamwork Badge" \(data-integrity, baked png\)/);

    const out = runCli(['unbake', path('baked.png'), '--out', path('unbaked.json')]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('');
    expect(JSON.parse(readFileSync(path('unbaked.json'), 'utf8'))).toEqual(signed);
  });

  it('bakes a VC-JWT file into an SVG that verifies; unbake prints the JWT or --json', () => {
    const bake = runCli(['bake', path('badge.svg'), path('badge.jwt'), '--out', path('baked.svg')]);
    expect(bake.code, bake.stderr).toBe(0);
    expect(readFileSync(path('baked.svg'), 'utf8')).toContain(`<openbadges:credential verify="${jwt}"/>`);

    const verify = runCli(['verify', path('baked.svg'), '--json']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      verdict: 'verified',
      format: 'vc-jwt',
      container: 'svg',
      jwt,
    });

    const text = runCli(['unbake', path('baked.svg')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe(`${jwt}\n`);

    const json = runCli(['unbake', path('baked.svg'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ format: 'jwt', imageType: 'svg', jwt });
  });

  it('unbake --json of a JSON credential, from stdin too', () => {
    runCli(['bake', path('badge.svg'), path('signed.json'), '--out', path('baked-json.svg')]);
    const json = runCli(['unbake', path('baked-json.svg'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ format: 'json', imageType: 'svg', credential: signed });
    const stdin = runCli(['unbake', '-'], { input: readFileSync(path('baked-json.svg'), 'utf8') });
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(JSON.parse(stdin.stdout)).toEqual(signed);
  });

  it('bakes an unsigned credential with a warning; it then does not verify (exit 1)', () => {
    const bake = runCli(['bake', path('badge.png'), path('unsigned.json'), '--out', path('unsigned.png')]);
    expect(bake.code, bake.stderr).toBe(0);
    expect(bake.stderr).toContain(`warning: ${path('unsigned.json')} has no proof`);
    expect(unbake(new Uint8Array(readFileSync(path('unsigned.png'))))).toMatchObject({ format: 'json' });
    const verify = runCli(['verify', path('unsigned.png')]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/\[FAIL\] proof\s+The credential has no proof/);
  });
});

describe('credstack bake / unbake: errors', { timeout: 120_000 }, () => {
  it('refuses an input that is not an image (exit 2, file named, no stack trace)', () => {
    const bake = runCli(['bake', path('signed.json'), path('signed.json'), '--out', path('never.png')]);
    expect(bake.code).toBe(2);
    expect(bake.stderr).toBe(
      `credstack: ${path('signed.json')}: Expected a PNG or SVG image, got ${readFileSync(path('signed.json')).length} bytes that are neither [ERR_IMAGE_UNSUPPORTED]\n`,
    );
    expect(existsSync(path('never.png'))).toBe(false);

    const unbake = runCli(['unbake', path('badge.jwt')]);
    expect(unbake.code).toBe(2);
    expect(unbake.stderr).toContain('[ERR_IMAGE_UNSUPPORTED]');
    noStack(unbake.stderr);
  });

  it('refuses a credential file that is neither JSON nor a JWT (exit 2)', () => {
    writeFileSync(path('junk.txt'), 'hello');
    const r = runCli(['bake', path('badge.png'), path('junk.txt'), '--out', path('never.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^credstack: ${path('junk.txt')}: Expected the credential as a compact JWS or JSON text`),
    );
    noStack(r.stderr);
  });

  it('says an Open Badges 2.0 image is not Open Badges 3.0 (unbake and bake exit 2, verify exit 1)', () => {
    const unbakeOb2 = runCli(['unbake', path('ob2.png')]);
    expect(unbakeOb2.code).toBe(2);
    expect(unbakeOb2.stderr).toBe(
      `credstack: ${path('ob2.png')}: This is an Open Badges 2.0 baked image (PNG text chunk "openbadges"); credstack verifies Open Badges 3.0 [ERR_BAKED_OB2]\n`,
    );
    const bakeOb2 = runCli(['bake', path('ob2.png'), path('signed.json'), '--out', path('never.png')]);
    expect(bakeOb2.code).toBe(2);
    expect(bakeOb2.stderr).toContain(
      'credstack bakes Open Badges 3.0 only; start from the unbaked artwork [ERR_BAKED_OB2]',
    );
    // verify reports it as a failed parse check (a verdict, not a usage error).
    const verify = runCli(['verify', path('ob2.png')]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/\[FAIL\] parse\s+This is an Open Badges 2\.0 baked image/);
  });

  it('unbake exits 1 for an image that carries no credential', () => {
    const r = runCli(['unbake', path('badge.svg')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no <openbadges:credential> element');
    expect(r.stdout).toBe('');
  });

  it('bake without --out, or with a missing file, is a usage error (exit 2)', () => {
    const noOut = runCli(['bake', path('badge.png'), path('signed.json')]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
    const missing = runCli(['bake', path('nope.png'), path('signed.json'), '--out', path('never.png')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[ERR_FILE_READ]');
    noStack(missing.stderr);
  });

  it('help lists both commands with examples', () => {
    const help = runCli(['--help']);
    expect(help.stdout).toMatch(/bake \[options\] <image> <credential>/);
    expect(help.stdout).toMatch(/unbake \[options\] <file>/);
    const bakeHelp = runCli(['bake', '--help']);
    expect(bakeHelp.code).toBe(0);
    expect(bakeHelp.stdout).toContain('credstack bake badge.png badge.signed.json --out badge-baked.png');
  });
});
