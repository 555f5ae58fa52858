import type { Posting, PostingRow } from './postings';
import type { SpecterDeliverySubmit, SpecterPurchaseDeliverySubmit } from './specter';

/**
 * The exact Specter submits a posting turns into. The outbox sends these and the Deliveries and Receipts
 * pages show them before confirming, so what the operator sees is what is sent.
 */
export function deliverySubmitOf(p: {
  specterId: string;
  number: string;
  idempotencyKey: string;
  deliveryDate: string;
  packetNo: string;
  sendEmail: boolean;
  createInvoice: boolean;
  rows: readonly PostingRow[];
}): SpecterDeliverySubmit {
  return {
    orderId: p.specterId,
    orderNo: p.number,
    reference: p.idempotencyKey,
    deliveryDate: p.deliveryDate,
    rows: p.rows.map((r) => ({ rowNo: r.rowRef, noOfItems: r.quantity })),
    packetNo: p.packetNo,
    sendDeliveryEmail: p.sendEmail,
    createInvoice: p.createInvoice,
  };
}

export function receiptSubmitOf(p: {
  specterId: string;
  number: string;
  idempotencyKey: string;
  deliveryDate: string;
  sendEmail: boolean;
  rows: readonly PostingRow[];
}): SpecterPurchaseDeliverySubmit {
  return {
    orderId: p.specterId,
    purchaseNo: p.number,
    reference: p.idempotencyKey,
    deliveryDate: p.deliveryDate,
    rows: p.rows.map((r) => ({ rowId: r.rowRef, noOfItems: r.quantity })),
    sendEmail: p.sendEmail,
  };
}

export function postingToSubmit(posting: Posting): SpecterDeliverySubmit | SpecterPurchaseDeliverySubmit {
  return posting.kind === 'delivery' ? deliverySubmitOf(posting) : receiptSubmitOf(posting);
}
