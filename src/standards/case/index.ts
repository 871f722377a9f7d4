export {
  type CaseAssociation,
  type CaseFramework,
  importCaseFramework,
  MAX_CASE_ENTRIES,
} from './import-case.js';
