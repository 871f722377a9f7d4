/**
 * Issuer side of status lists (Node only): status stores in SQLite (the default: one database
 * file), PostgreSQL (shared by issuers on several machines) or memory (tests), the migration of
 * a JSON file store of credstack ≤ 0.1, and `publishStatusList`, which signs the lists for
 * publication (browser-safe itself, but kept out of `credstack/status` so the verifier's bundle
 * does not pull in the issuing code). The database drivers (better-sqlite3, pg) are optional
 * peer dependencies: install the one your store needs. Batch issuance across machines (a pg-boss
 * job queue in the PostgreSQL database: enqueueIssuance, runIssueWorker, issuanceProgress) lives
 * here too. Exported from `credstack/status/store`,
 * never from the browser-safe `credstack/status`.
 * @module
 */
export type {
  CreateStatusStoreOptions,
  InitStatusStoreOptions,
  ListCredentialsOptions,
  OpenStatusStoreOptions,
  StatusAllocation,
  StatusListSnapshot,
  StatusRef,
  StatusSlot,
  StatusStore,
} from './contract.js';
export { createMemoryStatusStore, type MemoryStatusStoreOptions } from './memory.js';
export { type MigrationReport, migrateFileStatusStore } from './migrate.js';
export { createStatusStore, initStatusStore, isPostgresUrl, openStatusStore } from './open.js';
export {
  type PublishedStatusList,
  type PublishStatusListOptions,
  publishStatusList,
  type StatusListBits,
  type StatusListSource,
} from '../../issue/publish-status-list.js';
export {
  type EnqueueIssuanceOptions,
  enqueueIssuance,
  type IssuanceProgress,
  type IssueWorkerOptions,
  type IssueWorkerReport,
  issuanceProgress,
  issuedCredentials,
  runIssueWorker,
} from '../../queue/issue-queue.js';
export { parseRoster, type RosterRow } from '../../queue/roster.js';
