/**
 * Credential status: W3C Bitstring Status List v1.0 (issue and check), StatusList2021 (check)
 * and the 1EdTech revocation list (issue and check). Browser-safe; the file-backed issuer store
 * lives in the Node-only `credstack/status/store`.
 * @module
 */
export {
  type CreateBitstringOptions,
  createBitstring,
  DEFAULT_MAX_LIST_BYTES,
  type DecodeListOptions,
  decodeList,
  encodeList,
  getBit,
  MIN_LIST_SIZE,
  setBit,
} from './bitstring.js';
export {
  type CheckStatusOptions,
  checkStatusEntry,
  type StatusCheckResult,
  type StatusCode,
  type StatusState,
} from './check-status.js';
export {
  type CreateRevocationListInput,
  checkRevocationList,
  createRevocationList,
  type RevocationList,
  type RevokedCredential,
} from './revocation-list.js';
export {
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  type CreateStatusEntryInput,
  type CreateStatusListCredentialInput,
  createStatusEntry,
  createStatusListCredential,
  type StatusPurpose,
} from './status-list.js';
