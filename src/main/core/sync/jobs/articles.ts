/**
 * Scheduled job: Specter's changed articles (batch feed) → Ongoing `PUT /articles`.
 *
 * Per batch: validate and map each article, compare the payload hash with the one stored for the
 * record, send only what changed, and record every article in SQLite. The batch is acknowledged only
 * after every article of it is recorded; when a send fails for a connection reason the batch stays
 * open. Specter then hands the same batch out again (its "batch not finished" answer), and the
 * stored hashes make the second pass send nothing that already went through.
 *
 * A dry run reads only the first batch: Specter's feed does not move on without an acknowledgement.
 */
import type { SpecterArticle } from '../../../../shared/domain/specter';
import { articleRecordName, type PreparedRecord, payloadHash, prepareArticle, text } from '../../../../shared/mapping';
import type { PostArticleModel } from '../../../../shared/ongoing/models';
import type { OngoingClient } from '../../ongoing';
import type { SpecterClient } from '../../specter';
import type { SyncDeps } from '../deps';
import type { Job, JobContext, JobResult } from '../scheduler';
import {
  describeProblems,
  errorText,
  failureKind,
  JobRun,
  LocalWrites,
  RecordLookup,
  SerialWriter,
  warningsText,
  yieldToEventLoop,
} from './job-support';

/** Upper bound on batches per run, so a feed that never empties cannot keep one run going forever. */
export const MAX_ARTICLE_BATCHES_PER_RUN = 10_000;

function articleKey(article: SpecterArticle): string {
  return text(article.articleNo) ?? `id:${article.articleId}`;
}

function articleSummary(article: SpecterArticle): Record<string, string | number> {
  return { name: article.name, barcode: article.barCode, group: article.articleGroup };
}

/** The scheduled article job. */
export function createArticlesJob(deps: SyncDeps): Job {
  return { name: 'articles', run: (ctx) => runArticles(deps, ctx) };
}

async function runArticles(deps: SyncDeps, ctx: JobContext): Promise<JobResult> {
  const run = new JobRun(deps, 'articles', ctx);
  const { records, exceptions } = deps;
  let specter: SpecterClient;
  let ongoing: OngoingClient | null = null;
  try {
    specter = deps.clients.specter();
  } catch (error) {
    run.stop(error, 'connecting to Specter');
    return run.finish();
  }
  try {
    ongoing = deps.clients.ongoing();
  } catch (error) {
    if (!run.dryRun) {
      run.stop(error, 'connecting to Ongoing');
      return run.finish();
    }
  }
  const goodsOwnerId = ongoing?.goodsOwnerId ?? deps.settings().ongoing.goodsOwnerId ?? 0;
  const local = new LocalWrites(deps.db);
  const lookup = new RecordLookup(deps.db, 'articles');

  for (let round = 0; round < MAX_ARTICLE_BATCHES_PER_RUN; round++) {
    let batch: { batchNo: string; articles: SpecterArticle[]; more: boolean };
    try {
      batch = await specter.fetchChangedArticles();
    } catch (error) {
      run.stop(error, 'reading changed articles from Specter');
      break;
    }
    if (batch.articles.length === 0) break;
    run.counts.fetched += batch.articles.length;
    run.addTotal(batch.articles.length);

    const writer = new SerialWriter();
    const sends: Promise<void>[] = [];
    const seen = new Set<string>();
    let sinceYield = 0;
    for (const article of batch.articles) {
      const key = articleKey(article);
      if (seen.has(key)) {
        run.advance();
        continue;
      }
      seen.add(key);
      const name = articleRecordName(article);
      const base = {
        flow: 'articles' as const,
        key,
        specterId: article.articleId,
        specterChanged: article.lastChanged,
        summary: articleSummary(article),
      };
      const record = lookup.get(key);
      const prepared: PreparedRecord<PostArticleModel> = prepareArticle(article, goodsOwnerId);
      if (!prepared.body) {
        const message = describeProblems(name, prepared.problems);
        run.planned({ key, action: 'invalid', message });
        if (!run.dryRun) {
          local.add(() => {
            records.upsert({ ...base, state: 'invalid', message });
            exceptions.raise({ flow: 'articles', recordKey: key, class: 'validation', message });
          });
        }
        run.counts.failed++;
        run.advance();
        continue;
      }
      const body = prepared.body;
      const hash = payloadHash(body);
      const warnings = warningsText(prepared.problems);
      if (record && record.payloadHash === hash && record.ongoingId !== null) {
        if (record.state !== 'synced' && !run.dryRun) {
          local.add(() => {
            records.upsert({ ...base, state: 'synced', message: warnings });
            exceptions.clear('articles', key);
          });
        }
        run.counts.unchanged++;
        run.planned({ key, action: 'unchanged' });
        run.advance();
        continue;
      }
      const isNew = record?.ongoingId == null;
      if (run.dryRun || !ongoing) {
        run.plannedUpsert(key, isNew, 'article', warnings, body);
        run.advance();
        continue;
      }
      const client = ongoing;
      sends.push(
        writer
          .submit(() => client.upsertArticle(body))
          .then((outcome) => {
            if (outcome.status === 'skipped') return;
            if (outcome.status === 'ok') {
              records.upsert({
                ...base,
                ongoingId: outcome.value.articleSystemId,
                state: 'synced',
                payloadHash: hash,
                message: warnings,
                sent: true,
              });
              exceptions.clear('articles', key);
              if (isNew) run.counts.created++;
              else run.counts.updated++;
              run.advance();
              return;
            }
            run.counts.failed++;
            if (failureKind(outcome.error) === 'refusal') {
              const message = `Ongoing refused ${name}: ${errorText(outcome.error)} Correct the article in Specter; it is sent again when it changes there.`;
              records.upsert({ ...base, state: 'failed', message });
              exceptions.raise({ flow: 'articles', recordKey: key, class: 'remote_refusal', message });
              run.advance();
              return;
            }
            run.stop(outcome.error, `sending ${name} to Ongoing`);
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
      // Everything of this batch is recorded: only now may Specter forget it.
      await specter.acknowledgeArticles(batch.batchNo);
    } catch (error) {
      run.stop(error, 'acknowledging the article batch in Specter');
      break;
    }
    if (!batch.more) break;
  }
  local.flush();
  return run.finish();
}
