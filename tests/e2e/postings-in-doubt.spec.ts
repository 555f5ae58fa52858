import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Posting } from '../../src/shared/domain/postings';
import { callApi, control, type ServeProcess, startServeProcess } from './serve-process';

/**
 * A posting whose send to Specter got no clear answer (the Specter simulator applies the submit, then the
 * reply is lost): the card says so and offers the operator's two decisions; "mark done" reports nothing
 * again to Specter and acknowledges Ongoing with exactly the posting's quantities. A later posting of the
 * same record waits for it, and its card says why.
 *
 * Each lost reply costs one client timeout of the app (30 s), so these tests are slower than the others.
 */

let serve: ServeProcess;

test.beforeAll(async () => {
  // The warehouse clock is off so the test decides what the warehouse does.
  serve = await startServeProcess(['--demo', '--warehouse-clock', '0']);
  // No scheduled runs: the test runs each job when it needs it, so no run checks the in-doubt posting by
  // itself (after the grace period) before the operator decides.
  await api('setPaused', { jobs: 'all', paused: true });
});

test.afterAll(async () => {
  await serve?.stop();
});

const api = <T>(method: string, input: unknown = {}) => callApi<T>(serve, method, input);

interface OngoingState {
  orders: {
    orderInfo: { orderNumber: string };
    orderLines: { rowNumber: string; pickedNumberOfItems: number; reportedNumberOfItems: number }[];
  }[];
  purchaseOrders: {
    purchaseOrderInfo: { purchaseOrderNumber: string };
    purchaseOrderLines: {
      rowNumber: string;
      advisedNumberOfItems: number;
      receivedNumberOfItems: number;
      reportedNumberOfItems: number;
    }[];
  }[];
}

const ongoingState = () => control<OngoingState>(serve.ongoingControl, 'state');

/**
 * Run jobs in order until Ongoing has the record: articles come in batches, and a run already under way when
 * the record was made may miss it.
 */
async function syncUntil(jobs: string[], present: (state: OngoingState) => boolean): Promise<void> {
  await expect
    .poll(async () => {
      for (const job of jobs) await api('syncNow', { job });
      return present(await ongoingState());
    })
    .toBe(true);
}

/** The next submit of this action is applied by Specter, but its reply never comes. */
async function loseNextReply(action: 'deliverySubmit' | 'purchaseDeliverySubmit'): Promise<void> {
  await control(serve.specterControl, 'faults', {
    enqueue: { kind: 'timeout', phase: 'after', match: `action=${action}`, count: 1 },
  });
}

async function postings(kind: 'delivery' | 'receipt', number: string): Promise<Posting[]> {
  const all = await api<Posting[]>('listPostings', { kind });
  return all.filter((p) => p.number === number);
}

async function open(page: Page, nav: string) {
  await page.goto(serve.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
}

/** Load the page afresh (the open URL differs only in its hash, so going there again keeps the page). */
async function reopen(page: Page, nav: string) {
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
}

const cardOf = (page: Page, posting: Posting): Locator => page.locator(`[data-posting-id="${posting.id}"]`);

/** Confirm a posting whose reply is lost, and wait for its card to say it is in doubt. */
async function confirmIntoDoubt(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Bekräfta', exact: true }).click();
  await expect(card.getByText('Väntar på svar…')).toBeVisible();
  // The app gives up waiting for Specter's reply after its client timeout.
  await expect(card).toHaveAttribute('data-state', 'in_doubt', { timeout: 90_000 });
  const inDoubt = card.getByTestId('in-doubt');
  await expect(inDoubt).toContainText('Specter gav inget tydligt svar');
  await expect(inDoubt.getByRole('button', { name: 'Finns i Specter – markera klar' })).toBeVisible();
  await expect(inDoubt.getByRole('button', { name: 'Finns inte i Specter – skicka igen' })).toBeVisible();
  // Reject is only for proposals never sent.
  await expect(card.getByRole('button', { name: 'Avvisa' })).toHaveCount(0);
}

/** Take "it is in Specter: mark done" through its confirmation step. */
async function markDone(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Finns i Specter – markera klar' }).click();
  const step = card.getByRole('group', { name: 'Finns i Specter – markera klar' });
  await expect(step).toContainText('Ingenting skickas till Specter');
  await expect(step).toContainText('Ongoing kvitteras med exakt dessa antal');
  await step.getByRole('button', { name: 'Ja, markera klar' }).click();
}

test('a delivery whose reply was lost is marked done by the operator: one delivery in Specter, Ongoing acknowledged', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
  const articles = await control<{ articleNo: string }[]>(serve.specterControl, 'articles');
  const order = await control<{ orderId: string; orderNo: string }>(serve.specterControl, 'orders', {
    customerId: customers[3]!.customerId,
    deliveryDate: '2026-12-01',
    rows: articles.slice(10, 12).map((a) => ({ articleNo: a.articleNo, noOfItems: 1 })),
  });
  await syncUntil(['articles', 'orders'], (s) => s.orders.some((o) => o.orderInfo.orderNumber === order.orderNo));
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/release`, {});
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/pick`, {});
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, {
    status: 450,
    waybill: '00370712345678900077',
  });
  await api('syncNow', { job: 'deliveries' });
  const [posting] = await postings('delivery', order.orderNo);
  expect(posting?.state).toBe('proposed');

  await loseNextReply('deliverySubmit');
  await open(page, 'Leveranser');
  const card = cardOf(page, posting!);
  await confirmIntoDoubt(card);
  // The submit did reach Specter (only its reply was lost).
  const mine = async () =>
    (await control<{ orderId: string }[]>(serve.specterControl, 'deliveries')).filter((d) =>
      // The submit names the order by its id or, per the integration spec, by its order number.
      [order.orderId, order.orderNo].includes(d.orderId),
    );
  expect(await mine()).toHaveLength(1);

  await markDone(card);
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card.getByTestId('decision-result')).toContainText('Klart.');
  // What Specter showed when the operator decided stays on the card.
  await card.getByText('Vad Specter visade vid senaste kontrollen').first().click();
  const evidence = card.getByTestId('evidence');
  await expect(evidence).toContainText('Bedömning: den verkar ha kommit fram till Specter.');
  await expect(evidence.getByRole('table', { name: 'evidence' })).toContainText('ja, ändringen är precis den här');
  await expect(evidence).toContainText('har den här leveransens referens: den har kommit fram.');
  expect((await postings('delivery', order.orderNo)).map((p) => p.state)).toEqual(['done']);
  expect(await mine()).toHaveLength(1);
  await expect
    .poll(async () => {
      const o = (await ongoingState()).orders.find((x) => x.orderInfo.orderNumber === order.orderNo);
      return o?.orderLines.map((l) => [l.pickedNumberOfItems, l.reportedNumberOfItems]);
    })
    .toEqual([
      [1, 1],
      [1, 1],
    ]);
});

test('a receipt waits for an in-doubt receipt of the same purchase order and is sent once that one is marked done', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const purchases = await control<{ purchaseId: string; purchaseNo: string }[]>(serve.specterControl, 'purchases');
  const purchase = purchases[1]!;
  await syncUntil(['articles', 'purchaseOrders'], (s) =>
    s.purchaseOrders.some((p) => p.purchaseOrderInfo.purchaseOrderNumber === purchase.purchaseNo),
  );
  const line = () =>
    ongoingState().then(
      (s) =>
        s.purchaseOrders.find((p) => p.purchaseOrderInfo.purchaseOrderNumber === purchase.purchaseNo)!
          .purchaseOrderLines[0]!,
    );
  const { rowNumber, advisedNumberOfItems } = await line();
  expect(advisedNumberOfItems).toBeGreaterThanOrEqual(2);
  const receiveOne = () =>
    control(serve.ongoingControl, `purchaseOrders/by-number/${purchase.purchaseNo}/receive`, {
      quantities: { [rowNumber]: 1 },
    });

  await receiveOne();
  await api('syncNow', { job: 'receipts' });
  const [first] = await postings('receipt', purchase.purchaseNo);
  expect(first?.state).toBe('proposed');
  await loseNextReply('purchaseDeliverySubmit');
  await open(page, 'Inleveranser');
  const firstCard = cardOf(page, first!);
  await confirmIntoDoubt(firstCard);

  // More arrives while the first receipt is in doubt: the second one is proposed on top of it.
  await receiveOne();
  await api('syncNow', { job: 'receipts' });
  const second = (await postings('receipt', purchase.purchaseNo)).find((p) => p.id !== first!.id);
  expect(second?.state).toBe('proposed');
  await reopen(page, 'Inleveranser');
  const secondCard = cardOf(page, second!);
  await secondCard.getByRole('button', { name: 'Bekräfta', exact: true }).click();
  await expect(secondCard.getByTestId('wait-note')).toContainText(
    `Väntar på inleverans #${first!.id} (osäker) för samma inköpsorder.`,
  );

  await markDone(firstCard);
  await expect(firstCard).toHaveAttribute('data-state', 'done');
  await api('syncNow', { job: 'receipts' });
  await expect
    .poll(async () => (await postings('receipt', purchase.purchaseNo)).map((p) => p.state))
    .toEqual(['done', 'done']);
  const received = (
    await control<{ purchaseId: string; rows: { noOfItems: number }[] }[]>(serve.specterControl, 'purchase-deliveries')
  ).filter((d) => [purchase.purchaseId, purchase.purchaseNo].includes(d.purchaseId));
  expect(received.map((d) => d.rows.reduce((sum, r) => sum + r.noOfItems, 0))).toEqual([1, 1]);
  await expect.poll(async () => (await line()).reportedNumberOfItems).toBe(2);
});
