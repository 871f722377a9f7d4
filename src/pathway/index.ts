export {
  type CreatePathwayInput,
  createPathway,
  PATHWAY_CONTEXT_URL,
  type PathwayProfileInput,
  pathwayAchievement,
} from './definition.js';
export { evaluateRule, type RuleEvaluation, ruleComponents, ruleHolds } from './evaluate.js';
export { type PathwayProgressOptions, pathwayProgress } from './progress.js';
export type * from './types.js';
export { validatePathway } from './validate-pathway.js';
export { type ComposePathwayProofOptions, composePathwayProof, type PathwayProofClaims } from './compose.js';
export {
  type PathwayProofCheck,
  type PathwayProofResult,
  type VerifyPathwayProofOptions,
  verifyPathwayProof,
} from './verify-pathway.js';
export { formatPathwayProgress, formatPathwayProofResult } from './report.js';
