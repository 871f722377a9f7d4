// The credstack verifier page: take a badge (file, drop or paste), verify it in the browser with
// credstack/verify, and show the verdict, the badge and every check. A ClrCredential carrying a
// credstack pathway is also checked as a pathway proof (credstack/pathway).
//
// In an application these imports read `from 'credstack/verify'` and `from 'credstack/pathway'`;
// the example imports the repository's source so it builds without publishing.
import { matchesRecipient } from '../../../src/model/index.js';
import { verifyPathwayProof } from '../../../src/pathway/index.js';
import type { TrustPolicy, VerificationResult, Verdict, VerifyOptions } from '../../../src/verify/index.js';
import { explainResult, loadTrustRegistry, verifyCredential } from '../../../src/verify/index.js';
import { loadDocuments } from './documents.js';
import { h } from './dom.js';
import {
  acceptanceView,
  cardView,
  checksView,
  embeddedView,
  explanationView,
  pathwayDefinitionOf,
  recipientView,
  pathwayView,
  verdictTone,
  verdictView,
} from './render.js';

interface Input {
  /** Bytes of a file (image, JSON or JWT), or pasted text. */
  data: Uint8Array | string;
  label: string;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const fileInput = $<HTMLInputElement>('file');
const dropzone = $<HTMLDivElement>('dropzone');
const paste = $<HTMLTextAreaElement>('paste');
const network = $<HTMLInputElement>('network');
const strict = $<HTMLInputElement>('strict');
const learnerInput = $<HTMLInputElement>('learner');
const emailInput = $<HTMLInputElement>('email');
const trustInput = $<HTMLTextAreaElement>('trust');
const trustFile = $<HTMLInputElement>('trust-file');
const trustStatus = $<HTMLParagraphElement>('trust-status');
const documentsInput = $<HTMLInputElement>('documents');
const documentsStatus = $<HTMLParagraphElement>('documents-status');
const documentsClear = $<HTMLButtonElement>('documents-clear');
const verdict = $<HTMLDivElement>('verdict');
const details = $<HTMLDivElement>('details');
const resultSection = $<HTMLElement>('result');

let documents: Record<string, unknown> | undefined;
/** The trust list from the file input; the text box adds ids and patterns to it. */
let trustFromFile: TrustPolicy | undefined;
let trustFileName: string | undefined;
let last: Input | undefined;
let imageUrl: string | undefined;
let run = 0;
// Finished verifications, exposed as data-completed so tests (and scripts) can wait for a result.
let completed = 0;

function options(): VerifyOptions {
  return {
    ...(documents ? { documents } : {}),
    ...(strict.checked ? { strict: true } : {}),
    ...trustOption(),
    // Called as a plain function: window.fetch throws "Illegal invocation" when called as a method of another object.
    ...(network.checked ? { network: { fetch: (url, init) => window.fetch(url, init) } } : {}),
  };
}

/** Ids and patterns typed in, plus a registry file's entries; a bad pattern is said, not ignored. */
function trustOption(): { trust?: TrustPolicy } {
  const typed = trustInput.value
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  trustStatus.classList.remove('status-line--error');
  const fromFile = trustFromFile && 'issuers' in trustFromFile ? trustFromFile.issuers : [];
  if (!typed.length && !fromFile.length) {
    trustStatus.textContent = 'No trust list: every issuer is unknown.';
    return {};
  }
  try {
    const registry = loadTrustRegistry({ issuers: [...fromFile, ...typed] });
    const n = registry.issuers.length;
    trustStatus.textContent = `${n} trusted issuer${n === 1 ? '' : 's'}${trustFileName ? ` (${fromFile.length} from ${trustFileName})` : ''}.`;
    return { trust: registry };
  } catch (error) {
    trustStatus.textContent = `Trust list not used: ${(error as Error).message}`;
    trustStatus.classList.add('status-line--error');
    return {};
  }
}

/**
 * The learner as typed: a DID or URL is an id, an address with @ an email, anything else an
 * identifier (a student number, say). Empty: nobody, so hashed-only credentials are unproven.
 */
function learner(): { id: string } | { email: string } | { identifier: string } | undefined {
  const value = learnerInput.value.trim();
  if (!value) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.toLowerCase().startsWith('mailto:')) return { id: value };
  const email = value.replace(/^mailto:/i, '');
  return email.includes('@') ? { email } : { identifier: value };
}

function setVerdict(className: string, nodes: Node[], label: string): void {
  verdict.className = className;
  verdict.dataset.verdict = label;
  verdict.replaceChildren(...nodes);
}

async function verify(input: Input): Promise<void> {
  last = input;
  const mine = ++run;
  resultSection.setAttribute('aria-busy', 'true');
  setVerdict(
    'verdict verdict--busy',
    [h('p', { class: 'verdict-title' }, 'Checking…'), h('p', { class: 'verdict-detail' }, input.label)],
    'busy',
  );
  details.replaceChildren();

  const opts = options();
  const result = await verifyCredential(input.data, opts);
  let pathway: Awaited<ReturnType<typeof verifyPathwayProof>> | undefined;
  let pathwayError: string | undefined;
  const definition = pathwayDefinitionOf(result.credential);
  if (definition && result.credential) {
    const proof = result.credential;
    // The outer ClrCredential was just verified (whatever its format): reuse that result rather than
    // verifying it (and every credential inside) a second time.
    const cache = new Map<string, Promise<unknown>>();
    try {
      const who = learner();
      pathway = await verifyPathwayProof(proof, {
        pathway: definition as never,
        ...(who ? { learner: who } : {}),
        verify: (c) => (c === proof ? Promise.resolve(result) : verifyCredential(c, { ...opts, cache })),
      });
    } catch (error) {
      pathwayError = `The pathway definition inside the proof is not usable: ${(error as Error).message}`;
    }
  }
  const email = emailInput.value.trim();
  const recipient =
    email && result.credential
      ? { email, ...(await matchesRecipient(result.credential, { email })) }
      : undefined;
  if (mine !== run) return; // a newer input arrived meanwhile

  show(input, result, definition, pathway, pathwayError, recipient);
  resultSection.removeAttribute('aria-busy');
  resultSection.dataset.completed = String(++completed);
}

function show(
  input: Input,
  result: VerificationResult,
  definition: Record<string, unknown> | undefined,
  pathway: Awaited<ReturnType<typeof verifyPathwayProof>> | undefined,
  pathwayError: string | undefined,
  recipient: { email: string; matched: boolean; identityType?: string } | undefined,
): void {
  if (imageUrl) URL.revokeObjectURL(imageUrl);
  imageUrl = undefined;
  // A baked image is the badge picture itself (an SVG in <img> cannot run scripts).
  if (result.container && input.data instanceof Uint8Array) {
    const type = result.container === 'png' ? 'image/png' : 'image/svg+xml';
    imageUrl = URL.createObjectURL(new Blob([input.data as Uint8Array<ArrayBuffer>], { type }));
  }

  const overall = (pathway ? pathway.verdict : pathwayError ? 'invalid' : result.verdict) as Verdict;
  // The same plain words as `credstack verify`: "authentic, but does not follow the OB 3.0 rule X"
  // is not "may have been altered".
  const explained = explainResult(result);
  let detail: string | undefined = explained.detail;
  if (pathway?.verified) {
    detail =
      'Pathway proof: the ClrCredential and every credential inside verify, and what it claims about the pathway matches them.';
  } else if (pathway || pathwayError) {
    const why = pathway?.checks.find((c) => c.status === 'failed')?.message ?? pathwayError;
    detail = `Pathway proof: ${why ?? 'it does not verify'}.`;
  }
  // Not a credential at all (a plain image, a key file) is said as such, not as "Not valid".
  const title = pathway || pathwayError ? undefined : explained.title;
  setVerdict(verdictTone(overall), verdictView(overall, detail, title), overall);

  const parts: Node[] = [
    h('p', { class: 'status-line', 'data-field': 'input-name' }, `Checked: ${input.label}`),
  ];
  if (recipient) parts.push(recipientView(recipient, result.credential !== undefined));
  if (result.credential) parts.push(cardView(result, imageUrl));
  parts.push(...explanationView(explained));
  if (pathwayError)
    parts.push(h('p', { class: 'status-line status-line--error', role: 'alert' }, pathwayError));
  if (pathway && definition) {
    parts.push(pathwayView(pathway, definition));
    parts.push(h('h3', {}, 'Pathway checks'), checksView(pathway.checks));
  }
  parts.push(
    h('h3', {}, pathway ? 'Credential checks (the ClrCredential)' : 'Checks'),
    checksView(result.checks),
  );
  if (result.acceptance?.length) parts.push(...acceptanceView(result.acceptance));
  if (result.embedded?.length) parts.push(embeddedView(result.embedded));
  if (result.endorsements?.length) parts.push(embeddedView(result.endorsements));
  details.replaceChildren(...parts);
}

async function readFile(file: File): Promise<void> {
  if (file.size > 16 * 1024 * 1024) {
    setVerdict(
      'verdict verdict--bad',
      [
        h('p', { class: 'verdict-title' }, '✗ File too large'),
        h('p', { class: 'verdict-detail' }, `${file.name} is over 16 MB.`),
      ],
      'invalid',
    );
    return;
  }
  // The file is what is checked now: text left in the paste box would read as if it were.
  paste.value = '';
  await verify({ data: new Uint8Array(await file.arrayBuffer()), label: file.name });
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void readFile(file);
});

$('verify-paste').addEventListener('click', () => {
  const value = paste.value.trim();
  if (value) {
    fileInput.value = '';
    void verify({ data: value, label: 'pasted text' });
  } else paste.focus();
});

// Drag and drop is a shortcut; the file input above does the same with a keyboard.
for (const type of ['dragenter', 'dragover'] as const) {
  dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add('dropzone--over');
  });
}
for (const type of ['dragleave', 'drop'] as const) {
  dropzone.addEventListener(type, () => dropzone.classList.remove('dropzone--over'));
}
dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) void readFile(file);
  else {
    const dropped = event.dataTransfer?.getData('text/plain')?.trim();
    if (dropped) void verify({ data: dropped, label: 'dropped text' });
  }
});

network.addEventListener('change', () => {
  if (last) void verify(last);
});
strict.addEventListener('change', () => {
  if (last) void verify(last);
});

// A pathway proof is judged for the learner named here: re-check it when that changes.
for (const input of [learnerInput, emailInput, trustInput]) {
  input.addEventListener('change', () => {
    if (last) void verify(last);
  });
}

trustFile.addEventListener('change', async () => {
  const file = trustFile.files?.[0];
  trustFromFile = undefined;
  trustFileName = undefined;
  if (file) {
    try {
      trustFromFile = loadTrustRegistry(JSON.parse(await file.text()));
      trustFileName = file.name;
    } catch (error) {
      trustStatus.textContent = `${file.name} was not loaded: ${(error as Error).message}`;
      trustStatus.classList.add('status-line--error');
      return;
    }
  }
  options(); // refresh the status line
  if (last) void verify(last);
});

documentsInput.addEventListener('change', async () => {
  const files = Array.from(documentsInput.files ?? []);
  if (!files.length) return;
  documentsStatus.classList.remove('status-line--error');
  const loaded = loadDocuments(
    await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() }))),
  );
  const n = Object.keys(loaded.documents).length;
  documents = n ? loaded.documents : undefined;
  documentsStatus.textContent = [
    `${n} trusted document${n === 1 ? '' : 's'} loaded from ${files.map((f) => f.name).join(', ')}.`,
    ...loaded.errors.map((e) => `Not used: ${e}.`),
  ].join(' ');
  if (loaded.errors.length) documentsStatus.classList.add('status-line--error');
  documentsClear.hidden = !documents;
  if (last) void verify(last);
});

documentsClear.addEventListener('click', () => {
  documents = undefined;
  documentsInput.value = '';
  documentsStatus.textContent = 'No documents loaded.';
  documentsClear.hidden = true;
  documentsInput.focus();
  if (last) void verify(last);
});
