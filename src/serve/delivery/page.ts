// Direct delivery (OB 3.0 §"direct delivery"): the interaction URL opened in a browser (from an
// e-mail, or a QR code scanned by a phone's camera) is a page offering the wallets' links, the
// QR code, and the signed badge as JSON and as a baked image. The page is a GET that changes
// nothing, because mail scanners follow every link in a message; signing happens on the POST
// of its download buttons. A download consumes the offer for the wallets and keeps the signed
// credential, so the learner can take the JSON and the image (and again later) until it expires.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bake } from '../../bake/index.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { signAs } from '../issuing.js';
import { problem, sendProblem } from '../problem.js';
import { type DeliveryContext, instanceFor, offerLinks } from './context.js';
import { isOfferId, type Offer } from './offers.js';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Whether the client asked for a page (a browser) rather than JSON (a wallet). */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /\btext\/html\b/.test(accept) && !/^\s*application\/(?:[\w.+-]*\+)?json\b/.test(accept);
}

const nameOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value.name === 'string' ? value.name : undefined;

function achievementOf(credential: JsonObject): JsonObject | undefined {
  const subject = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  return isObject(subject) && isObject(subject.achievement) ? subject.achievement : undefined;
}

/** The image to bake: the offer's, else the achievement's when it is a data: URL; else a drawn SVG. */
export function badgeImage(offer: Offer): { bytes: Uint8Array | string; type: 'png' | 'svg' } {
  const achievement = achievementOf(offer.credential);
  const image = achievement?.image;
  const candidates = [offer.image, isObject(image) ? image.id : image];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const match = /^data:image\/(png|svg\+xml)(;base64)?,(.*)$/s.exec(candidate);
    if (!match) continue;
    const type = match[1] === 'png' ? 'png' : 'svg';
    let data: Buffer | string;
    try {
      data = match[2] ? Buffer.from(match[3]!, 'base64') : decodeURIComponent(match[3]!);
    } catch {
      continue; // a malformed %-escape in the credential's image: the next candidate, or the drawn badge
    }
    return { bytes: type === 'png' ? new Uint8Array(data as Buffer) : data.toString(), type };
  }
  // No image offline (an https image is never fetched): a plain round badge with its name.
  const name = escapeHtml((nameOf(achievement) ?? 'Open Badge').slice(0, 60));
  return {
    type: 'svg',
    bytes: `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><circle cx="200" cy="200" r="190" fill="#1d4e89"/><circle cx="200" cy="200" r="170" fill="none" stroke="#fff" stroke-width="4"/><text x="200" y="210" font-family="sans-serif" font-size="22" fill="#fff" text-anchor="middle">${name}</text></svg>`,
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}a.button,button{display:inline-block;margin:.25rem 0;padding:.6rem 1rem;border-radius:.4rem;border:1px solid #1d4e89;background:#1d4e89;color:#fff;text-decoration:none;font-size:1rem;cursor:pointer}button.secondary{background:#fff;color:#1d4e89}svg.qr{width:14rem;height:14rem}</style></head><body>${body}</body></html>`;
}

/** Headers of every delivery page: nothing loaded from elsewhere, the offer's URL never leaked. */
function pageHeaders(reply: FastifyReply, baseUrl: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action ${new URL(baseUrl).origin}; frame-ancestors 'none'; base-uri 'none'`,
    );
}

/** The page of an offer, or of why there is none. */
export async function offerPage(
  reply: FastifyReply,
  context: DeliveryContext,
  offer: Offer | undefined,
): Promise<FastifyReply> {
  const { baseUrl } = context;
  pageHeaders(reply, baseUrl);
  const live = offer !== undefined && offer.expiresAt > Date.now();
  const direct = live && offer.state === 'issued' && offer.signed !== undefined;
  if (!live || (offer.state === 'issued' && !direct))
    return reply
      .code(404)
      .send(
        page(
          'No such offer',
          '<h1>This offer is not available</h1><p>It was already received into a wallet, or it has expired. Ask the issuer for a new one.</p>',
        ),
      );
  const achievement = nameOf(achievementOf(offer.credential)) ?? 'your credential';
  const issuerName = nameOf(offer.credential.issuer) ?? offer.issuer;
  const links = offerLinks(baseUrl, offer.id, offer.issuer, offer.challenge, offer.expiresAt);
  const QRCode = (await import('qrcode')).default;
  const qr = (await QRCode.toString(links.interactionUrl, { type: 'svg', margin: 2 })).replace(
    '<svg ',
    '<svg class="qr" role="img" aria-label="QR code of this offer" ',
  );
  const pin = offer.txCode
    ? '<p><label>Transaction code (sent to you apart from this link): <input name="txCode" inputmode="numeric" pattern="[0-9]{6}" required autocomplete="one-time-code"></label></p>'
    : '';
  const image = badgeImage(offer);
  const download = `<form method="post" action="${escapeHtml(`${baseUrl}/offers/${offer.id}/download`)}">${pin}<button name="format" value="json">Download the signed badge (JSON)</button> <button class="secondary" name="format" value="image">Download the badge image (${image.type.toUpperCase()}, credential baked in)</button></form>`;
  const wallets = direct
    ? '<p>You downloaded this badge already; you can download it again until the link expires.</p>'
    : `<h2>Into your wallet</h2><p>Scan this code with your wallet app, or open a link on this phone:</p>${qr}<p><a class="button" href="${escapeHtml(links.credentialOfferUri)}">Open in an OpenID4VCI wallet</a><br><a class="button" href="${escapeHtml(links.lcwDeepLink)}">Open in the Learner Credential Wallet</a></p>${offer.txCode ? '<p>Your wallet will ask for the transaction code you were sent.</p>' : ''}`;
  return reply.send(
    page(
      achievement,
      `<h1>${escapeHtml(achievement)}</h1><p>Offered by ${escapeHtml(issuerName)}, until ${escapeHtml(new Date(offer.expiresAt).toUTCString())}.</p>${wallets}<h2>Or keep it as a file</h2>${download}`,
    ),
  );
}

/** Registers POST /offers/:id/download (the page's buttons). */
export function registerDirectDelivery(app: FastifyInstance, context: DeliveryContext): void {
  const { offers, issuers } = context;
  app.post(
    '/offers/:id/download',
    {
      schema: {
        tags: ['delivery'],
        summary:
          'Direct delivery: the signed credential (format=json) or baked into its image (format=image)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { enum: ['json', 'image'] },
            txCode: { type: 'string', maxLength: 16 },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = (request.body ?? {}) as { format?: 'json' | 'image'; txCode?: string };
      let offer = isOfferId(id) ? await offers.get(id) : undefined;
      if (!offer || offer.expiresAt <= Date.now() || (offer.state === 'issued' && offer.signed === undefined))
        return sendProblem(reply, problem(404, 'NOT_FOUND', 'No such offer, or it was used or has expired'));
      if (offer.state === 'token' || offer.state === 'claimed')
        return sendProblem(reply, problem(409, 'CONFLICT', 'A wallet is receiving this offer'));
      // The link alone is not enough when the offer has a transaction code: every download asks.
      if (offer.txCode) {
        const tx = await offers.checkTxCode(offer.id, body.txCode === '' ? undefined : body.txCode);
        if (tx !== 'ok')
          return sendProblem(
            reply,
            problem(
              403,
              'FORBIDDEN',
              tx === 'burnt'
                ? 'Too many wrong transaction codes: the offer is void'
                : 'Wrong transaction code',
            ),
          );
      }
      if (offer.state === 'offered') {
        const instance =
          instanceFor(issuers, offer.issuer, 'di') ?? instanceFor(issuers, offer.issuer, 'jwt');
        if (!instance)
          return sendProblem(reply, problem(422, 'ERR_FORMAT_UNSUPPORTED', 'The issuer signs no credential'));
        if (!(await offers.claim(offer.id, 'offered')))
          return sendProblem(reply, problem(409, 'CONFLICT', 'This offer is being redeemed or was redeemed'));
        try {
          // Issued as offered: no wallet proved a key, so the subject is the one the issuer wrote.
          // Data Integrity when the key signs it: a JSON file every verifier and wallet opens.
          const signed = await signAs(instance, context.status, offer.credential, {
            ...(offer.statusPurpose ? { statusPurpose: offer.statusPurpose } : {}),
          });
          await offers.deliver(offer.id, signed, offer.credential.id as string | undefined);
        } catch (error) {
          await offers.release(offer.id, 'offered');
          throw error;
        }
        offer = (await offers.get(offer.id))!;
      }
      const signed = offer.signed!;
      reply.header('cache-control', 'no-store');
      if (body.format === 'image') {
        const image = badgeImage(offer);
        return reply
          .type(image.type === 'png' ? 'image/png' : 'image/svg+xml')
          .header('content-disposition', `attachment; filename="badge.${image.type}"`)
          .send(Buffer.from(bake(image.bytes, signed)));
      }
      return typeof signed === 'string'
        ? reply
            .type('application/vc+jwt')
            .header('content-disposition', 'attachment; filename="badge.jwt"')
            .send(signed)
        : reply
            .type('application/json')
            .header('content-disposition', 'attachment; filename="badge.json"')
            .send(JSON.stringify(signed, null, 2));
    },
  );
}
