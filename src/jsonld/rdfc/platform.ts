// What rdf-canonize's RDFC-1.0 code takes from its platform modules, for the copy of that code in
// generated/rdf-canonize.js: rdf-canonize picks lib/MessageDigest.js + lib/platform.js on Node and
// lib/MessageDigest-webcrypto.js + lib/platform-browser.js elsewhere (its `browser` field); this one
// module does what each pair does, deciding at run time. Same algorithm names, same errors.
//
// test/jsonld/rdfc.test.ts compares its digests with rdf-canonize's own MessageDigest.

import { toHex, utf8 } from '../../lib/bytes.js';
import { type NodeCrypto, nodeCrypto } from '../../lib/node-builtin.js';

// rdf-canonize's algorithm maps: [node:crypto name, WebCrypto name]
const ALGORITHMS = new Map<string, readonly [string, string]>([
  ['sha256', ['sha256', 'SHA-256']],
  ['SHA256', ['sha256', 'SHA-256']],
  ['SHA-256', ['sha256', 'SHA-256']],
  ['sha384', ['sha384', 'SHA-384']],
  ['SHA384', ['sha384', 'SHA-384']],
  ['SHA-384', ['sha384', 'SHA-384']],
  ['sha512', ['sha512', 'SHA-512']],
  ['SHA512', ['sha512', 'SHA-512']],
  ['SHA-512', ['sha512', 'SHA-512']],
]);

// node:crypto, looked up once (undefined where there is none: WebCrypto then)
let crypto: NodeCrypto | null | undefined = null;
const platformCrypto = (): NodeCrypto | undefined => {
  if (crypto === null) crypto = nodeCrypto();
  return crypto;
};

/**
 * A hash of UTF-8 text, hex-encoded: node:crypto's synchronous one-shot `hash` where there is one
 * (Node ≥ 20.12; ~0.4 µs for a short text, against ~1.2 µs for a `createHash` object, and RDFC-1.0
 * hashes once per blank node and once per related blank node), `createHash` on older Node,
 * WebCrypto elsewhere. The text is collected by `update` and hashed once by `digest`, which gives
 * the same bytes as hashing it piece by piece. A class because RDFC-1.0 code constructs it
 * (`new MessageDigest(algorithm)`).
 */
export class MessageDigest {
  readonly #crypto: NodeCrypto | undefined;
  readonly #algorithm: string;
  readonly #webAlgorithm: string;
  #content = '';
  /** node:crypto's incremental hash, once the text passed {@link FLUSH} characters. */
  #hash: ReturnType<NodeCrypto['createHash']> | undefined;

  constructor(algorithm: string) {
    const names = ALGORITHMS.get(algorithm);
    if (names === undefined) throw new Error(`Unsupported algorithm "${algorithm}".`);
    this.#algorithm = names[0];
    this.#webAlgorithm = names[1];
    this.#crypto = platformCrypto();
    if (!this.#crypto && !globalThis.crypto?.subtle) throw new Error('crypto.subtle not found.');
  }

  update(message: string): void {
    this.#content += message;
    // A long text (the canonical N-Quads of a large document, given in pieces) goes to an
    // incremental hash as it comes: joined into one string it would be a large-object allocation,
    // which costs more than the hashing. Never right after a high surrogate (its low half may come
    // next): UTF-8 then encodes each part as it encodes the whole.
    const crypto = this.#crypto;
    if (this.#content.length < FLUSH || crypto === undefined) return;
    const last = this.#content.charCodeAt(this.#content.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) return;
    this.#hash ??= crypto.createHash(this.#algorithm);
    this.#hash.update(this.#content, 'utf8');
    this.#content = '';
  }

  digest(): string | Promise<string> {
    const crypto = this.#crypto;
    if (this.#hash !== undefined) return this.#hash.update(this.#content, 'utf8').digest('hex');
    if (crypto === undefined) return webDigest(this.#webAlgorithm, this.#content);
    if (typeof crypto.hash === 'function') return crypto.hash(this.#algorithm, this.#content, 'hex');
    return crypto.createHash(this.#algorithm).update(this.#content, 'utf8').digest('hex');
  }
}

/** Characters of text a MessageDigest collects before it hashes them incrementally (Node only). */
const FLUSH = 16_384;

async function webDigest(algorithm: string, content: string): Promise<string> {
  return toHex(
    new Uint8Array(
      await globalThis.crypto.subtle.digest(algorithm, utf8(content) as Uint8Array<ArrayBuffer>),
    ),
  );
}

/**
 * How RDFC-1.0 yields to the event loop between batches of a long canonicalization (every 100 blank
 * nodes, every 3 permutations): setImmediate where there is one; elsewhere a MessageChannel
 * message, a macrotask without the 4 ms clamp nested timers get (rdf-canonize polyfills
 * setImmediate the same way in browsers); a timer as the last resort.
 */
export function setImmediate(callback: () => void): void {
  if (typeof globalThis.setImmediate === 'function') {
    globalThis.setImmediate(callback);
  } else if (typeof MessageChannel === 'function') {
    postTask(callback);
  } else {
    setTimeout(callback, 0);
  }
}

let channel: MessageChannel | undefined;
const tasks: (() => void)[] = [];

function postTask(callback: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => tasks.shift()?.();
  }
  tasks.push(callback);
  channel.port2.postMessage(undefined);
}
