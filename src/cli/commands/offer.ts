import type { Command } from 'commander';
import { CredstackError, isCredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import type { CreatedOffer } from '../../serve/delivery/client.js';
import { CliExit, EXIT, print, printError, printJson, readInput, readJson, writeOutput } from '../io.js';

interface OfferCliOptions {
  server: string;
  credential: string;
  issuer?: string;
  expiresIn?: string;
  txCode?: boolean;
  status?: string;
  apiKey?: string;
  qr?: string;
  image?: string;
  email?: string;
  json?: boolean;
}

/** `credstack offer`: a one-time offer of a credential to a learner's wallet, from a running `credstack serve`. */
export function registerOffer(program: Command): void {
  program
    .command('offer')
    .description(
      "Offer a credential to a learner's wallet (OpenID4VCI and VC-API behind one link and QR code)",
    )
    .requiredOption('--server <url>', 'the base URL of credstack serve')
    .requiredOption(
      '--credential <file>',
      'the unsigned credential; its subject id is set to the key the wallet proves',
    )
    .option('--issuer <name>', 'the issuer instance (GET /issuers; default: the first)')
    .option('--expires-in <seconds>', 'how long the offer stays valid (default 7 days)')
    .option(
      '--tx-code',
      'require a 6-digit transaction code (PIN), printed here: deliver it apart from the link',
    )
    .option('--status <purpose>', 'allocate a status slot: revocation | suspension')
    .option('--api-key <key>', 'bearer token for the service (default: $CREDSTACK_API_KEY)')
    .option('--qr <file.png>', 'also write the QR code of the interaction URL as a PNG')
    .option('--image <file>', 'the badge image (.png or .svg) baked for direct download on the offer page')
    .option(
      '--email <address>',
      "the learner's address: hashed into the subject (when it has no identifier) and a mailto: link printed",
    )
    .option(
      '--json',
      'print { interactionUrl, credentialOfferUri, lcwDeepLink, qrPng, expiresAt, txCode?, emailLink? } as JSON',
    )
    .addHelpText(
      'after',
      '\nThe QR code holds the interaction URL: an OpenID4VCI wallet or the Learner Credential Wallet follows it to the protocol it speaks.\n\n' +
        'Exit codes: 0 offered, 2 usage, an unreadable credential, or the service refused (its problem is printed).\n\n' +
        'Opened in a browser, the interaction URL is the offer page: the wallet links, the QR code, and downloads of the signed badge (JSON, and baked into --image).\n\n' +
        'Examples:\n  credstack offer --server http://127.0.0.1:8080 --credential badge.json\n' +
        '  credstack offer --server http://127.0.0.1:8080 --credential badge.json --image badge.png --email ana@example.org\n' +
        '  credstack offer --server https://badges.example.edu --credential badge.json --tx-code --qr offer.png --json\n',
    )
    .action(async (opts: OfferCliOptions) => {
      const credential = readJson(opts.credential);
      if (!isObject(credential))
        throw new CredstackError('ERR_INVALID_INPUT', `${opts.credential}: expected a JSON object`);
      let expiresIn: number | undefined;
      if (opts.expiresIn !== undefined) {
        expiresIn = Number(opts.expiresIn);
        if (!Number.isInteger(expiresIn) || expiresIn < 60)
          throw new CliExit(
            EXIT.usage,
            `--expires-in must be a number of seconds (60 or more), got ${opts.expiresIn}`,
          );
      }
      if (opts.status !== undefined && opts.status !== 'revocation' && opts.status !== 'suspension')
        throw new CliExit(EXIT.usage, `--status must be revocation or suspension, got ${opts.status}`);
      const apiKey = opts.apiKey ?? process.env.CREDSTACK_API_KEY;
      let image: string | undefined;
      if (opts.image !== undefined) {
        const type = /\.png$/i.test(opts.image)
          ? 'image/png'
          : /\.svg$/i.test(opts.image)
            ? 'image/svg+xml'
            : undefined;
        if (!type) throw new CliExit(EXIT.usage, `--image must be a .png or .svg file, got ${opts.image}`);
        image = `data:${type};base64,${Buffer.from(readInput(opts.image)).toString('base64')}`;
      }
      // The serve layer is loaded for this command only.
      const { createOffer } = await import('../../serve/delivery/client.js');
      let links: CreatedOffer;
      try {
        links = await createOffer({
          server: opts.server,
          credential,
          ...(opts.issuer ? { issuer: opts.issuer } : {}),
          ...(expiresIn !== undefined ? { expiresIn } : {}),
          ...(opts.txCode ? { txCode: true } : {}),
          ...(opts.status ? { statusPurpose: opts.status } : {}),
          ...(image ? { image } : {}),
          ...(opts.email ? { email: opts.email } : {}),
          ...(apiKey ? { apiKey } : {}),
        });
      } catch (error) {
        // A refusal or a bad --server/--email is the caller's to fix: a usage error, with its reason.
        if (
          isCredstackError(error) &&
          (error.code === 'ERR_SERVICE_REFUSED' || error.code === 'ERR_INVALID_INPUT')
        )
          throw new CliExit(EXIT.usage, error.message);
        throw error;
      }
      // qrcode is loaded for this command only.
      const QRCode = (await import('qrcode')).default;
      const png = await QRCode.toBuffer(links.interactionUrl, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 512,
      });
      if (opts.qr) writeOutput(opts.qr, png);
      if (opts.json) {
        printJson({
          interactionUrl: links.interactionUrl,
          credentialOfferUri: links.credentialOfferUri,
          lcwDeepLink: links.lcwDeepLink,
          qrPng: `data:image/png;base64,${png.toString('base64')}`,
          expiresAt: links.expiresAt,
          ...(links.txCode ? { txCode: links.txCode } : {}),
          ...(links.emailLink ? { emailLink: links.emailLink } : {}),
        });
        return;
      }
      print(await QRCode.toString(links.interactionUrl, { type: 'terminal', small: true }));
      print(
        `Interaction URL (the QR code): ${links.interactionUrl}\nOpenID4VCI offer: ${links.credentialOfferUri}\nLearner Credential Wallet: ${links.lcwDeepLink}\nValid until ${links.expiresAt}\n`,
      );
      if (links.emailLink) print(`E-mail to the learner: ${links.emailLink}\n`);
      if (links.txCode) printError(`Transaction code (send it apart from the link): ${links.txCode}\n`);
    });
}
