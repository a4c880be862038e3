export type { Db, Queryable, QueryResult } from './db';
export { openPglite } from './pglite';
export { openPg } from './pg';
export { migrate, loadMigrations } from './migrate';
export { openLibrary } from './open';
export type { LibraryLocation } from './open';
export { refreshPlannerStatistics, keepPlannerStatistics } from './planner-statistics';
