// Public surface of src/knowledge.

// ---- types (shared) ----
export * from './types.js';

// ---- knowledge files: load, validate, watch, edit ----
export { loadKnowledge, listProcedureFiles, PROCEDURES_DIR } from './loader.js';
export type { LoadResult, LoadOptions } from './loader.js';
export { watchKnowledge } from './watch.js';
export type { ReloadEvent, WatchOptions } from './watch.js';
export { formatIssue } from './issues.js';
export type { KbIssue, Severity } from './issues.js';
export { addAliases, replaceAliasesInText } from './aliases.js';
export type { AddAliasesReport } from './aliases.js';
export { computeStats, formatStats } from './stats.js';
export type { KbStats } from './stats.js';
export { renderProcedureFile, FRONT_KEYS, BODY_SECTIONS } from './procedure-file.js';
export { LEVELS, CHANNELS } from './validate-procedure.js';
export { SYNONYMS_FILE, AGENCIES_FILE } from './kb-files.js';
export {
  CITIZEN_HEAVY_FIELDS,
  MIN_ALIASES,
  MIN_ALIASES_CITIZEN_HEAVY,
  minAliasesFor,
  MINISTRY_BY_FOLDER,
  slugify,
  aliasKey,
} from './fields.js';

// ---- importers from national-database exports ----
export { importPath, formatImportSummary } from './importer.js';
export type { ImportSummary, ImportOptions } from './importer.js';
export { convertChatbotTthc, convertNhdandz, detectShape, splitResultField } from './import-records.js';
export { parseChannelTable, parseDocumentTable, parseLegalTable } from './flat-tables.js';

// ---- retrieval (lexical ranker) ----
export { createRetriever, DEFAULT_TUNING } from './retrieve.js';
export type { RetrieverTuning } from './retrieve.js';
export { buildSearchIndex } from './search-index.js';
export type { RankedProcedure, Retriever, SearchOptions, SearchResult, SectionGuess } from './search-types.js';
export { openLiveKnowledge } from './live.js';
export type { LiveKnowledge, LiveKnowledgeResult } from './live.js';
