// Generated list of the JSON-LD contexts credstack ships. Sources: see src/contexts/SOURCES.md.
// JSON imports are inlined by the bundler, so the contexts work offline and in browsers.

import bitstringStatusListV1 from './documents/bitstring-status-list-v1.json' with { type: 'json' };
import clrContext200 from './documents/clr-context-2.0.0.json' with { type: 'json' };
import clrContext201 from './documents/clr-context-2.0.1.json' with { type: 'json' };
import credstackPathwayV1 from './documents/credstack-pathway-v1.json' with { type: 'json' };
import credentialsExamplesV1 from './documents/credentials-examples-v1.json' with { type: 'json' };
import credentialsV1 from './documents/credentials-v1.json' with { type: 'json' };
import credentialsV2 from './documents/credentials-v2.json' with { type: 'json' };
import dataIntegrityV1 from './documents/data-integrity-v1.json' with { type: 'json' };
import dataIntegrityV2 from './documents/data-integrity-v2.json' with { type: 'json' };
import didV1 from './documents/did-v1.json' with { type: 'json' };
import ed255192020V1 from './documents/ed25519-2020-v1.json' with { type: 'json' };
import extAccessibilityExtensionContext300 from './documents/ext-accessibilityExtension-context-3.0.0.json' with {
  type: 'json',
};
import extApplyLinkExtensionContext300 from './documents/ext-applyLinkExtension-context-3.0.0.json' with {
  type: 'json',
};
import extGeoCoordinatesExtensionContext300 from './documents/ext-geoCoordinatesExtension-context-3.0.0.json' with {
  type: 'json',
};
import extLicenseExtensionContext300 from './documents/ext-licenseExtension-context-3.0.0.json' with {
  type: 'json',
};
import jws2020V1 from './documents/jws-2020-v1.json' with { type: 'json' };
import multikeyV1 from './documents/multikey-v1.json' with { type: 'json' };
import obContext300 from './documents/ob-context-3.0.0.json' with { type: 'json' };
import obContext301 from './documents/ob-context-3.0.1.json' with { type: 'json' };
import obContext302 from './documents/ob-context-3.0.2.json' with { type: 'json' };
import obContext303 from './documents/ob-context-3.0.3.json' with { type: 'json' };
import obExtensions from './documents/ob-extensions.json' with { type: 'json' };
import securityV1 from './documents/security-v1.json' with { type: 'json' };
import securityV2 from './documents/security-v2.json' with { type: 'json' };
import statusList2021V1 from './documents/status-list-2021-v1.json' with { type: 'json' };

/** URL → context document, for every context credstack bundles. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['https://www.w3.org/ns/credentials/v2', credentialsV2],
  ['https://www.w3.org/2018/credentials/v1', credentialsV1],
  ['https://www.w3.org/2018/credentials/examples/v1', credentialsExamplesV1],
  ['https://w3id.org/security/data-integrity/v1', dataIntegrityV1],
  ['https://w3id.org/security/data-integrity/v2', dataIntegrityV2],
  ['https://w3id.org/security/multikey/v1', multikeyV1],
  ['https://www.w3.org/ns/did/v1', didV1],
  ['https://w3id.org/did/v1', didV1],
  ['https://w3id.org/security/suites/ed25519-2020/v1', ed255192020V1],
  ['https://w3id.org/security/suites/jws-2020/v1', jws2020V1],
  ['https://w3id.org/security/v1', securityV1],
  ['https://w3id.org/security/v2', securityV2],
  ['https://www.w3.org/ns/credentials/status/v1', bitstringStatusListV1],
  ['https://w3id.org/vc/status-list/2021/v1', statusList2021V1],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', obContext300],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld', obContext300],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', obContext301],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', obContext302],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', obContext303],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', obExtensions],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context.json', clrContext200],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', clrContext201],
  [
    'https://openbadgespec.org/extensions/accessibilityExtension/context-3.0.0.json',
    extAccessibilityExtensionContext300,
  ],
  [
    'https://openbadgespec.org/extensions/applyLinkExtension/context-3.0.0.json',
    extApplyLinkExtensionContext300,
  ],
  [
    'https://openbadgespec.org/extensions/geoCoordinatesExtension/context-3.0.0.json',
    extGeoCoordinatesExtensionContext300,
  ],
  ['https://openbadgespec.org/extensions/licenseExtension/context-3.0.0.json', extLicenseExtensionContext300],
  ['https://credstack.dev/contexts/pathway/v1.json', credstackPathwayV1],
]);
