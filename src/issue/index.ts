export {
  type IssuedCredential,
  type IssueFormat,
  type IssueOptions,
  type IssueWarning,
  issueCredential,
  type StatusAllocator,
} from './issue-credential.js';
export { type IssueManyResult, issueMany } from './issue-many.js';
