/**
 * `credstack serve` as a library (Node only): the W3C VC-API on Fastify — issuer instances per
 * key and format, a verifier for credentials and presentations, a holder's derive endpoint,
 * Bitstring Status Lists kept in SQLite or PostgreSQL and published signed, API keys or OAuth 2.0
 * bearer tokens, problem-details errors, an OpenAPI description. Exported from `credstack/serve`.
 * @module
 */
export { createServeApp, type ServeAppOptions } from './app.js';
export type { IssuerInstance } from './issuing.js';
export { type AuthOutcome, type Authorizer, createAuthorizer, type Scope } from './auth.js';
export {
  parseServeConfig,
  type ServeAuthConfig,
  type ServeConfig,
  type ServeIssuerConfig,
} from './config.js';
export { type Problem, problem, problemOf } from './problem.js';
export {
  openStatusKeeper,
  type ServePurpose,
  type StatusKeeper,
  type StatusKeeperOptions,
} from './status.js';
export { loadServeConfig, type RunningServer, type StartServerOptions, startServer } from './start.js';
export { type CreatedOffer, type CreateOfferOptions, createOffer } from './delivery/client.js';
export type { OfferLinks } from './delivery/context.js';
export {
  type NewOffer,
  type Offer,
  type OfferState,
  type OfferStore,
  openOfferStore,
} from './delivery/offers.js';
export { openPostgresOfferStore } from './delivery/offers-postgres.js';
