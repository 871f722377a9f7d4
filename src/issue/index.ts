export {
  type IssuedCredential,
  type IssueFormat,
  type IssueOptions,
  type IssueWarning,
  issueCredential,
  type StatusAllocator,
} from './issue-credential.js';
