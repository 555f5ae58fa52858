/**
 * An audit entry as a message code: its action says which sentence, its actor and subject fill it in.
 * Posting entries (`delivery.sent`, `receipt.confirm`, …) share one sentence per step with the kind as
 * a parameter. An action this version has no sentence for is shown as it is.
 */
import type { AuditRecord } from './api';
import { isMessageCode, type MessageRef } from './messages';

const ACTORS = new Set(['operator', 'system', 'auto']);

export function auditRef(entry: Pick<AuditRecord, 'actor' | 'action' | 'subject'>): MessageRef {
  const actor = ACTORS.has(entry.actor) ? entry.actor : '';
  const posting = /^(delivery|receipt)\.(.+)$/.exec(entry.action);
  if (posting) {
    const [, kind, step] = posting as unknown as [string, string, string];
    const code = `audit.posting.${step}`;
    // The stored subject starts with the kind's English name ("delivery #3 1001"); the sentence names the kind.
    const subject = (entry.subject ?? '').replace(/^(delivery|receipt) /, '');
    if (isMessageCode(code)) return { code, params: { actor, kind, subject } };
  }
  const code = `audit.${entry.action}`;
  if (entry.action.startsWith('sync.') && isMessageCode(code)) {
    return { code, params: { actor, job: entry.subject ?? 'all' } };
  }
  const subject = (entry.subject ?? '').replace(/^stock site /, '#');
  if (isMessageCode(code)) return { code, params: { actor, subject } };
  return { code: 'audit.other', params: { actor, action: entry.action, subject } };
}
