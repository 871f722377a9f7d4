import jsonld from 'jsonld';
import type { DocumentLoader } from '../contexts/index.js';
import { concatBytes, sha256 } from '../lib/bytes.js';
import type { JsonObject } from '../lib/json.js';

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document in safe mode (undefined terms are errors,
 * not silently dropped) — the input of eddsa-rdfc-2022 / ecdsa-rdfc-2019 hashing.
 */
export async function canonize(document: JsonObject, documentLoader: DocumentLoader): Promise<string> {
  return jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    base: null,
    documentLoader,
  });
}

/**
 * The hash data of a Data Integrity proof (VC-DI-EDDSA §3.2.4 / VC-DI-ECDSA): the canonical
 * proof configuration (the proof without `proofValue`, under the document's `@context`) and the
 * canonical document without its proof, each hashed with SHA-256, proof hash first.
 */
export async function proofHashData(
  document: JsonObject,
  proofOptions: JsonObject,
  documentLoader: DocumentLoader,
): Promise<{ documentCanon: string; proofCanon: string; hashData: Uint8Array }> {
  const { proof: _proof, ...unsecured } = document;
  const { proofValue: _value, ...options } = proofOptions;
  const proofCanon = await canonize({ '@context': document['@context'], ...options }, documentLoader);
  const documentCanon = await canonize(unsecured, documentLoader);
  const hashData = concatBytes(await sha256(proofCanon), await sha256(documentCanon));
  return { documentCanon, proofCanon, hashData };
}
