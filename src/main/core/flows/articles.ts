/**
 * Flow: Specter's changed articles (batch feed) → Ongoing `PUT /articles`, on the same engine as the
 * document flows (plan → execute through the serial writer → record).
 *
 * Per batch: plan each article (invalid / unchanged / create / update), send only what changed, and
 * record every article in SQLite. The batch is acknowledged once every article of it is recorded
 * (synced or invalid); when a send fails for a connection reason the batch stays open. Specter then
 * hands the same batch out again (its "batch not finished" answer), and the stored hashes make the
 * second pass send nothing that already went through. Two articles with the same number (after
 * trimming) in one batch: the newest by change time wins and the operator is told about both.
 *
 * An article met for the first time (no Ongoing id stored) is first looked up in Ongoing (adopt.ts):
 * when Ongoing already holds it with the same mapped fields it is linked without a write.
 *
 * A dry run reads only the first batch: Specter's feed does not move on without an acknowledgement.
 */
import type { SpecterArticle } from '../../../shared/domain/specter';
import type { FieldDifference } from '../../../shared/domain/sync';
import { ARTICLE_ROWS, articleRecordName, prepareArticle, text } from '../../../shared/mapping';
import type { GetArticleModel } from '../../../shared/ongoing/models';
import { adoptPlan, CatalogueIndex } from '../engine/adopt';
import { compareFields, pairsOf } from '../engine/compare';
import { classify, notice } from '../engine/failure';
import { JobRun } from '../engine/job-run';
import { planUpsert } from '../engine/plan';
import { checkedPrepare } from '../engine/read-issues';
import { type RecordBase, Recorder, describeProblems } from '../engine/record';
import { LocalWrites, SerialWriter, yieldToEventLoop } from '../engine/serial-writer';
import type { OngoingClient } from '../ongoing';
import type { SpecterClient } from '../specter';
import type { SyncDeps } from '../sync/deps';
import type { Job, JobContext, JobResult } from '../sync/scheduler';

/** Upper bound on batches per run, so a feed that never empties cannot keep one run going forever. */
export const MAX_ARTICLE_BATCHES_PER_RUN = 10_000;

export function articleKey(article: SpecterArticle): string {
  return text(article.articleNo) ?? `id:${article.articleId}`;
}

function articleSummary(article: SpecterArticle): Record<string, string | number> {
  return { name: article.name, barcode: article.barCode, group: article.articleGroup };
}

/** The fields compared with what Ongoing holds: every article mapping row with a readBack. */
const ARTICLE_PAIRS = pairsOf(ARTICLE_ROWS);

/** What Specter wants against what Ongoing holds, field by field. */
export function diffArticle(body: unknown, model: unknown): FieldDifference[] {
  return compareFields(body, model, ARTICLE_PAIRS);
}

/** What Ongoing holds of the goods owner's articles, read as far as the run needs it (adopt.ts). */
function articleIndex(ongoing: OngoingClient, deps: SyncDeps): CatalogueIndex<GetArticleModel> {
  return new CatalogueIndex<GetArticleModel>({
    pages: (from, pageSize) => ongoing.articlePages({ articleSystemIdFrom: from, pageSize }),
    byNumbers: (numbers, pageSize) => ongoing.articlePages({ articleNumbers: numbers, pageSize }),
    idOf: (a) => a.articleSystemId ?? 0,
    numberOf: (a) => text(a.articleNumber ?? undefined),
    pairs: ARTICLE_PAIRS,
    listFirst: () => deps.records.knownArticleNumbers().size === 0,
  });
}

/** The scheduled article job. */
export function createArticlesJob(deps: SyncDeps): Job {
  return { name: 'articles', run: (ctx) => runArticles(deps, ctx) };
}

/** One article per number (after trimming): the newest by change time wins, the others are reported. */
function dedupeBatch(articles: SpecterArticle[], recorder: Recorder | null): SpecterArticle[] {
  const byKey = new Map<string, SpecterArticle>();
  for (const article of articles) {
    const key = articleKey(article);
    const previous = byKey.get(key);
    if (!previous) {
      byKey.set(key, article);
      continue;
    }
    const [older, newer] = article.lastChanged >= previous.lastChanged ? [previous, article] : [article, previous];
    byKey.set(key, newer);
    if (older.articleId === newer.articleId) continue;
    recorder?.notice(
      `duplicate:${key}`,
      notice('record.duplicate', { kind: 'article', key, newerId: newer.articleId, olderId: older.articleId }),
    );
  }
  return [...byKey.values()];
}

async function runArticles(deps: SyncDeps, ctx: JobContext): Promise<JobResult> {
  const run = new JobRun(deps, 'articles', ctx);
  const recorder = new Recorder(deps, 'articles');
  let specter: SpecterClient;
  let ongoing: OngoingClient | null = null;
  try {
    specter = deps.clients.specter();
  } catch (error) {
    run.stop(error, { doing: 'connect', params: { system: 'specter' } });
    return run.finish();
  }
  try {
    ongoing = deps.clients.ongoing();
  } catch (error) {
    if (!run.dryRun) {
      run.stop(error, { doing: 'connect', params: { system: 'ongoing' } });
      return run.finish();
    }
  }
  const goodsOwnerId = ongoing?.goodsOwnerId ?? deps.settings().ongoing.goodsOwnerId ?? 0;
  const index = ongoing ? articleIndex(ongoing, deps) : null;
  const local = new LocalWrites((writes) => deps.records.transaction(writes));

  for (let round = 0; round < MAX_ARTICLE_BATCHES_PER_RUN; round++) {
    let batch: { batchNo: string; articles: SpecterArticle[]; more: boolean };
    try {
      batch = await specter.fetchChangedArticles();
    } catch (error) {
      run.stop(error, { doing: 'readChanged', params: { kind: 'article' } });
      break;
    }
    if (batch.articles.length === 0) break;
    run.counts.fetched += batch.articles.length;
    run.addTotal(batch.articles.length);
    const articles = dedupeBatch(batch.articles, run.dryRun ? null : recorder);
    run.advance(batch.articles.length - articles.length);

    const writer = new SerialWriter();
    const sends: Promise<void>[] = [];
    let sinceYield = 0;
    const planned = articles.map((article) => {
      const key = articleKey(article);
      const name = articleRecordName(article);
      const base: RecordBase = {
        flow: 'articles',
        key,
        specterId: article.articleId,
        specterChanged: article.lastChanged,
        summary: articleSummary(article),
      };
      const record = deps.records.view('articles', key);
      const prepared = checkedPrepare(article, name, () => prepareArticle(article, goodsOwnerId));
      return { key, name, base, plan: planUpsert(prepared, record, { requireOngoingId: true }) };
    });
    // Articles met for the first time: what Ongoing already holds under their numbers.
    if (index) {
      try {
        await index.ensure(planned.flatMap((p) => (p.plan.action === 'create' ? [p.key] : [])));
      } catch (error) {
        run.stop(error, { doing: 'readHeld', params: { kind: 'article' } });
        break;
      }
    }
    for (const item of planned) {
      const { key, name, base } = item;
      const plan = adoptPlan(item.plan, index?.get(key), diffArticle, null);
      if (plan.action === 'invalid') {
        run.planned({ key, action: 'invalid', message: describeProblems(name, plan.problems) });
        if (!run.dryRun) local.add(() => recorder.invalid(base, name, plan.problems));
        run.counts.failed++;
        run.advance();
        continue;
      }
      if (plan.action === 'unchanged') {
        const { adopted } = plan;
        if (adopted) {
          if (!run.dryRun) local.add(() => recorder.adopted(base, adopted.id, adopted.hash, plan.warnings ?? ''));
          run.counts.adopted = (run.counts.adopted ?? 0) + 1;
        } else if (plan.heal && !run.dryRun) local.add(() => recorder.healed(base, plan.warnings ?? ''));
        run.counts.unchanged++;
        run.planned({ key, action: 'unchanged' });
        run.advance();
        continue;
      }
      if (plan.action !== 'create' && plan.action !== 'update') continue;
      const isNew = plan.action === 'create';
      if (run.dryRun || !ongoing) {
        run.planned({
          key,
          action: plan.action,
          message: [
            isNew ? 'New article: would be created in Ongoing.' : 'Changed in Specter: would be updated in Ongoing.',
            plan.warnings,
          ]
            .filter(Boolean)
            .join(' '),
          payload: plan.body,
        });
        if (isNew) run.counts.created++;
        else run.counts.updated++;
        run.advance();
        continue;
      }
      const client = ongoing;
      const body = plan.body;
      sends.push(
        writer
          .submit(() => client.upsertArticle(body))
          .then((outcome) => {
            if (outcome.status === 'skipped') return;
            if (outcome.status === 'ok') {
              recorder.synced(base, outcome.value.articleSystemId, plan.hash, plan.warnings);
              if (isNew) run.counts.created++;
              else run.counts.updated++;
              run.advance();
              return;
            }
            run.counts.failed++;
            if (classify(outcome.error).class === 'refused') {
              recorder.refused(
                base,
                name,
                outcome.error,
                'Correct the article in Specter; it is sent again when it changes there.',
              );
              run.advance();
              return;
            }
            run.stop(outcome.error, { doing: 'send', params: { kind: 'article', key } });
          }),
      );
      if (++sinceYield >= 2) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
      if (writer.stopped) break;
    }
    await Promise.all(sends);
    local.flush();
    if (run.stopped) break;
    if (run.dryRun) {
      if (batch.more) {
        deps.logger.info('dry run planned the first article batch only', {
          job: 'articles',
          batch: batch.articles.length,
        });
      }
      break;
    }
    try {
      // Every article of this batch is recorded (synced or invalid): only now may Specter forget it.
      await specter.acknowledgeArticles(batch.batchNo);
    } catch (error) {
      run.stop(error, { doing: 'ackBatch' });
      break;
    }
    if (!batch.more) break;
  }
  local.flush();
  return run.finish();
}
