/**
 * One run of a document flow (sales orders, purchase orders): fetch what changed since the watermark
 * (with the overlap of the settings), add records waiting in the inbox, read what Ongoing already
 * holds of the documents met for the first time (adopt.ts), then per document plan (plan.ts),
 * execute through the serial writer (execute.ts) and record (record.ts); in a dry run only the plan. The watermark moves after the fetched documents are recorded, in one transaction with the
 * last local writes, never past a document that could not be sent for a connection reason and never
 * to a change time later than now + 5 minutes.
 */
import type { JobName } from '../../../shared/domain/sync';
import type { PreparedRecord } from '../../../shared/mapping';
import type { RecordView } from '../repositories/record-repository';
import type { SyncDeps } from '../sync/deps';
import type { JobContext, JobResult } from '../sync/scheduler';
import { classify, notice } from './failure';
import { formatDifferences } from './compare';
import {
  cancelTask,
  conflictTask,
  type DocumentRemote,
  type ExecuteTarget,
  type RemoteDocument,
  statusText,
  type TaskResult,
  upsertTask,
} from './execute';
import { adoptPlan } from './adopt';
import { dedupe } from './document-dedupe';
import { JobRun } from './job-run';
import { type Plan, planDocument } from './plan';
import { describeProblems, kindOf, type RecordBase, Recorder } from './record';
import { checkedPrepare, type ReadIssueSource } from './read-issues';
import { LocalWrites, SerialWriter, type WriteOutcome, yieldToEventLoop } from './serial-writer';
import { changedFromFor, isValidTimestamp, latestTrusted, nextWatermark } from './watermark';

export type { DocumentRemote, RemoteDocument } from './execute';

/** Everything that differs between sales orders and purchase orders. */
export interface DocumentFlow<D extends ReadIssueSource, B> {
  job: 'orders' | 'purchaseOrders';
  /** 'order', 'purchase order' */
  noun: string;
  /** Ongoing status from which the warehouse has started and the document may no longer be replaced. */
  lockStatus: number;
  /** Documents changed at or after changedFrom. */
  fetchChanged(changedFrom: string): Promise<D[]>;
  /** The HTTP Date of Specter's last reply, to compare clocks (null when it sent none). */
  replyDate(): Date | null;
  /** One document again (for records waiting in the inbox); null when Specter no longer has it. */
  refetch(specterId: string): Promise<D | null>;
  /** Whether a re-read document still matches the flow's filter. */
  wanted(doc: D): boolean;
  specterId(doc: D): string;
  /** Business key (order number, purchase number). */
  key(doc: D): string;
  changed(doc: D): string;
  cancelled(doc: D): boolean;
  recordName(doc: D): string;
  summary(doc: D): Record<string, string | number>;
  prepare(doc: D, knownArticles: ReadonlySet<string>): PreparedRecord<B>;
  /** null when Ongoing is not configured (only possible in a dry run). */
  remote: DocumentRemote<B> | null;
  /** The wall clock Specter's change times are written in (Stockholm), for "now". */
  nowTimestamp(now: Date): string;
}

interface DocItem<D> {
  doc: D;
  key: string;
  changed: string;
  retry: boolean;
  done: boolean;
}

export async function runDocumentJob<D extends ReadIssueSource, B>(
  deps: SyncDeps,
  ctx: JobContext,
  flow: DocumentFlow<D, B>,
): Promise<JobResult> {
  const job: JobName = flow.job;
  const run = new JobRun(deps, job, ctx);
  const recorder = new Recorder(deps, job);
  const { noun } = flow;
  const stored = deps.watermarks.get(job);
  const overlap = deps.settings().sync.watermarkOverlapMinutes;

  let fetched: D[];
  try {
    fetched = await flow.fetchChanged(changedFromFor(stored, overlap));
  } catch (error) {
    run.stop(error, { doing: 'readChanged', params: { kind: kindOf(flow.job) } });
    return run.finish();
  }
  const appNow = deps.now();
  const replyDate = flow.replyDate();
  const skewMinutes = replyDate ? Math.abs(appNow.getTime() - replyDate.getTime()) / 60_000 : 0;
  if (skewMinutes > overlap) {
    run.warnings.push(notice('run.clockSkew', { minutes: Math.round(skewMinutes), overlap }));
    deps.logger.warn('clock skew', { job, minutes: Math.round(skewMinutes) });
  }
  const reference = replyDate && replyDate > appNow ? replyDate : appNow;
  const limit = latestTrusted(flow.nowTimestamp(reference));

  const retryKeys = deps.exceptions.openRetryKeys(job);
  const byKey = dedupe(fetched, flow, run.dryRun ? null : recorder);
  const listed: DocItem<D>[] = [...byKey.entries()]
    .map(([key, doc]) => ({ doc, key, changed: flow.changed(doc), retry: retryKeys.has(key), done: false }))
    .sort((a, b) => (a.changed < b.changed ? -1 : a.changed > b.changed ? 1 : 0));
  run.counts.fetched += listed.length;
  run.addTotal(listed.length);

  let known: Set<string> | null = null;
  const knownArticles = () => {
    known ??= deps.records.knownArticleNumbers();
    return known;
  };
  const local = new LocalWrites((writes) => deps.records.transaction(writes));
  const writer = new SerialWriter();
  const remote = flow.remote;
  const pending: Promise<void>[] = [];

  const finishItem = (item: DocItem<D>) => {
    item.done = true;
    run.advance();
  };

  const handleOutcome = (
    item: DocItem<D>,
    outcome: WriteOutcome<TaskResult>,
    base: RecordBase,
    hash: string | null,
    warnings: string,
  ) => {
    const name = flow.recordName(item.doc);
    if (outcome.status === 'skipped') return;
    if (outcome.status === 'error') {
      const failure = classify(outcome.error);
      if (failure.class === 'refused') {
        recorder.refused(base, name, outcome.error, `Correct the ${noun} in Specter; it is tried again on every run.`);
        run.counts.failed++;
        finishItem(item);
        return;
      }
      run.counts.failed++;
      run.stop(outcome.error, { doing: 'send', params: { kind: kindOf(flow.job), key: base.key } });
      return;
    }
    const result = outcome.value;
    if (result.type === 'upserted') {
      recorder.synced(base, result.id, hash as string, warnings, result.status);
      if (result.created) run.counts.created++;
      else run.counts.updated++;
    } else if (result.type === 'cancelled') {
      recorder.cancelled(base, notice('record.cancelled'), true);
      run.counts.updated++;
    } else if (recorder.conflict(base, name, result, hash, warnings)) {
      run.counts.conflicts++;
    } else {
      run.counts.updated++;
    }
    finishItem(item);
  };

  const dryRunStatus = async (record: RecordView | null, key: string): Promise<RemoteDocument | null> => {
    if (!remote || record?.ongoingId == null) return null;
    try {
      return await remote.read(record.ongoingId, key);
    } catch {
      return null;
    }
  };

  const printPlan = (key: string, plan: Plan<B>, current: RemoteDocument | null) => {
    switch (plan.action) {
      case 'unchanged':
        run.counts.unchanged++;
        if (plan.adopted) run.counts.adopted = (run.counts.adopted ?? 0) + 1;
        run.planned({ key, action: 'unchanged', ...(plan.message ? { message: plan.message } : {}) });
        return;
      case 'cancel':
        run.planned({
          key,
          action: 'cancel',
          message: plan.remote
            ? 'Cancelled in Specter: would be cancelled in Ongoing.'
            : `The ${noun} was cancelled in Specter before it was sent to Ongoing; nothing to cancel there.`,
        });
        if (plan.remote) run.counts.updated++;
        else run.counts.unchanged++;
        return;
      case 'conflict': {
        const status = statusText(current?.status ?? null);
        const differences = plan.body && current && remote ? remote.diff(plan.body, current.model) : [];
        const message =
          plan.reason === 'cancel'
            ? `Cancelled in Specter, but the warehouse has started (status ${status}): would not be cancelled.`
            : `The warehouse has started (status ${status}): would not be replaced. Differences: ${differences.length ? formatDifferences(differences) : 'none found'}.`;
        run.planned({ key, action: 'conflict', message, ...(plan.body ? { payload: plan.body } : {}) });
        run.counts.conflicts++;
        return;
      }
      case 'invalid':
        run.counts.failed++;
        return;
      default: {
        const isNew = plan.action === 'create';
        run.planned({
          key,
          action: plan.action,
          message: [
            isNew ? `New ${noun}: would be created in Ongoing.` : 'Changed in Specter: would be updated in Ongoing.',
            plan.warnings,
          ]
            .filter(Boolean)
            .join(' '),
          payload: plan.body,
        });
        if (isNew) run.counts.created++;
        else run.counts.updated++;
      }
    }
  };

  // Documents met for the first time (no Ongoing id stored): what Ongoing already holds under their numbers.
  const adoptable = new Map<string, RemoteDocument>();
  const readAdoptable = async (items: DocItem<D>[]): Promise<boolean> => {
    const numbers = items.flatMap((i) =>
      flow.cancelled(i.doc) || deps.records.view(job, i.key)?.ongoingId != null ? [] : [i.key],
    );
    if (!remote?.readMany || numbers.length === 0) return true;
    try {
      for (const [key, found] of await remote.readMany(numbers)) adoptable.set(key, found);
      return true;
    } catch (error) {
      run.stop(error, { doing: 'readHeld', params: { kind: kindOf(flow.job) } });
      return false;
    }
  };

  const processItem = async (item: DocItem<D>): Promise<void> => {
    const { doc, key } = item;
    const record = deps.records.view(job, key);
    const name = flow.recordName(doc);
    const base: RecordBase = {
      flow: job,
      key,
      specterId: flow.specterId(doc),
      specterChanged: item.changed,
      summary: flow.summary(doc),
    };
    const cancelled = flow.cancelled(doc);
    let prepared: PreparedRecord<B> | null = null;
    const prepare = () => {
      prepared ??= checkedPrepare(doc, name, () => flow.prepare(doc, knownArticles()), isValidTimestamp(item.changed));
      return prepared;
    };
    const input = { record, changed: item.changed, retry: item.retry, cancelled, prepare, lockStatus: flow.lockStatus };
    const known = record?.ongoingId == null ? adoptable.get(key) : undefined;
    let plan = adoptPlan(planDocument<B>(input), known, (b, m) => remote?.diff(b, m) ?? [], flow.lockStatus);
    let current: RemoteDocument | null = known ?? null;
    if (
      run.dryRun &&
      !known &&
      (plan.action === 'update' || (plan.action === 'cancel' && plan.remote) || plan.action === 'conflict')
    ) {
      // A dry run reads Ongoing's status first, so the plan says what would really happen.
      current = await dryRunStatus(record, key);
      plan = planDocument<B>({ ...input, remoteStatus: current?.status?.number ?? record?.ongoingStatus ?? null });
    }
    if (plan.action === 'invalid') {
      const message = describeProblems(name, plan.problems);
      run.planned({ key, action: 'invalid', message });
      if (!run.dryRun) local.add(() => recorder.invalid(base, name, plan.problems));
    }
    if (run.dryRun || plan.action === 'invalid') {
      printPlan(key, plan, current);
      finishItem(item);
      return;
    }
    if (plan.action === 'unchanged') {
      const { adopted } = plan;
      if (adopted) {
        local.add(() => recorder.adopted(base, adopted.id, adopted.hash, plan.warnings ?? '', adopted.status));
        run.counts.adopted = (run.counts.adopted ?? 0) + 1;
      } else if (plan.heal) local.add(() => recorder.healed(base, plan.warnings ?? ''));
      run.counts.unchanged++;
      finishItem(item);
      return;
    }
    if (plan.action === 'cancel' && !plan.remote) {
      local.add(() => recorder.cancelled(base, notice('record.cancelledBeforeSent'), false));
      run.counts.unchanged++;
      finishItem(item);
      return;
    }
    if (!remote) throw new Error('Ongoing is not configured.');
    const target: ExecuteTarget<B> = {
      remote,
      key,
      name,
      noun,
      lockStatus: flow.lockStatus,
      record,
      ...(known ? { known } : {}),
    };
    const hash = plan.action === 'create' || plan.action === 'update' || plan.action === 'conflict' ? plan.hash : null;
    const warnings =
      plan.action === 'create' || plan.action === 'update' || plan.action === 'conflict' ? plan.warnings : '';
    const task = (): Promise<TaskResult> => {
      if (plan.action === 'cancel') return cancelTask(target);
      if (plan.action === 'conflict') return conflictTask(target, plan.body, plan.reason);
      return upsertTask(target, plan.body);
    };
    pending.push(writer.submit(task).then((outcome) => handleOutcome(item, outcome, base, hash, warnings)));
  };

  const processAll = async (items: DocItem<D>[]) => {
    let sinceYield = 0;
    for (const item of items) {
      if (run.stopped || writer.stopped) break;
      try {
        await processItem(item);
      } catch (error) {
        run.stop(error, { doing: 'handle', params: { kind: kindOf(flow.job), key: item.key } });
        break;
      }
      if (++sinceYield >= 2) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    await Promise.all(pending.splice(0));
  };

  // Change times later than now + tolerance do not move the watermark; the operator is told once per version.
  for (const item of listed) {
    if (!isValidTimestamp(item.changed) || item.changed <= limit || run.dryRun) continue;
    const record = deps.records.view(job, item.key);
    if (record?.specterChanged === item.changed) continue;
    recorder.notice(
      `future:${item.key}`,
      notice('record.futureChange', {
        kind: kindOf(job),
        key: item.key,
        value: item.changed,
        now: flow.nowTimestamp(reference),
      }),
    );
  }

  if (await readAdoptable(listed)) await processAll(listed);
  const watermark = run.dryRun ? stored : nextWatermark(stored, listed, limit);
  local.flush(!run.dryRun && watermark && watermark !== stored ? () => deps.watermarks.set(job, watermark) : undefined);

  // Records waiting in the inbox (invalid or refused) that this run's list did not bring: read again.
  if (!run.stopped) {
    const listedKeys = new Set(listed.map((i) => i.key));
    const retries: DocItem<D>[] = [];
    for (const key of retryKeys) {
      if (listedKeys.has(key) || run.stopped) continue;
      const record = deps.records.view(job, key);
      if (!record?.specterId) continue;
      let doc: D | null;
      try {
        doc = await flow.refetch(record.specterId);
      } catch (error) {
        if (classify(error).class === 'refused') continue;
        run.stop(error, { doing: 'reread', params: { kind: kindOf(flow.job), key } });
        break;
      }
      if (!doc || !(flow.wanted(doc) || flow.cancelled(doc))) continue;
      retries.push({ doc, key, changed: flow.changed(doc), retry: true, done: false });
    }
    run.counts.fetched += retries.length;
    run.addTotal(retries.length);
    if (await readAdoptable(retries)) await processAll(retries);
    local.flush();
  }
  return run.finish();
}
