/**
 * Stock comparison Ongoing ⇄ Specter, pure. Ongoing owns the physical stock; Specter should show the
 * same number per article on its stock site. The difference per article is Ongoing physical − Specter,
 * and it is explained as far as the data allows. Each explanation's quantity is its share of the
 * difference (same sign), so the explanations add up to the difference.
 *
 * - shipped_not_reported (−): picked and shipped in Ongoing (physical went down), the delivery not yet
 *   reported to Specter.
 * - received_not_reported (+): received in Ongoing (physical went up), the receipt not yet reported.
 * - picked_not_collected (−): picked in Ongoing on orders not yet sent; Specter hears of it only with the
 *   delivery.
 * - missing_in_specter / missing_in_ongoing: the article (or its stock record) exists on one side only.
 * - unexplained: whatever is left.
 */
import { type MessageCode, type MessageParams, type MessageRef, notice, refOf } from '../messages';
import type { StockDifference, StockExplanation, StockReport } from '../domain/postings';

export interface OngoingStockLine {
  articleNo: string;
  articleName: string;
  /** inventoryInfo.numberOfItems */
  physical: number;
  /** inventoryInfo.pickedToBeCollectedNumberOfItems */
  pickedToBeCollected: number;
}

export interface SpecterStockLine {
  articleNo: string;
  /** null: the article exists in Specter but has no stock record on the site. */
  stock: number | null;
}

/** Items of one article not yet reported, with the records (order / purchase order numbers) they sit on. */
export interface Unreported {
  quantity: number;
  refs: string[];
}

export interface StockInputs {
  stockSiteId: string;
  generatedAt: string;
  ongoing: OngoingStockLine[];
  specter: SpecterStockLine[];
  /** Per article: shipped in Ongoing, delivery not reported to Specter. */
  shippedNotReported?: Record<string, Unreported>;
  /** Per article: received in Ongoing, receipt not reported to Specter. */
  receivedNotReported?: Record<string, Unreported>;
  /** Per article: why a push must wait (unreported postings or Ongoing lines to report). */
  holdReasons?: Record<string, string[]>;
}

export interface ExplainInput {
  articleNo: string;
  ongoing: OngoingStockLine | undefined;
  /** undefined: the article is not in Specter at all; null: no stock record on the site. */
  specterStock: number | null | undefined;
  shipped?: Unreported;
  received?: Unreported;
}

const round = (n: number): number => {
  const r = Math.round(n * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
};

/** The order/purchase numbers behind a difference: the first five, then "…" ('–' when none are known). */
function unique(refs: string[]): string[] {
  return [...new Set(refs)].filter(Boolean);
}

function listRefs(refs: string[]): string {
  const all = unique(refs);
  if (all.length === 0) return '–';
  return `${all.slice(0, 5).join(', ')}${all.length > 5 ? ', …' : ''}`;
}

/** An explanation's English text and its message code. */
function said(code: MessageCode, params: MessageParams): { text: string; ref: MessageRef } {
  const n = notice(code, params);
  return { text: n.text, ref: refOf(n) };
}

/** ongoingPhysical − specterStock, a missing side counting as 0. */
export function stockDifference(ongoingPhysical: number | null, specterStock: number | null): number {
  return round((ongoingPhysical ?? 0) - (specterStock ?? 0));
}

/** Why an article's stock differs, as far as the data tells. Explanations add up to the difference. */
export function explainDifference(input: ExplainInput): StockExplanation[] {
  const physical = input.ongoing ? input.ongoing.physical : null;
  const specter = input.specterStock ?? null;
  const difference = stockDifference(physical, specter);
  const out: StockExplanation[] = [];

  if (!input.ongoing) {
    out.push({
      kind: 'missing_in_ongoing',
      quantity: difference,
      ...said('stock.missingInOngoing', { articleNo: input.articleNo, count: round(specter ?? 0) }),
    });
    return out;
  }
  if (input.specterStock === undefined || input.specterStock === null) {
    out.push({
      kind: 'missing_in_specter',
      quantity: difference,
      ...said(input.specterStock === undefined ? 'stock.missingInSpecter' : 'stock.noStockRecord', {
        articleNo: input.articleNo,
        count: round(physical ?? 0),
      }),
    });
    return out;
  }

  let explained = 0;
  const shipped = round(input.shipped?.quantity ?? 0);
  if (shipped > 0) {
    out.push({
      kind: 'shipped_not_reported',
      quantity: -shipped,
      ...said('stock.shipped', { count: shipped, refs: listRefs(input.shipped?.refs ?? []) }),
      records: unique(input.shipped?.refs ?? []),
    });
    explained -= shipped;
  }
  const received = round(input.received?.quantity ?? 0);
  if (received > 0) {
    out.push({
      kind: 'received_not_reported',
      quantity: received,
      ...said('stock.received', { count: received, refs: listRefs(input.received?.refs ?? []) }),
      records: unique(input.received?.refs ?? []),
    });
    explained += received;
  }
  const picked = round(input.ongoing.pickedToBeCollected);
  if (picked > 0) {
    out.push({
      kind: 'picked_not_collected',
      quantity: -picked,
      ...said('stock.picked', { count: picked }),
    });
    explained -= picked;
  }
  const rest = round(difference - explained);
  if (rest !== 0) {
    out.push({
      kind: 'unexplained',
      quantity: rest,
      ...said(rest > 0 ? 'stock.moreInOngoing' : 'stock.moreInSpecter', { count: round(Math.abs(rest)) }),
    });
  }
  return out;
}

/** The comparison of every article on either side, sorted by article number. */
export function buildStockReport(inputs: StockInputs): StockReport {
  const ongoing = new Map(inputs.ongoing.map((l) => [l.articleNo, l]));
  const specter = new Map(inputs.specter.map((l) => [l.articleNo, l.stock]));
  const articleNos = [...new Set([...ongoing.keys(), ...specter.keys()])].sort();
  const rows: StockDifference[] = articleNos.map((articleNo) => {
    const o = ongoing.get(articleNo);
    const s = specter.has(articleNo) ? (specter.get(articleNo) ?? null) : undefined;
    const reasons = inputs.holdReasons?.[articleNo] ?? [];
    const ongoingPhysical = o ? round(o.physical) : null;
    const specterStock = s === undefined || s === null ? null : round(s);
    return {
      articleNo,
      articleName: o?.articleName ?? '',
      ongoingPhysical,
      specterStock,
      difference: stockDifference(ongoingPhysical, specterStock),
      explanations: explainDifference({
        articleNo,
        ongoing: o,
        specterStock: s,
        shipped: inputs.shippedNotReported?.[articleNo],
        received: inputs.receivedNotReported?.[articleNo],
      }),
      heldBack: reasons.length > 0,
      heldBackReason: reasons.join('; '),
    };
  });
  return { generatedAt: inputs.generatedAt, stockSiteId: inputs.stockSiteId, rows };
}
