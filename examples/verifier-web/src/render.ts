// Views of a verification: the verdict, the badge card, the checks, and a pathway proof's
// components and milestones. Pure functions from results to DOM nodes.
import type { PathwayProofResult } from '../../../src/pathway/index.js';
import type {
  AcceptanceNote,
  Check,
  Explanation,
  VerificationResult,
  Verdict,
} from '../../../src/verify/index.js';
import { h, icon } from './dom.js';

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const hasType = (value: unknown, type: string): boolean => asArray(value).includes(type);

/** What the big verdict says, and how it looks. */
const VERDICTS: Record<Verdict, { title: string; detail: string; tone: 'ok' | 'bad' | 'warn' }> = {
  verified: {
    title: '✓ Verified',
    detail: 'Authentic and unaltered, current and not revoked.',
    tone: 'ok',
  },
  invalid: {
    title: '✗ Not valid',
    detail: 'This credential fails verification: it may have been altered or was not issued as shown.',
    tone: 'bad',
  },
  revoked: { title: '✗ Revoked', detail: 'The issuer has revoked this credential.', tone: 'bad' },
  suspended: { title: '✗ Suspended', detail: 'The issuer has suspended this credential.', tone: 'bad' },
  expired: {
    title: '✗ Expired',
    detail: 'The credential was genuine but is past its expiry date.',
    tone: 'bad',
  },
  'not-yet-valid': { title: '✗ Not yet valid', detail: 'The credential is not valid yet.', tone: 'warn' },
  indeterminate: {
    title: '? Could not be fully checked',
    detail:
      'Something needed to decide could not be obtained (for example a status list or a did:web key). Load it as a trusted document, or allow network lookups.',
    tone: 'warn',
  },
};

/**
 * The big verdict; `detail` replaces the standard sentence (e.g. for a pathway proof), `title`
 * the standard heading (for input that is no credential: "No badge in this image").
 */
export function verdictView(verdict: Verdict, detail?: string, title?: string): HTMLElement[] {
  const v = VERDICTS[verdict] ?? VERDICTS.invalid;
  const glyph = v.title.split(' ')[0];
  const standard = v.title.slice(glyph!.length + 1);
  return [
    h('p', { class: 'verdict-title' }, title && title !== standard ? `${glyph} ${title}` : v.title),
    h('p', { class: 'verdict-detail' }, detail ?? v.detail),
  ];
}

export function verdictTone(verdict: Verdict): string {
  return `verdict verdict--${(VERDICTS[verdict] ?? VERDICTS.invalid).tone}`;
}

/**
 * Who signed and the broken rules of the text, in the words of explainResult: an unknown issuer
 * reads "signed by …, which calls itself …", never "the issuer is who it claims to be".
 */
export function explanationView(e: Explanation): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (e.issuer) out.push(h('p', { class: 'status-line', 'data-field': 'signed-by' }, e.issuer));
  if (e.disclosure) out.push(h('p', { class: 'status-line', 'data-field': 'disclosure' }, e.disclosure));
  if (e.conformance.length) {
    out.push(
      h('h3', {}, 'Rules of the text'),
      h(
        'ul',
        { class: 'checks', 'data-field': 'conformance' },
        e.conformance.map((line) =>
          h(
            'li',
            { class: 'check check--warning' },
            h('span', { class: 'check-status' }, icon('!'), 'Rule'),
            h('span', { class: 'check-body' }, line),
          ),
        ),
      ),
    );
  }
  return out;
}

/** The candidate's e-mail check: a copied badge is genuine, but it is not theirs. */
export function recipientView(
  r: { email: string; matched: boolean; identityType?: string },
  readable: boolean,
): HTMLElement {
  return h(
    'p',
    {
      class: `status-line ${r.matched ? '' : 'status-line--error'}`.trim(),
      'data-field': 'recipient',
      'data-matched': String(r.matched),
    },
    r.matched
      ? `✓ Issued to ${r.email}${r.identityType ? ` (by its ${r.identityType} identifier)` : ''}.`
      : `✗ Not issued to ${r.email}: the badge names another recipient${readable ? '' : ' (or none that could be read)'}.`,
  );
}

/** Which well-known verifiers' published rules take this format: a wallet may refuse a genuine badge. */
export function acceptanceView(notes: readonly AcceptanceNote[]): HTMLElement[] {
  return [
    h('h3', {}, 'Other verifiers (by their published rules)'),
    h(
      'ul',
      { class: 'checks', 'data-field': 'acceptance' },
      notes.map((n) =>
        h(
          'li',
          { class: `check check--${n.accepts ? 'passed' : 'warning'}`, 'data-verifier': n.verifier },
          h(
            'span',
            { class: 'check-status' },
            icon(n.accepts ? '✓' : '✗'),
            n.accepts ? 'Accepts' : 'Refuses',
          ),
          h('span', { class: 'check-body' }, h('span', { class: 'check-id' }, `${n.name}:`), n.reason),
        ),
      ),
    ),
  ];
}

const STATUS: Record<string, { glyph: string; word: string }> = {
  passed: { glyph: '✓', word: 'Passed' },
  failed: { glyph: '✗', word: 'Failed' },
  warning: { glyph: '!', word: 'Warning' },
  skipped: { glyph: '–', word: 'Skipped' },
};

/** A list of checks: icon and word for the status (never colour alone), what was checked, why. */
export function checksView(
  checks: ReadonlyArray<Pick<Check, 'status' | 'code' | 'message'> & { id: string }>,
): HTMLElement {
  return h(
    'ul',
    { class: 'checks' },
    checks.map((c) => {
      const s = STATUS[c.status] ?? { glyph: '?', word: c.status };
      return h(
        'li',
        { class: `check check--${c.status}`, 'data-check': c.id, 'data-status': c.status },
        h('span', { class: 'check-status' }, icon(s.glyph), s.word),
        h(
          'span',
          { class: 'check-body' },
          h('span', { class: 'check-id' }, `${c.id}:`),
          c.message,
          ' ',
          h('span', { class: 'check-code' }, `(${c.code})`),
        ),
      );
    }),
  );
}

function achievementOf(credential: Json): Json | undefined {
  const subject = asArray(credential.credentialSubject)[0];
  if (!isObject(subject)) return undefined;
  if (isObject(subject.achievement)) return subject.achievement;
  // A ClrCredential: prefer the pathway (or first) Achievement it restates.
  const list = asArray(subject.achievement).filter(isObject);
  return list.find((a) => a.pathwayDefinition !== undefined) ?? list[0];
}

/** A data: image URL from the credential, if any (remote images are not loaded: the page stays offline). */
function dataImage(value: unknown): string | undefined {
  const url = isObject(value) ? value.id : value;
  return typeof url === 'string' && /^data:image\/(png|svg\+xml|jpeg|gif|webp)[;,]/i.test(url)
    ? url
    : undefined;
}

function learnerView(credential: Json): Array<string | HTMLElement> {
  const subject = asArray(credential.credentialSubject)[0];
  if (!isObject(subject)) return ['unknown'];
  const out: Array<string | HTMLElement> = [];
  if (text(subject.id)) out.push(h('code', {}, String(subject.id)));
  for (const identity of asArray(subject.identifier).filter(isObject)) {
    const type = text(identity.identityType) ?? 'identifier';
    const hash = String(identity.identityHash ?? '');
    if (out.length) out.push(h('br'));
    out.push(
      identity.hashed === true
        ? `${type} (hashed: ${hash.slice(0, 18)}…; the plain value is not in the badge)`
        : `${type}: ${hash}`,
    );
  }
  return out.length ? out : ['not named in the credential'];
}

/** The badge: image, achievement name and description, issuer, learner, dates and format. */
export function cardView(result: VerificationResult, imageUrl: string | undefined): HTMLElement {
  const credential = result.credential ?? {};
  const achievement = achievementOf(credential);
  const image = imageUrl ?? dataImage(achievement?.image) ?? dataImage(credential.image);
  const name = text(achievement?.name) ?? text(credential.name) ?? 'Unnamed credential';
  const description = text(achievement?.description) ?? text(credential.description);
  const issuerName = result.issuerName;
  const format =
    result.format === 'vc-jwt'
      ? 'VC-JWT'
      : result.format === 'data-integrity'
        ? 'Data Integrity proof'
        : result.format === 'unsecured'
          ? 'no proof'
          : 'unknown';
  const kind = asArray(credential.type)
    .filter((t) => t !== 'VerifiableCredential')
    .join(', ');
  return h(
    'article',
    { class: 'card', 'aria-labelledby': 'card-name' },
    image
      ? h('img', { class: 'card-image', src: image, alt: `Badge image: ${name}` })
      : h(
          'div',
          { class: 'card-image card-image--placeholder', role: 'img', 'aria-label': 'No badge image' },
          'No image',
        ),
    h(
      'div',
      {},
      result.verified
        ? null
        : h(
            'p',
            { class: 'card-warning' },
            icon('!'),
            'What follows is what the credential says. It did not verify, so do not rely on it.',
          ),
      h('h3', { id: 'card-name' }, name),
      description ? h('p', { class: 'description' }, description) : null,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Issuer'),
        h(
          'dd',
          { 'data-field': 'issuer' },
          issuerName
            ? [
                issuerName,
                ' ',
                h('span', { class: 'unverified-note' }, '(name as stated by the issuer)'),
                h('br'),
              ]
            : null,
          h('code', {}, result.issuer ?? 'unknown'),
        ),
        h('dt', {}, 'Learner'),
        h('dd', { 'data-field': 'learner' }, learnerView(credential)),
        text(credential.validFrom)
          ? [h('dt', {}, 'Valid from'), h('dd', {}, String(credential.validFrom))]
          : null,
        text(credential.validUntil)
          ? [h('dt', {}, 'Valid until'), h('dd', {}, String(credential.validUntil))]
          : null,
        h('dt', {}, 'Type'),
        h('dd', {}, kind || 'unknown'),
        h('dt', {}, 'Format'),
        h('dd', {}, format, result.container ? `, baked in a ${result.container.toUpperCase()} image` : ''),
      ),
    ),
  );
}

/** The credentials inside a ClrCredential, each with its verdict. */
export function embeddedView(results: readonly VerificationResult[]): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, `Credentials inside (${results.length})`),
    h(
      'ul',
      { class: 'embedded' },
      results.map((r) => {
        const a = r.credential ? achievementOf(r.credential) : undefined;
        const title = VERDICTS[r.verdict]?.title ?? r.verdict;
        return h(
          'li',
          {},
          h('strong', {}, text(a?.name) ?? text(r.credential?.name) ?? 'Credential'),
          ` — ${title.replace(/^\S+ /, '')}, issued by ${r.issuerName ?? r.issuer ?? 'unknown'}`,
        );
      }),
    ),
  );
}

/** The pathway definition a credstack pathway proof carries, if this credential is one. */
export function pathwayDefinitionOf(credential: Json | undefined): Json | undefined {
  if (!credential || !hasType(credential.type, 'ClrCredential')) return undefined;
  const subject = asArray(credential.credentialSubject)[0];
  if (!isObject(subject) || !isObject(subject.pathwayProgress)) return undefined;
  const pathwayId = subject.pathwayProgress.pathway;
  const achievement = asArray(subject.achievement)
    .filter(isObject)
    .find((a) => a.id === pathwayId && isObject(a.pathwayDefinition));
  return achievement?.pathwayDefinition as Json | undefined;
}

const STATE: Record<string, { glyph: string; word: string }> = {
  earned: { glyph: '✓', word: 'Earned' },
  available: { glyph: '→', word: 'Available' },
  // Not an emoji: it must render with any system font.
  locked: { glyph: '⊘', word: 'Locked' },
};

/** Stages by prerequisite depth: a component sits one stage after its deepest prerequisite. */
function stagesOf(components: PathwayProofResult['components'], definition: Json): string[][] {
  const prerequisites = new Map<string, string[]>();
  for (const c of asArray(definition.components).filter(isObject)) {
    prerequisites.set(String(c.id), asArray(c.prerequisites).map(String));
  }
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // validatePathway rejects cycles; this only guards the recursion
    seen.add(id);
    const d = Math.max(-1, ...(prerequisites.get(id) ?? []).map((p) => depthOf(p, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  const stages: string[][] = [];
  for (const c of components) {
    const d = depthOf(c.id, new Set());
    stages[d] = [...(stages[d] ?? []), c.id];
  }
  return stages.filter(Boolean);
}

/** Who issued the credential that earned a component: its stated name, else a shortened id. */
function issuerLabel(result: PathwayProofResult, by: { index: number; issuer: string }): string {
  const issuer = result.credentials[by.index]?.credential?.issuer;
  const name = isObject(issuer) ? text(issuer.name) : undefined;
  return name ?? (by.issuer.length > 40 ? `${by.issuer.slice(0, 24)}…${by.issuer.slice(-6)}` : by.issuer);
}

/** A pathway proof: completion, milestones, and the components as stages of a graph. */
export function pathwayView(result: PathwayProofResult, definition: Json): HTMLElement {
  const byId = new Map(result.components.map((c) => [c.id, c]));
  const names = new Map(result.components.map((c) => [c.id, c.name]));
  const earnedCount = result.components.filter((c) => c.state === 'earned').length;
  const employer = isObject(definition.employer)
    ? (text(definition.employer.name) ?? text(definition.employer.id))
    : undefined;
  const occupations = asArray(definition.occupations)
    .filter(isObject)
    .map((o) => `${String(o.name)} (${String(o.framework)} ${String(o.code)})`)
    .join('; ');
  const stages = stagesOf(result.components, definition);
  return h(
    'section',
    { class: 'pathway', 'aria-labelledby': 'pathway-heading' },
    h('h3', { id: 'pathway-heading' }, `Pathway: ${String(definition.name ?? definition.id)}`),
    h(
      'div',
      { class: 'pathway-head' },
      h(
        'p',
        { id: 'pathway-completion' },
        h('strong', {}, result.complete ? '✓ Pathway complete' : 'In progress'),
        ` — ${earnedCount} of ${result.components.length} components earned (recomputed from the credentials inside).`,
      ),
      employer ? h('p', {}, `Defined by ${employer}${occupations ? ` toward ${occupations}` : ''}.`) : null,
      h(
        'p',
        { class: 'unverified-note' },
        'The pathway definition comes from the proof itself (',
        h('code', {}, String(definition.id)),
        '): check that it is the pathway you expect.',
      ),
    ),
    h('h4', {}, 'Milestones'),
    h(
      'ul',
      { class: 'milestones', 'aria-label': 'Milestones' },
      result.milestones.length === 0
        ? h('li', {}, 'This pathway has no milestones.')
        : result.milestones.map((m) =>
            h(
              'li',
              { 'data-milestone': m.id, 'data-reached': String(m.reached) },
              h(
                'span',
                { class: `pill pill--${m.reached ? 'reached' : 'pending'}` },
                icon(m.reached ? '✓' : '○'),
                m.reached ? 'Reached' : 'Not yet',
              ),
              h(
                'span',
                {},
                h('strong', {}, m.name),
                m.reached && m.reachedAt ? ` — on ${m.reachedAt.slice(0, 10)}` : ` — ${m.explanation}`,
              ),
            ),
          ),
    ),
    h('h4', {}, 'Components'),
    h(
      'ol',
      // Focusable: a long pathway scrolls sideways, and keyboard users must be able to scroll it.
      { class: 'stages', 'aria-label': 'Components by stage', tabindex: '0' },
      stages.map((ids, i) =>
        h(
          'li',
          { class: 'stage' },
          h('h4', {}, `Stage ${i + 1}`),
          h(
            'ul',
            { class: 'components' },
            ids.map((id) => {
              const c = byId.get(id)!;
              const s = STATE[c.state] ?? { glyph: '?', word: c.state };
              const prereqs = asArray(
                asArray(definition.components)
                  .filter(isObject)
                  .find((x) => x.id === id)?.prerequisites,
              ).map((p) => names.get(String(p)) ?? String(p));
              return h(
                'li',
                { class: `component component--${c.state}`, 'data-component': id, 'data-state': c.state },
                h('span', { class: `pill pill--${c.state}` }, icon(s.glyph), s.word),
                h('span', { class: 'component-name' }, c.name),
                c.earnedBy
                  ? h('p', {}, `${c.earnedBy.validFrom.slice(0, 10)}, ${issuerLabel(result, c.earnedBy)}`)
                  : c.state === 'locked' && c.missingPrerequisites.length
                    ? h(
                        'p',
                        {},
                        `Needs first: ${c.missingPrerequisites.map((p) => names.get(p) ?? p).join(', ')}`,
                      )
                    : prereqs.length
                      ? h('p', {}, `After: ${prereqs.join(', ')}`)
                      : h('p', {}, 'Can be taken any time'),
              );
            }),
          ),
        ),
      ),
    ),
  );
}
