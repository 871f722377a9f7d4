// The reference stack (@digitalbazaar/vc + data-integrity cryptosuites + did:key driver), set up
// independently of credstack's own key handling, to check interop in both directions.
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as DidKey from '@digitalbazaar/did-method-key';
import { getBundledContext } from '../../src/contexts/index.js';

const didKeyDriver = DidKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKeyDriver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });

/** A document loader built from @digitalbazaar's did:key driver and the (shared) bundled context files. */
export async function referenceDocumentLoader(
  url: string,
): Promise<{ contextUrl: null; documentUrl: string; document: unknown }> {
  const context = getBundledContext(url);
  if (context) return { contextUrl: null, documentUrl: url, document: context };
  if (url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({ url });
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`reference loader: no document for ${url}`);
}

export { EcdsaMultikey, Ed25519Multikey, didKeyDriver };
