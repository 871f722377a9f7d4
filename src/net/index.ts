/**
 * Node-only network access for verifiers: `createNodeFetch`, a `fetch` for `network.fetch` that
 * checks every address a host name resolves to and connects to the checked one (no DNS
 * rebinding onto the verifier's own network). Browsers have no such control; use an egress proxy.
 * @module
 */
export { createNodeFetch, type NodeFetchOptions, type ResolvedAddress } from './node-fetch.js';
