export { CTDL_EXTENSION_KEY } from './extension.js';
export { CTDL_CONTEXT_URL, type ExportCtdlPathwayOptions, exportCtdlPathway } from './export-ctdl.js';
export { type CtdlImport, type ImportCtdlPathwayOptions, importCtdlPathway } from './import-ctdl.js';
export { type CtdlCompetencyFramework, importCtdlCompetencyFramework } from './import-competencies.js';
