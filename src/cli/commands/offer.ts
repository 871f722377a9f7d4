import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { CliExit, EXIT, print, printError, printJson, readJson, writeOutput } from '../io.js';

interface OfferCliOptions {
  server: string;
  credential: string;
  issuer?: string;
  expiresIn?: string;
  txCode?: boolean;
  status?: string;
  apiKey?: string;
  qr?: string;
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
    .option('--json', 'print { interactionUrl, credentialOfferUri, lcwDeepLink, qrPng, txCode? } as JSON')
    .addHelpText(
      'after',
      '\nThe QR code holds the interaction URL: an OpenID4VCI wallet or the Learner Credential Wallet follows it to the protocol it speaks.\n\n' +
        'Exit codes: 0 offered, 2 usage, an unreadable credential, or the service refused (its problem is printed).\n\n' +
        'Examples:\n  credstack offer --server http://127.0.0.1:8080 --credential badge.json\n' +
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
      let base: URL;
      try {
        base = new URL(opts.server);
      } catch {
        throw new CliExit(EXIT.usage, `--server must be a URL, got ${opts.server}`);
      }
      const apiKey = opts.apiKey ?? process.env.CREDSTACK_API_KEY;
      let response: Response;
      try {
        response = await fetch(new URL('offers', base.href.endsWith('/') ? base : `${base.href}/`), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify({
            credential,
            ...(opts.issuer ? { issuer: opts.issuer } : {}),
            ...(expiresIn !== undefined ? { expiresIn } : {}),
            ...(opts.txCode ? { txCode: true } : {}),
            ...(opts.status ? { credentialStatus: { statusPurpose: opts.status } } : {}),
          }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (cause) {
        throw new CredstackError(
          'ERR_FETCH_FAILED',
          `${opts.server} does not answer: ${(cause as Error).message}`,
          { cause },
        );
      }
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status !== 201)
        throw new CliExit(
          EXIT.usage,
          `The service refused the offer (${response.status} ${String(body.code ?? '')}): ${String(body.detail ?? '')}`,
        );
      const links = body as {
        interactionUrl: string;
        credentialOfferUri: string;
        lcwDeepLink: string;
        txCode?: string;
        expiresAt: string;
      };
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
        });
        return;
      }
      print(await QRCode.toString(links.interactionUrl, { type: 'terminal', small: true }));
      print(
        `Interaction URL (the QR code): ${links.interactionUrl}\nOpenID4VCI offer: ${links.credentialOfferUri}\nLearner Credential Wallet: ${links.lcwDeepLink}\nValid until ${links.expiresAt}\n`,
      );
      if (links.txCode) printError(`Transaction code (send it apart from the link): ${links.txCode}\n`);
    });
}
