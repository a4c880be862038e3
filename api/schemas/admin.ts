import { arrayOf, int, obj, row, str } from './common';

export const QUARANTINE_LIST = obj({ documents: arrayOf(row('a quarantined document: why, and the decision if any', { externalId: str })) });
export const QUARANTINED = row('one quarantined document: why, its decisions, metadata and (masked) text');
export const QUARANTINE_DECISION = row('the decision as recorded');

export const REGISTERED_SITES = obj({ sites: arrayOf(row('a registered site', { code: str, name: str })) });
export const REGISTERED_SITE = row('a registered site', { code: str, name: str });
export const SITES_IMPORTED = row('what was registered or updated, and the rejected rows with why');

const counts = obj({ waiting: int, active: int, completed: int, failed: int, dead: int });
export const JOB_QUEUES = obj({
  queues: arrayOf(obj({
    name: str,
    backend: str,
    counts,
    deadLetters: arrayOf(obj({ id: str, name: str, reason: str, attemptsMade: int, failedAt: str })),
  })),
});
export const JOB = obj({ id: str, name: str, state: str, progress: {}, attemptsMade: int, reason: str }, ['id', 'name', 'state', 'attemptsMade']);

export const HEALTH = row('ok, the replica\'s lag and the index size', { ok: { type: 'boolean' } });

export const BOARD_QUEUE_SESSION = obj({ url: str, queues: arrayOf(str) });
