export type { Db, Queryable, QueryResult } from './db';
export { openPglite } from './pglite';
export { openPg } from './pg';
export { migrate, loadMigrations, skippedMigrations } from './migrate';
export { openLibrary } from './open';
export type { LibraryLocation } from './open';
export { refreshPlannerStatistics, keepPlannerStatistics } from './planner-statistics';
export { LibraryLockedError, liveHolder, lockFolder, processAlive, LOCK_FILE } from './folder-lock';
export type { FolderLock, LockHolder } from './folder-lock';
