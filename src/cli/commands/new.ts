import { extname } from 'node:path';
import type { Command } from 'commander';
import { importKeyFile } from '../../keys/index.js';
import type { AchievementInput } from '../../model/achievement.js';
import type { AlignmentInput } from '../../model/alignment.js';
import { ACHIEVEMENT_TYPES } from '../../model/constants.js';
import { createOpenBadgeCredential } from '../../model/credential.js';
import type { RecipientInput } from '../../model/recipient.js';
import type { AchievementType } from '../../model/types/achievement.js';
import { CliExit, collect, EXIT, jsonText, printError, readInput, readJson, writeOutput } from '../io.js';

export interface NewBadgeCliOptions {
  name: string;
  description: string;
  criteria: string;
  email?: string;
  did?: string;
  alignment?: string[];
  image?: string;
  achievementId?: string;
  achievementType?: string;
  issuer?: string;
  issuerName?: string;
  key?: string;
  validUntil?: string;
  out?: string;
}

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** `--alignment URL,NAME[,FRAMEWORK]`: the URL ends at the first comma, a framework follows the last. */
export function parseAlignment(value: string): AlignmentInput {
  const first = value.indexOf(',');
  const url = first < 0 ? value : value.slice(0, first);
  const rest = first < 0 ? '' : value.slice(first + 1);
  const last = rest.lastIndexOf(',');
  const name = (last < 0 ? rest : rest.slice(0, last)).trim();
  const framework = last < 0 ? '' : rest.slice(last + 1).trim();
  if (!URL.canParse(url) || name === '') {
    throw new CliExit(
      EXIT.usage,
      `--alignment must be URL,NAME or URL,NAME,FRAMEWORK (e.g. https://skills.example/teamwork,Teamwork,Example Skills), got ${value}`,
    );
  }
  return { targetUrl: url, targetName: name, ...(framework ? { targetFramework: framework } : {}) };
}

/** `--image`: a URL (https:, data:) as given, or a local PNG/SVG/JPEG file as a `data:` URI. */
function imageFrom(value: string): string {
  if (/^(https?|data):/i.test(value)) return value;
  const type = IMAGE_TYPES[extname(value).toLowerCase()];
  if (!type)
    throw new CliExit(EXIT.usage, `--image must be a URL or a .png, .svg or .jpg file, got ${value}`);
  return `data:${type};base64,${Buffer.from(readInput(value)).toString('base64')}`;
}

export function registerNew(program: Command): void {
  const cmd = program
    .command('new')
    .description('Write a new unsigned credential to sign with credstack issue');
  cmd
    .command('badge')
    .description('An unsigned Open Badges 3.0 credential (OpenBadgeCredential) for one recipient')
    .requiredOption('--name <name>', 'the achievement’s name')
    .requiredOption('--description <text>', 'what the achievement is')
    .requiredOption('--criteria <text>', 'how it is earned (Markdown narrative) or a criteria URL')
    .option('--email <email>', 'the recipient’s email, stored hashed with a random salt')
    .option('--did <id>', 'the recipient’s DID (or other URI): credentialSubject.id')
    .option(
      '--alignment <url,name,framework>',
      'a competency or standard the achievement aligns to (repeatable); FRAMEWORK optional',
      collect,
    )
    .option('--image <url|file>', 'the achievement’s image: a URL, or a .png/.svg/.jpg file embedded')
    .option('--achievement-id <url>', 'the achievement’s id (default: a new urn:uuid:)')
    .option(
      '--achievement-type <type>',
      `an AchievementType (${ACHIEVEMENT_TYPES.slice(0, 5).join(', ')}, …) or ext:NAME`,
    )
    .option('--issuer <id>', 'the issuer id (default: set by credstack issue from the key)')
    .option('--issuer-name <name>', 'the issuer’s display name (needs --issuer or --key)')
    .option('--key <keyfile>', 'take the issuer id from this key file (its controller)')
    .option('--valid-until <iso>', 'expiry, ISO 8601')
    .option('--out <file>', 'where to write the credential (default: stdout)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 usage or unreadable input.\n\nExamples:\n' +
        '  credstack new badge --name "Forklift Safety" --description "Operates a forklift safely." \\\n' +
        '    --criteria "Passed the driving assessment." --email ana@example.org --out badge.json\n' +
        '  credstack new badge --name Teamwork --description "Works in a team." --criteria "Peer review." \\\n' +
        '    --did did:key:z6Mk… --alignment "https://skills.example/teamwork,Teamwork,Example Skills" --image badge.png\n' +
        '  credstack issue --key issuer-key.json --in badge.json --out badge.signed.json\n',
    )
    .action(async (opts: NewBadgeCliOptions) => {
      const credential = await newBadge(opts);
      writeOutput(opts.out, jsonText(credential));
      if (opts.out) printError(`Wrote an unsigned badge to ${opts.out}; sign it with credstack issue\n`);
    });
}

/** The unsigned credential `credstack new badge` writes. */
export async function newBadge(opts: NewBadgeCliOptions): Promise<Record<string, unknown>> {
  if (opts.email === undefined && opts.did === undefined)
    throw new CliExit(EXIT.usage, 'new badge needs a recipient: --email <email> or --did <id>');
  if (opts.issuer !== undefined && opts.key !== undefined)
    throw new CliExit(EXIT.usage, '--issuer and --key exclude each other (the key names its issuer)');
  const issuerId = opts.issuer ?? (opts.key ? importKeyFile(readJson(opts.key)).controller : undefined);
  if (opts.issuerName !== undefined && issuerId === undefined)
    throw new CliExit(EXIT.usage, '--issuer-name needs --issuer or --key');
  const criteria = /^https?:\/\//i.test(opts.criteria) ? { id: opts.criteria } : opts.criteria;
  const achievement: AchievementInput = {
    ...(opts.achievementId ? { id: opts.achievementId } : {}),
    name: opts.name,
    description: opts.description,
    criteria,
    ...(opts.achievementType ? { achievementType: opts.achievementType as AchievementType } : {}),
    ...(opts.alignment ? { alignment: opts.alignment.map(parseAlignment) } : {}),
    ...(opts.image ? { image: imageFrom(opts.image) } : {}),
  };
  const recipient: RecipientInput =
    opts.email !== undefined
      ? { email: opts.email, ...(opts.did ? { id: opts.did } : {}) }
      : { id: opts.did as string };
  // Without an issuer the credential is a template: `credstack issue` sets the key's controller.
  // The builder needs one, so a placeholder stands in and is removed.
  const credential: Record<string, unknown> = await createOpenBadgeCredential({
    issuer: issuerId
      ? { id: issuerId, ...(opts.issuerName ? { name: opts.issuerName } : {}) }
      : 'urn:credstack:issuer-set-by-issue',
    achievement,
    recipient,
    ...(opts.validUntil ? { validUntil: opts.validUntil } : {}),
  });
  if (!issuerId) delete credential.issuer;
  return credential;
}
