/**
 * The Specter part of the diagnostic run: each read action the app uses, called once through the
 * client's own transport (key, Latin-1, envelope), one page each. Nothing is written and no batch is
 * acknowledged; see checkArticleFeed for what reading the article feed leaves behind.
 */
import type { SpecterCredentials } from '../../../shared/domain/specter';
import type { Settings } from '../../../shared/settings';
import { PURCHASE_DELIVERY_STATUSES } from '../flows/purchase-orders';
import { decodeSpecterBytes } from '../specter/latin1';
import {
  batchNoFromMessage,
  parseSpecterReply,
  readArticles,
  readOrders,
  readPurchases,
  readStock,
  type SpecterReply,
} from '../specter/parse';
import { SpecterTransport } from '../specter/transport';
import { newBatchNo, type Params, type SpecterReplyBody } from '../specter/types';
import { ACTION, BATCH_QUOTE, ERROR_CODE, PARAM, XML_ORDER, XML_PURCHASE } from '../specter/wire';
import { checkXml } from './shape-check';
import { type CapturedCall, type CheckRun, emptyResult, errorMessage } from './types';
import { REPLY_SHAPES, type XmlShape } from './xml-shapes';

/** Lists are read from here: the first page is enough to see the shape of the records. */
export const DOCTOR_CHANGED_FROM = '2000-01-01 00:00:00';

type ActionKey = keyof typeof ACTION;
type Reader = (body: SpecterReplyBody) => object[];

interface SpecterCheck {
  key: ActionKey;
  params: Params;
  read: Reader;
  shape: XmlShape;
  /** The id of the first record, for the read by id that follows. */
  idOf?: (body: SpecterReplyBody) => string;
}

interface Checked extends CheckRun {
  firstId: string;
}

export interface SpecterCheckOptions {
  settings: Settings;
  credentials: () => Promise<SpecterCredentials>;
  timeoutMs?: number;
}

const firstAttr = (list: string, item: string, attr: string) => (body: SpecterReplyBody) =>
  readFirst(body, list, item, attr);

function readFirst(body: SpecterReplyBody, list: string, item: string, attr: string): string {
  const container = body[list];
  const node = (Array.isArray(container) ? container[0] : container) as Record<string, unknown> | undefined;
  const items = node?.[item];
  const first = (Array.isArray(items) ? items[0] : items) as Record<string, unknown> | undefined;
  const value = first?.[`@_${attr}`] ?? first?.[attr];
  return typeof value === 'string' ? value.trim() : '';
}

export async function checkSpecter(options: SpecterCheckOptions): Promise<CheckRun[]> {
  let sink: CapturedCall[] = [];
  const t = new SpecterTransport({
    baseUrl: options.settings.specter.baseUrl,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
    // One attempt each: the report shows what Specter answered, not what a retry made of it.
    retry: { maxAttempts: 1 },
    onCall: (info) =>
      sink.push({
        method: info.method,
        url: info.url,
        requestBody: info.requestBody,
        status: info.status ?? null,
        replyBytes: info.replyBytes,
        durationMs: info.durationMs,
        error: info.error === undefined ? undefined : errorMessage(info.error),
      }),
  });
  const run = async (check: SpecterCheck): Promise<Checked> => {
    sink = [];
    let thrown: unknown;
    try {
      await t.call(ACTION[check.key], check.params, { write: false, maxAttempts: 1 });
    } catch (error) {
      thrown = error;
    }
    const calls = sink;
    return { ...interpret(t, check, calls[calls.length - 1], thrown), calls };
  };

  const runs: CheckRun[] = [];
  const orders = await run({
    key: 'getOrders',
    params: [
      [PARAM.deliveryStatus, options.settings.sync.orderDeliveryStatuses[0] ?? 'N'],
      [PARAM.changedFrom, DOCTOR_CHANGED_FROM],
    ],
    read: readOrders,
    shape: REPLY_SHAPES.orders,
    idOf: firstAttr(XML_ORDER.list, XML_ORDER.item, XML_ORDER.orderId),
  });
  runs.push(orders);
  runs.push(await byId(run, 'getOrder', PARAM.orderId, orders, readOrders, REPLY_SHAPES.order));
  const purchases = await run({
    key: 'getPurchases',
    params: [
      [PARAM.deliveryStatus, PURCHASE_DELIVERY_STATUSES[0] ?? 'N'],
      [PARAM.changedFrom, DOCTOR_CHANGED_FROM],
    ],
    read: readPurchases,
    shape: REPLY_SHAPES.purchases,
    idOf: firstAttr(XML_PURCHASE.list, XML_PURCHASE.item, XML_PURCHASE.purchaseId),
  });
  runs.push(purchases);
  runs.push(await byId(run, 'getPurchase', PARAM.purchaseId, purchases, readPurchases, REPLY_SHAPES.purchase));
  runs.push(
    await run({
      key: 'getStock',
      params: [[PARAM.stockSiteId, options.settings.specter.stockSiteId]],
      read: readStock,
      shape: REPLY_SHAPES.stock,
    }),
  );
  runs.push(await checkArticleFeed(run));
  const ack = emptyResult('specter', ACTION.articleFeedAck, 'ACTION.articleFeedAck');
  ack.called = false;
  ack.notes.push('Not called: it acknowledges a batch, after which Specter no longer offers its changes.');
  runs.push({ result: ack, calls: [] });
  return runs;
}

/** Read one record by the id the list gave; skipped (with a note) when the list had none. */
async function byId(
  run: (check: SpecterCheck) => Promise<Checked>,
  key: ActionKey,
  param: string,
  list: Checked,
  read: Reader,
  shape: XmlShape,
): Promise<CheckRun> {
  if (!list.firstId) {
    const result = emptyResult('specter', ACTION[key], `ACTION.${key}`);
    result.called = false;
    result.notes.push(`Not called: ${list.result.action} gave no record to read by its id.`);
    return { result, calls: [] };
  }
  return run({ key, params: [[param, list.firstId]], read, shape });
}

/**
 * The article feed is the only way the app reads articles. A read with a new batch number opens a
 * batch when changes wait; the doctor never acknowledges it. The app's next article run is then told
 * that a batch is open (code 99), reads that batch again and acknowledges it once stored, as after an
 * interrupted run: nothing is lost or skipped. When a batch is already open (the app is between its
 * read and its acknowledgement), the doctor reads that batch again by its number, which changes nothing.
 */
async function checkArticleFeed(run: (check: SpecterCheck) => Promise<Checked>): Promise<CheckRun> {
  const check = (batchNo: string): SpecterCheck => ({
    key: 'articleFeed',
    params: [[PARAM.batchNo, batchNo]],
    read: readArticles,
    shape: REPLY_SHAPES.articles,
  });
  const batchNo = newBatchNo();
  const first = await run(check(batchNo));
  if (first.result.errorCode !== ERROR_CODE.batchOpen) {
    if (first.result.parsed) {
      first.result.notes.push(
        first.result.records > 0
          ? `This read opened batch ${batchNo} (${first.result.records} articles) and did not acknowledge it: the app's next article run is told the batch is open (code ${ERROR_CODE.batchOpen}), reads it again and acknowledges it after storing the articles.`
          : 'No changed articles were waiting, so no batch was opened.',
      );
    }
    return first;
  }
  const open = batchNoFromMessage(first.result.errorText, BATCH_QUOTE);
  if (!open) {
    first.result.notes.push('A batch is open but Specter did not say which; the app cannot continue it either.');
    return first;
  }
  const again = await run(check(open));
  again.calls = [...first.calls, ...again.calls];
  again.result.notes.push(
    `A batch was already open (${open}): read again by its number and not acknowledged; the app acknowledges it as usual.`,
  );
  return again;
}

/** What the last attempt's reply says: answered, Specter's code and text, records, and the shape. */
function interpret(
  t: SpecterTransport,
  check: SpecterCheck,
  call: CapturedCall | undefined,
  thrown: unknown,
): Omit<Checked, 'calls'> {
  const result = emptyResult('specter', ACTION[check.key], `ACTION.${check.key}`);
  const out = { result, firstId: '' };
  result.status = call?.status ?? null;
  const bytes = call?.replyBytes;
  if (!bytes || call?.status === null || (call?.status ?? 0) < 200 || (call?.status ?? 0) >= 300) {
    result.notes.push(thrown ? errorMessage(thrown) : 'No reply.');
    return out;
  }
  result.answered = true;
  let reply: SpecterReply;
  let note: string | null = null;
  try {
    const decoded = decodeSpecterBytes(bytes);
    note = decoded.note;
    reply = parseSpecterReply(decoded.text);
  } catch (error) {
    result.notes.push(`The reply is not a Specter reply: ${errorMessage(error)}`);
    return out;
  }
  if (note) result.notes.push(note);
  if (!reply.ok) {
    result.errorCode = reply.code;
    result.errorText = reply.message;
    return out;
  }
  if (reply.format !== 'xml') {
    result.notes.push(`Specter answered in text where XML was asked for: "${reply.message}".`);
    return out;
  }
  const found = checkXml([reply.body], check.shape);
  result.missing = found.missing;
  result.unknown = found.unknown;
  try {
    const records = t.records(ACTION[check.key], reply, check.read);
    result.parsed = true;
    result.records = records.length;
    const issues = records.flatMap((r) => (r as { readIssues?: { message: string }[] }).readIssues ?? []);
    if (issues.length > 0) {
      result.notes.push(`${issues.length} value(s) could not be read, e.g. ${issues[0]?.message ?? ''}`);
    }
    out.firstId = check.idOf?.(reply.body) ?? '';
  } catch (error) {
    result.notes.push(errorMessage(error));
  }
  return out;
}
