import type { Posting } from './postings';
import type { SpecterDeliverySubmit, SpecterPurchaseDeliverySubmit } from './specter';

/**
 * The exact Specter submit a posting turns into: shown to the operator before confirming and sent by the
 * outbox, so what is seen is what is sent. Rows with nothing to report are left out.
 */
export function postingToSubmit(posting: Posting): SpecterDeliverySubmit | SpecterPurchaseDeliverySubmit {
  const rows = posting.rows.filter((r) => r.quantity > 0);
  if (posting.kind === 'delivery') {
    return {
      orderId: posting.specterId,
      deliveryDate: posting.deliveryDate,
      rows: rows.map((r) => ({ rowNo: r.rowRef, noOfItems: r.quantity })),
      packetNo: posting.packetNo,
      sendDeliveryEmail: posting.sendEmail,
      createInvoice: posting.createInvoice,
    };
  }
  return {
    orderId: posting.specterId,
    deliveryDate: posting.deliveryDate,
    rows: rows.map((r) => ({ rowId: r.rowRef, noOfItems: r.quantity })),
    sendEmail: posting.sendEmail,
  };
}
