/**
 * File-backed issuer store of status lists (Node only: uses node:fs). Exported from
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
