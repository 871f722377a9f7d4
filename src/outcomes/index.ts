export { type Preverified, preverified } from './cohort.js';
export { OUTCOMES_CSV_COLUMNS, outcomesToCsv } from './csv.js';
export { pathwayOutcomes, SUPPRESSION_RULE } from './pathway-outcomes.js';
export { outcomesToSvg } from './svg.js';
export type * from './types.js';
