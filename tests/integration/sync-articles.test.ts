/**
 * The scheduled article job against both simulators over real HTTP and a real SQLite file: the
 * batch feed (acknowledged only after recording), change detection by payload hash, the exception
 * inbox, connection and auth failures, and dry runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { RecordedOngoingCall } from '../../src/main/simulators/ongoing';
import { SPECTER_DEMO_CREDENTIALS } from '../../src/main/simulators/specter';
import type { SpecterFixture, SpecterFixtureArticle } from '../../src/main/simulators/specter/fixture';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

const ctx = (dryRun = false): JobContext => ({ runId: 0, dryRun, progress: () => {} });

function article(n: number, extra: Partial<SpecterFixtureArticle> = {}): SpecterFixtureArticle {
  return {
    articleNo: `A-${n}`,
    articleId: String(100 + n),
    name: `Artikel ${n}`,
    articleGroup: 'Strumpor',
    barCode: `735000000000${n}`,
    lastChanged: `2026-01-01 10:00:0${n}`,
    ...extra,
  };
}

function fixture(articles: SpecterFixtureArticle[]): SpecterFixture {
  return { articles, customers: [], orders: [], purchases: [], stock: [] };
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function setup(articles = [1, 2, 3, 4, 5].map((n) => article(n)), batchSize = 2): Promise<SyncHarness> {
  const h = await startSyncHarness({ specterFixture: fixture(articles) });
  h.env.specter.responseMaxLimit = batchSize;
  harnesses.push(h);
  return h;
}

const runArticles = (h: SyncHarness, dryRun = false) => createArticlesJob(h.deps).run(ctx(dryRun));
const articlePuts = (h: SyncHarness): RecordedOngoingCall[] =>
  h.env.ongoing.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/articles'));
const sentNumbers = (calls: RecordedOngoingCall[]) =>
  calls.map((c) => (c.body as { articleNumber: string }).articleNumber);
const acks = (h: SyncHarness) => h.env.specter.callsFor('updateArticleInfosFromBatch');
const feed = (h: SyncHarness) => h.env.specter.state.feeds.articles;
const open = (h: SyncHarness) => h.deps.exceptions.list({ state: 'open', flow: 'articles' });

describe('articles job', () => {
  it('sends each changed article once, records it, and acknowledges every batch after recording it', async () => {
    const h = await setup();
    const result = await runArticles(h);
    expect(result).toMatchObject({ status: 'ok', counts: { fetched: 5, created: 5, updated: 0, failed: 0 } });
    expect(sentNumbers(articlePuts(h))).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    // Three batches of at most two, each acknowledged after its articles were recorded.
    expect(acks(h)).toHaveLength(3);
    expect(feed(h).pending.size).toBe(0);
    expect(feed(h).open).toBeNull();

    const simArticle = h.env.ongoing.state.articleByNumber(1, 'A-3');
    expect(h.deps.records.get('articles', 'A-3')).toMatchObject({
      state: 'synced',
      specterId: '103',
      ongoingId: simArticle?.articleSystemId,
      specterChanged: '2026-01-01 10:00:03',
      summary: { name: 'Artikel 3', barcode: '7350000000003', group: 'Strumpor' },
    });
    expect(h.deps.records.get('articles', 'A-3')?.lastSentAt).not.toBeNull();
  });

  it('an article saved again without changes sends nothing; a changed one is sent again', async () => {
    const h = await setup();
    await runArticles(h);
    h.env.ongoing.clearCalls();

    h.env.specter.upsertArticle(article(2));
    const same = await runArticles(h);
    expect(same.counts).toMatchObject({ fetched: 1, unchanged: 1, created: 0, updated: 0 });
    expect(articlePuts(h)).toHaveLength(0);
    expect(feed(h).pending.size).toBe(0);

    h.env.specter.upsertArticle(article(2, { name: 'Artikel 2 (ny)' }));
    const changed = await runArticles(h);
    expect(changed.counts).toMatchObject({ fetched: 1, updated: 1 });
    expect(articlePuts(h).map((c) => (c.body as { articleName: string }).articleName)).toEqual(['Artikel 2 (ny)']);
    expect(h.deps.records.get('articles', 'A-2')?.summary.name).toBe('Artikel 2 (ny)');
  });

  it('an invalid article goes to the inbox with a clear message; the rest of the batch is sent and acknowledged', async () => {
    const h = await setup([article(1), article(2, { articleNo: '   ', articleId: '777' }), article(3)], 10);
    const result = await runArticles(h);
    expect(result.status).toBe('partial');
    expect(result.counts).toMatchObject({ fetched: 3, created: 2, failed: 1 });
    expect(sentNumbers(articlePuts(h))).toEqual(['A-1', 'A-3']);
    expect(acks(h)).toHaveLength(1);
    expect(feed(h).pending.size).toBe(0);

    const [entry] = open(h);
    expect(entry).toMatchObject({ class: 'validation', recordKey: 'id:777' });
    expect(entry?.message).toContain('Article with id 777 (no article number) was not sent to Ongoing');
    expect(entry?.message).toContain('[articleNo]');
    expect(entry?.message).toContain('Give the article an article number in Specter');
    expect(h.deps.records.get('articles', 'id:777')?.state).toBe('invalid');
  });

  it('Ongoing unreachable: connection entry, unreachable, batch left open; the next run sends the rest once', async () => {
    const h = await setup();
    h.env.ongoing.warehouse.enqueueFault({
      kind: 'error',
      phase: 'before',
      match: 'PUT /demo/api/v1/articles',
      count: 4,
    });
    const failed = await runArticles(h);
    expect(failed.status).toBe('failed');
    expect(failed.unreachable).toBe(true);
    expect(acks(h)).toHaveLength(0);
    expect(feed(h).open).not.toBeNull();
    const [entry] = open(h);
    expect(entry).toMatchObject({ class: 'connection', recordKey: '*' });
    expect(entry?.message).toContain('Ongoing answered with something the app cannot use (');
    expect(h.deps.records.page({ flow: 'articles' }).total).toBe(0);

    const ok = await runArticles(h);
    expect(ok.status).toBe('ok');
    expect(ok.unreachable).toBeUndefined();
    const accepted = articlePuts(h).filter((c) => c.status === 200);
    expect(sentNumbers(accepted).sort()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(feed(h).pending.size).toBe(0);
    expect(feed(h).open).toBeNull();
    expect(open(h)).toEqual([]);
    expect(h.deps.exceptions.list({ flow: 'articles', state: 'resolved' }).map((e) => e.class)).toEqual(['connection']);
  });

  it('Specter refusing the key: an auth entry and a failed run; with the right key it clears', async () => {
    const h = await setup();
    await h.env.secrets.set('specter.apiUserKey', 'wrong-user-key');
    const failed = await runArticles(h);
    expect(failed.status).toBe('failed');
    const [entry] = open(h);
    expect(entry).toMatchObject({ class: 'auth', recordKey: '*' });
    expect(entry?.message).toContain('Specter refused the credentials');
    expect(entry?.message).not.toContain('wrong-user-key');
    expect(articlePuts(h)).toHaveLength(0);

    await h.env.secrets.set('specter.apiUserKey', SPECTER_DEMO_CREDENTIALS.apiUserKey);
    const ok = await runArticles(h);
    expect(ok.counts.created).toBe(5);
    expect(open(h)).toEqual([]);
  });

  it('a dry run writes nothing, acknowledges nothing and returns the plan of the first batch', async () => {
    const h = await setup();
    await runArticles(h);
    h.env.specter.upsertArticle(article(1, { name: 'Artikel 1 (ny)' }));
    h.env.specter.upsertArticle(article(2));
    h.env.specter.upsertArticle(article(6));
    h.env.specter.upsertArticle(article(7, { articleNo: ' ', articleId: '888' }));
    h.env.specter.responseMaxLimit = 10;
    h.env.ongoing.clearCalls();
    const acksBefore = acks(h).length;
    const recordsBefore = h.deps.records.page({ flow: 'articles' }).rows.map((r) => [r.key, r.updatedAt]);

    const dry = await runArticles(h, true);
    expect(h.env.ongoing.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
    expect(acks(h)).toHaveLength(acksBefore);
    expect(feed(h).pending.size).toBe(4);
    expect(h.deps.records.page({ flow: 'articles' }).rows.map((r) => [r.key, r.updatedAt])).toEqual(recordsBefore);
    expect(h.deps.exceptions.list({ flow: 'articles' })).toEqual([]);
    expect(dry.plan?.map((p) => [p.key, p.action])).toEqual([
      ['A-1', 'update'],
      ['A-2', 'unchanged'],
      ['A-6', 'create'],
      ['id:888', 'invalid'],
    ]);
    expect(dry.plan?.[0]?.payload).toMatchObject({ articleNumber: 'A-1', articleName: 'Artikel 1 (ny)' });

    // The batch the dry run opened is picked up by the next real run.
    const real = await runArticles(h);
    expect(real.counts).toMatchObject({ created: 1, updated: 1, unchanged: 1, failed: 1 });
    expect(feed(h).pending.size).toBe(0);
  });
});
