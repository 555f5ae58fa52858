/**
 * One document per business key in a fetched list: the newest by change time wins; two different
 * Specter documents with the same number are reported to the operator.
 */
import type { DocumentFlow } from './document-engine';
import type { ReadIssueSource } from './read-issues';
import type { Recorder } from './record';

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
    const message =
      `Two ${flow.noun}s in Specter have the number ${key} (Specter ids ${flow.specterId(newer)} and ${flow.specterId(older)}). ` +
      `The newest (id ${flow.specterId(newer)}, changed ${flow.changed(newer)}) was used; id ${flow.specterId(older)} ` +
      `(changed ${flow.changed(older)}) was not sent. Give one of them another number in Specter, then resolve this entry.`;
    recorder?.notice(`duplicate:${key}`, message, 'record.duplicate', {
      record: key,
      kept: flow.specterId(newer),
      dropped: flow.specterId(older),
    });
  }
  return byKey;
}
