/**
 * Issuer side of status lists: the file-backed store (Node only: uses node:fs) and
 * `publishStatusList`, which signs the lists for publication (browser-safe itself, but kept out of
 * `credstack/status` so the verifier's bundle does not pull in the issuing code). Exported from
 * `credstack/status/store`, never from the browser-safe `credstack/status`.
 * @module
 */
export {
  type CreateFileStatusStoreOptions,
  createFileStatusStore,
  type InitFileStatusStoreOptions,
  initFileStatusStore,
  type OpenFileStatusStoreOptions,
  openFileStatusStore,
  type StatusAllocation,
  type StatusListSnapshot,
  type StatusRef,
  type StatusStore,
} from './file-store.js';
export {
  type PublishedStatusList,
  type PublishStatusListOptions,
  publishStatusList,
  type StatusListBits,
  type StatusListSource,
} from '../publish.js';
