// Public surface of staff accounts, sessions and the editors' unanswered-question log.
export type { NewStaffUser, Principal, StaffRole, StaffSession, StaffUser, UnansweredQuestion } from './types.js';
export { ROLE_LABELS, STAFF_ROLES, USERNAME } from './types.js';
export { MIN_PASSWORD_LENGTH, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
export { STAFF_MIGRATIONS, STAFF_MIGRATIONS_TABLE, type StaffMigration } from './migrations.js';
export { createStaffStoreOn, openMemoryStaffStore, openStaffStore, sessionKey, type OpenStaffStoreOptions, type StaffStore } from './store.js';
export { createLoginLimiter, type LoginLimiter, type LoginLimiterOptions } from './login-limiter.js';
export { groupQuestions, maskQuestion, suggestAlias, type QuestionGroup } from './unanswered.js';
export { createUnansweredRecorder, type RecorderDeps } from './recorder.js';
