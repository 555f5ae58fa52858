/**
 * One document per business key in a fetched list: the newest by change time wins; two different
 * Specter documents with the same number are reported to the operator.
 */
import type { DocumentFlow } from './document-engine';
import { notice } from './failure';
import type { ReadIssueSource } from './read-issues';
import { kindOf, type Recorder } from './record';

/** De-duplicate by business key: the newest by change time wins; the others are reported. */
export function dedupe<D extends ReadIssueSource, B>(
  fetched: D[],
  flow: DocumentFlow<D, B>,
  recorder: Recorder | null,
): Map<string, D> {
  const byKey = new Map<string, D>();
  for (const doc of fetched) {
    const key = flow.key(doc);
    const previous = byKey.get(key);
    if (!previous) {
      byKey.set(key, doc);
      continue;
    }
    if (flow.specterId(previous) === flow.specterId(doc)) {
      if (flow.changed(doc) >= flow.changed(previous)) byKey.set(key, doc);
      continue;
    }
    const [older, newer] = flow.changed(doc) >= flow.changed(previous) ? [previous, doc] : [doc, previous];
    byKey.set(key, newer);
    recorder?.notice(
      `duplicate:${key}`,
      notice('record.duplicate', {
        kind: kindOf(flow.job),
        key,
        newerId: flow.specterId(newer),
        olderId: flow.specterId(older),
      }),
    );
  }
  return byKey;
}
