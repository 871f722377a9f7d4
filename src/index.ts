/**
 * credstack: stackable microcredentials as Open Badges 3.0 verifiable credentials, and pathway
 * proofs as CLR 2.0 records. Everything browser-safe is exported here; the Node-only status
 * store lives in `credstack/status/store`.
 * @module
 */
export { CredstackError, type CredstackErrorOptions, type ErrorCode, isCredstackError } from './errors.js';
export * from './contexts/index.js';
export * from './model/index.js';
export * from './schema/index.js';
export * from './keys/index.js';
export * from './proof/index.js';
export * from './issue/index.js';
export * from './verify/index.js';
export * from './status/index.js';
export {
  type PublishedStatusList,
  type PublishStatusListOptions,
  publishStatusList,
  type StatusListBits,
  type StatusListSource,
} from './issue/publish-status-list.js';
export * from './bake/index.js';
export * from './pathway/index.js';
export * from './trust/index.js';
export * from './outcomes/index.js';
export * from './presentation/index.js';
export * from './standards/index.js';
