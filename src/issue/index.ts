export {
  type IssuedCredential,
  type IssueFormat,
  type IssueOptions,
  issueCredential,
} from './issue-credential.js';
