export { canonical, foldText, hasDiacritics, normalizeTonePlacement, stripDiacritics, unifyYI } from './fold.js';
export { SLANG, SUBJECT_ABBREVIATIONS, expandSlang, expandSubjectAbbreviations } from './slang.js';
export { documentSegments, normalizeQuery, querySegments, segmentFolded } from './tokenize.js';
export type { NormalizedQuery } from './tokenize.js';
export { STOPWORDS, isStopword } from './stopwords.js';
export { scanFolded } from './tokenize.js';
