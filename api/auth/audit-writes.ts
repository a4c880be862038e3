import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, recordAudit } from '../../library/accounts';
import type { Db } from '../../library/store';
import { ruleOf } from './authorization';
import { originOf } from './request-context';

function parsed(payload: unknown): unknown {
  if (typeof payload !== 'string' || !payload) return null;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}

/** The audit action of a write: the rule's name, or for a workflow step `faq.<step>`. */
function auditAction(request: FastifyRequest, name: string): string {
  const step = (request.params as Record<string, unknown> | undefined)?.action;
  return name === 'faq.transition' && typeof step === 'string' ? `faq.${step}` : name;
}

/**
 * Every editorial and admin write that succeeds leaves an audit entry (library/accounts): who (the
 * principal, with address and user agent), the action, the target, its row before the write
 * (the rule's `before`) and the state the service answered with. Recorded after the service committed, from one hook rather than in each route, so
 * a new write route only needs its `audit` name in api/auth/route-actions.ts; if the audit insert
 * fails the change stands and the failure is logged as an error.
 */
export function installWriteAudit(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const rule = ruleOf(request);
    if (rule?.access !== 'action' || !rule.audit || rule.auditedBy === 'library' || reply.statusCode >= 300) return payload;
    const after = parsed(payload);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const action = auditAction(request, rule.audit);
    const targetId = params.id ?? params.code ?? (after && typeof after === 'object' ? (after as { id?: unknown }).id : undefined);
    try {
      await recordAudit(db, actorOf(request.principal, originOf(request)), {
        action,
        targetKind: action.split('.')[0],
        targetId: targetId === undefined || targetId === null ? null : String(targetId as string | number),
        siteId: request.authorizedSites?.find((s) => s !== null) ?? null,
        before: request.auditBefore,
        after: reply.statusCode === 204 ? null : after,
      });
    } catch (err) {
      request.log.error({ err, action }, 'audit entry not recorded');
    }
    return payload;
  });
}
