import { z } from 'zod';

/**
 * Non-secret settings, stored in SQLite. Secrets (keys, passwords) are never part of this object:
 * they live only in the OS keychain (see credentials.ts).
 */
export const settingsSchema = z.object({
  language: z.enum(['sv', 'en']),
  specter: z.object({
    /** Base URL of the Specter API (the scripts getInfo.asp / putInfo.asp live under it). */
    baseUrl: z.url(),
    /** Specter customer database id ("SBM ID"). */
    sbmId: z.string().regex(/^\d*$/, 'SBM ID is a number, e.g. 1234'),
    apiUserId: z.string().max(100),
    /** Stock site whose stock the app reads and updates. */
    stockSiteId: z.string().regex(/^\d*$/, 'Stock site id is a number, e.g. 1'),
    /** v2: ApiUserKey + IntegrationKey. v1: md5key1 + md5key2 (same formula, older names). */
    keyScheme: z.enum(['v2', 'v1']),
  }),
  ongoing: z.object({
    /** Warehouse name from the login URL (https://{warehouse}.ongoingsystems.se) or a full API base URL. */
    warehouse: z.string().max(300),
    user: z.string().max(200),
    goodsOwnerId: z.number().int().positive().nullable(),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: every section and field is optional; what is given replaces what is stored. */
export const settingsPatchSchema = z
  .object({
    language: settingsSchema.shape.language.optional(),
    specter: settingsSchema.shape.specter.partial().strict().optional(),
    ongoing: settingsSchema.shape.ongoing.partial().strict().optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'sv',
  specter: { baseUrl: 'https://api.specter.se/', sbmId: '', apiUserId: '', stockSiteId: '1', keyScheme: 'v2' },
  ongoing: { warehouse: '', user: '', goodsOwnerId: null },
};

/** Apply a validated patch; pure. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    language: patch.language ?? current.language,
    specter: { ...current.specter, ...patch.specter },
    ongoing: { ...current.ongoing, ...patch.ongoing },
  };
}
