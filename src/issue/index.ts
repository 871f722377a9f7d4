export {
  type IssuedCredential,
  type IssueFormat,
  type IssueOptions,
  issueCredential,
  type StatusAllocator,
} from './issue-credential.js';
