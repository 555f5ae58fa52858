/**
 * Stock Ongoing → Specter. Ongoing owns the physical stock. refresh() compares it with Specter's stock
 * on the configured stock site and explains each difference; push() writes Ongoing's physical numbers
 * to Specter, but never for an article that still has an unreported delivery or receipt (a posting not
 * yet done, or Ongoing lines still to report): Specter would count that movement twice.
 */
import { type MessageCode, type MessageParams, notice, refOf } from '../../../shared/messages';
import type { Posting, PostingState, StockReport } from '../../../shared/domain/postings';
import { lineToReport, receivedToReport, roundDecimal, text } from '../../../shared/mapping';
import {
  buildStockReport,
  type OngoingStockLine,
  type SpecterStockLine,
  type StockInputs,
  type Unreported,
} from '../../../shared/stock/differences';
import type { SpecterStockRow } from '../specter';
import type { SyncDeps } from '../sync/deps';
import type { StockPushResult, StockService } from '../sync/services';
import { readOngoingStock } from './ongoing-stock-value';
import { StockSnapshotRepository } from './stock-snapshots';

/** Posting states that mean "not yet reported to Specter". */
const UNREPORTED: PostingState[] = ['proposed', 'held', 'confirmed', 'sending', 'in_doubt'];
/** Status from which an order counts as sent (its picked items are no longer "to be collected"). */
const SENT_STATUS = 450;

interface Gathered {
  inputs: StockInputs;
  /** Articles Specter knows (with or without a stock record on the site). */
  specterArticles: Set<string>;
  /** Articles whose Ongoing stock cannot be trusted, with the reason; never pushed. */
  unreadable: Map<string, { reason: string; field: string; raw: string }>;
}

/** An article held back from a push: the reason in English (log) and as a message code (UI). */
function held(
  articleNo: string,
  code: MessageCode,
  reason?: string,
  params: MessageParams = {},
): StockPushResult['heldBack'][number] {
  const n = notice(code, { articleNo, ...params });
  return { articleNo, reason: reason ?? n.text, ref: refOf(n) };
}

function add(map: Record<string, Unreported>, articleNo: string, quantity: number, ref: string): void {
  if (!articleNo || quantity <= 0) return;
  const entry = map[articleNo] ?? { quantity: 0, refs: [] };
  entry.quantity = roundDecimal(entry.quantity + quantity);
  if (ref && !entry.refs.includes(ref)) entry.refs.push(ref);
  map[articleNo] = entry;
}

function reason(map: Record<string, string[]>, articleNo: string, why: string): void {
  if (!articleNo) return;
  const list = map[articleNo] ?? [];
  if (!list.includes(why)) list.push(why);
  map[articleNo] = list;
}

/** A count used only to explain a difference: anything but a finite number ≥ 0 counts as none. */
function countOrZero(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

export function createStockService(deps: SyncDeps): StockService {
  const snapshots = new StockSnapshotRepository(deps.db);

  async function gather(): Promise<Gathered> {
    const settings = deps.settings();
    const stockSiteId = settings.specter.stockSiteId;
    if (!stockSiteId) throw new Error('No Specter stock site is set. Enter the stock site id in Settings.');
    const ongoing = deps.clients.ongoing();
    const specter = deps.clients.specter();
    const [articles, specterLevels, orders, purchaseOrders] = await Promise.all([
      ongoing.listArticles(),
      specter.getStock(stockSiteId),
      ongoing.queryOrders({ onlyOrdersWithOrderLinesToReport: true }),
      ongoing.queryPurchaseOrders({ onlyPurchaseOrdersWithOrderLinesToReport: true }),
    ]);

    const ongoingLines: OngoingStockLine[] = [];
    const unreadable: Gathered['unreadable'] = new Map();
    for (const a of articles) {
      const articleNo = text(a.articleNumber);
      if (!articleNo) continue;
      const physical = readOngoingStock({
        articleNumber: articleNo,
        unitCode: a.unitCode,
        inventoryInfo: a.inventoryInfo,
      });
      if (!physical.ok) {
        unreadable.set(articleNo, physical);
        continue;
      }
      ongoingLines.push({
        articleNo,
        articleName: text(a.articleName) ?? '',
        physical: physical.value,
        pickedToBeCollected: countOrZero(a.inventoryInfo?.pickedToBeCollectedNumberOfItems),
      });
    }
    const specterLines: SpecterStockLine[] = specterLevels.map((l) => ({
      articleNo: l.articleNo,
      stock: l.noItemsInStock,
    }));

    const postings = deps.postings.list({ states: [...UNREPORTED, 'done'] });
    const open = postings.filter((p) => UNREPORTED.includes(p.state));
    // Accepted by Specter, Ongoing not yet acknowledged: Specter already knows these items.
    const acceptedNotAcknowledged = new Map<string, number>();
    for (const p of postings.filter((x) => x.state === 'done' && x.ackState !== 'done')) {
      for (const r of p.rows) {
        const key = `${p.kind}:${p.ongoingId}:${r.articleNo}`;
        acceptedNotAcknowledged.set(key, roundDecimal((acceptedNotAcknowledged.get(key) ?? 0) + r.quantity));
      }
    }
    const alreadyKnown = (kind: Posting['kind'], ongoingId: number, articleNo: string, quantity: number): number => {
      const key = `${kind}:${ongoingId}:${articleNo}`;
      const known = acceptedNotAcknowledged.get(key) ?? 0;
      const used = Math.min(known, quantity);
      acceptedNotAcknowledged.set(key, roundDecimal(known - used));
      return roundDecimal(quantity - used);
    };

    const shipped = new Set(settings.sync.shippedStatuses);
    const shippedNotReported: Record<string, Unreported> = {};
    const receivedNotReported: Record<string, Unreported> = {};
    const pickedCountedAsShipped: Record<string, number> = {};
    const holdReasons: Record<string, string[]> = {};
    for (const [articleNo, why] of unreadable) reason(holdReasons, articleNo, why.reason);

    for (const order of orders) {
      const number = text(order.orderInfo?.orderNumber) ?? String(order.orderInfo?.orderId ?? '');
      const status = order.orderInfo?.orderStatus?.number ?? 0;
      for (const line of order.orderLines ?? []) {
        const articleNo = text(line.article?.articleNumber) ?? '';
        const toReport = lineToReport(line);
        if (toReport <= 0) continue;
        reason(holdReasons, articleNo, `order ${number} has ${toReport} picked but not reported to Specter`);
        if (!shipped.has(status)) continue;
        const notKnown = alreadyKnown('delivery', order.orderInfo?.orderId ?? 0, articleNo, toReport);
        add(shippedNotReported, articleNo, notKnown, number);
        if (status < SENT_STATUS) {
          pickedCountedAsShipped[articleNo] = roundDecimal((pickedCountedAsShipped[articleNo] ?? 0) + toReport);
        }
      }
    }
    for (const po of purchaseOrders) {
      const number =
        text(po.purchaseOrderInfo?.purchaseOrderNumber) ?? String(po.purchaseOrderInfo?.purchaseOrderId ?? '');
      for (const line of po.purchaseOrderLines ?? []) {
        const articleNo = text(line.article?.articleNumber) ?? '';
        const toReport = receivedToReport(line);
        if (toReport <= 0) continue;
        reason(holdReasons, articleNo, `purchase order ${number} has ${toReport} received but not reported to Specter`);
        const notKnown = alreadyKnown('receipt', po.purchaseOrderInfo?.purchaseOrderId ?? 0, articleNo, toReport);
        add(receivedNotReported, articleNo, notKnown, number);
      }
    }
    for (const p of open) {
      for (const r of p.rows) {
        reason(
          holdReasons,
          r.articleNo,
          `${p.kind} #${p.id} (${p.number}) is ${p.state.replace('_', ' ')}, not yet reported`,
        );
      }
    }
    // Picked on a not-yet-sent order that already counts as shipped (a warehouse that treats Picked as
    // shipped) must not be explained twice.
    for (const line of ongoingLines) {
      const counted = pickedCountedAsShipped[line.articleNo] ?? 0;
      if (counted > 0) line.pickedToBeCollected = Math.max(0, roundDecimal(line.pickedToBeCollected - counted));
    }

    return {
      inputs: {
        stockSiteId,
        generatedAt: deps.now().toISOString(),
        ongoing: ongoingLines,
        specter: specterLines,
        shippedNotReported,
        receivedNotReported,
        holdReasons,
      },
      specterArticles: new Set(specterLevels.map((l) => l.articleNo)),
      unreadable,
    };
  }

  async function refresh(): Promise<StockReport> {
    const { inputs } = await gather();
    const report = buildStockReport(inputs);
    snapshots.save(report);
    return report;
  }

  async function push(articleNos: string[] | 'all', actor: string): Promise<StockPushResult> {
    const { inputs, specterArticles, unreadable } = await gather();
    const report = buildStockReport(inputs);
    const byArticle = new Map(report.rows.map((r) => [r.articleNo, r]));
    const rowFor = (a: string) =>
      byArticle.get(a) ?? {
        articleNo: a,
        articleName: '',
        ongoingPhysical: null,
        specterStock: null,
        difference: 0,
        explanations: [],
        heldBack: false,
        heldBackReason: '',
      };
    const wanted =
      articleNos === 'all'
        ? [
            ...report.rows.filter(
              (r) =>
                unreadable.has(r.articleNo) ||
                (r.ongoingPhysical !== null && (r.difference !== 0 || r.specterStock === null)),
            ),
            // Unreadable in Ongoing and unknown to Specter: no report row, but still named as held back.
            ...[...unreadable.keys()].filter((a) => !byArticle.has(a)).map(rowFor),
          ]
        : [...new Set(articleNos)].map(rowFor);
    const heldBack: StockPushResult['heldBack'] = [];
    const rows: SpecterStockRow[] = [];
    const before = new Map<string, number | null>();
    for (const row of wanted) {
      const { articleNo } = row;
      const unreadableValue = unreadable.get(articleNo);
      if (unreadableValue) {
        const { field, raw } = unreadableValue;
        heldBack.push(held(articleNo, 'stock.held.unreadable', unreadableValue.reason, { field, value: raw }));
      } else if (row.heldBack) {
        heldBack.push(held(articleNo, 'stock.held.unreported', `Not pushed until reported: ${row.heldBackReason}.`));
      } else if (row.ongoingPhysical === null) {
        heldBack.push(held(articleNo, 'stock.held.notInOngoing'));
      } else if (!specterArticles.has(articleNo)) {
        heldBack.push(held(articleNo, 'stock.held.notInSpecter'));
      } else {
        rows.push({ articleNo: row.articleNo, noItemsInStock: row.ongoingPhysical });
        before.set(row.articleNo, row.specterStock);
      }
    }
    const stockSiteId = inputs.stockSiteId;
    const details = {
      stockSiteId,
      rows: rows.map((r) => ({ articleNo: r.articleNo, from: before.get(r.articleNo) ?? null, to: r.noItemsInStock })),
      heldBack,
    };
    if (rows.length > 0) {
      try {
        await deps.clients.specter().updateStock(stockSiteId, rows);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.audit.append({
          actor,
          action: 'stock.push_failed',
          subject: `stock site ${stockSiteId}`,
          details: { ...details, error: message },
        });
        throw error;
      }
    }
    deps.audit.append({ actor, action: 'stock.push', subject: `stock site ${stockSiteId}`, details });

    const pushed = new Map(rows.map((r) => [r.articleNo, r.noItemsInStock]));
    const after = buildStockReport({
      ...inputs,
      specter: inputs.specter.map((l) =>
        pushed.has(l.articleNo) ? { ...l, stock: pushed.get(l.articleNo) ?? null } : l,
      ),
    });
    snapshots.save(after);
    return { pushed: rows.map((r) => r.articleNo), heldBack };
  }

  return {
    report() {
      return snapshots.latest() ?? { generatedAt: null, stockSiteId: deps.settings().specter.stockSiteId, rows: [] };
    },
    refresh,
    push,
  };
}
