import { z } from 'zod';

const interval = z.number().int().min(10, 'at least 10 seconds').max(86_400, 'at most one day (86400 seconds)');

/**
 * Non-secret settings, stored in SQLite. Every string has a length bound, so no setting can grow the
 * database or a request without limit. Secrets (keys, passwords) are never part of this object:
 * they live only in the OS keychain (see credentials.ts).
 */
export const settingsSchema = z.object({
  language: z.enum(['sv', 'en']),
  /** Desktop app: start with the operating system (in the tray). */
  startAtLogin: z.boolean(),
  /** The first-start setup was finished or skipped (see shared/setup.ts for when it opens). */
  setupDone: z.boolean(),
  specter: z.object({
    /** Base URL of the Specter API (the scripts getInfo.asp / putInfo.asp live under it). */
    baseUrl: z.url().max(500, 'at most 500 characters'),
    /** Specter customer database id ("SBM ID"). */
    sbmId: z.string().max(20, 'at most 20 digits').regex(/^\d*$/, 'SBM ID is a number, e.g. 1234'),
    apiUserId: z.string().max(100),
    /** Stock site whose stock the app reads and updates. */
    stockSiteId: z.string().max(20, 'at most 20 digits').regex(/^\d*$/, 'Stock site id is a number, e.g. 1'),
    /** v2: ApiUserKey + IntegrationKey. v1: md5key1 + md5key2 (same formula, older names). */
    keyScheme: z.enum(['v2', 'v1']),
  }),
  ongoing: z.object({
    /** Warehouse name from the login URL (https://{warehouse}.ongoingsystems.se) or a full API base URL. */
    warehouse: z.string().max(300),
    user: z.string().max(200),
    goodsOwnerId: z.number().int().positive().nullable(),
  }),
  sync: z.object({
    /** Seconds between scheduled runs per job. */
    intervals: z.object({
      articles: interval,
      orders: interval,
      purchaseOrders: interval,
      deliveries: interval,
      receipts: interval,
      stock: interval,
    }),
    /** Specter delivery statuses whose orders are sent to Ongoing (the integration's default: N). */
    orderDeliveryStatuses: z.array(z.enum(['N', 'P', 'D'])).min(1, 'choose at least one delivery status'),
    /** Ongoing order statuses that count as shipped (read the warehouse's list; default Sent 450, Collected 500). */
    shippedStatuses: z
      .array(z.number().int().min(0).max(100_000))
      .min(1, 'choose at least one shipped status')
      .max(50, 'at most 50 statuses'),
    /** Outbound/inbound postings are confirmed without an operator when set. */
    autoConfirm: z.object({ deliveries: z.boolean(), receipts: z.boolean() }),
    /** Defaults for new delivery proposals; changeable per proposal. */
    createInvoice: z.boolean(),
    sendDeliveryEmail: z.boolean(),
    sendReceiptEmail: z.boolean(),
    /** Minutes each order/purchase run reaches back before its watermark, so late commits are not missed. */
    watermarkOverlapMinutes: z.number().int().min(0).max(1440),
    stock: z.object({
      /** Stock sync Ongoing → Specter is optional, as in the integration. */
      enabled: z.boolean(),
      /** automatic: push differences on schedule; after_review: an operator pushes from the Stock page. */
      mode: z.enum(['automatic', 'after_review']),
    }),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: every section and field is optional; what is given replaces what is stored. */
export const settingsPatchSchema = z
  .object({
    language: settingsSchema.shape.language.optional(),
    startAtLogin: settingsSchema.shape.startAtLogin.optional(),
    setupDone: settingsSchema.shape.setupDone.optional(),
    specter: settingsSchema.shape.specter.partial().strict().optional(),
    ongoing: settingsSchema.shape.ongoing.partial().strict().optional(),
    sync: z
      .object({
        ...settingsSchema.shape.sync.shape,
        intervals: settingsSchema.shape.sync.shape.intervals.partial().strict(),
        autoConfirm: settingsSchema.shape.sync.shape.autoConfirm.partial().strict(),
        stock: settingsSchema.shape.sync.shape.stock.partial().strict(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'sv',
  startAtLogin: true,
  setupDone: false,
  specter: { baseUrl: 'https://api.specter.se/', sbmId: '', apiUserId: '', stockSiteId: '1', keyScheme: 'v2' },
  ongoing: { warehouse: '', user: '', goodsOwnerId: null },
  sync: {
    intervals: { articles: 300, orders: 60, purchaseOrders: 300, deliveries: 60, receipts: 60, stock: 900 },
    orderDeliveryStatuses: ['N'],
    shippedStatuses: [450, 500],
    autoConfirm: { deliveries: false, receipts: false },
    createInvoice: false,
    sendDeliveryEmail: true,
    sendReceiptEmail: false,
    watermarkOverlapMinutes: 10,
    stock: { enabled: false, mode: 'after_review' },
  },
};

/** Apply a validated patch; pure. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    language: patch.language ?? current.language,
    startAtLogin: patch.startAtLogin ?? current.startAtLogin,
    setupDone: patch.setupDone ?? current.setupDone,
    specter: { ...current.specter, ...patch.specter },
    ongoing: { ...current.ongoing, ...patch.ongoing },
    sync: {
      ...current.sync,
      ...patch.sync,
      intervals: { ...current.sync.intervals, ...patch.sync?.intervals },
      autoConfirm: { ...current.sync.autoConfirm, ...patch.sync?.autoConfirm },
      stock: { ...current.sync.stock, ...patch.sync?.stock },
    },
  };
}
