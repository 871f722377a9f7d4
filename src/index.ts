/**
 * credstack: stackable microcredentials as Open Badges 3.0 verifiable credentials.
 * @module
 */
export { CredstackError, isCredstackError, type CredstackErrorOptions, type ErrorCode } from './errors.js';
export * from './contexts/index.js';
