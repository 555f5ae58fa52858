/**
 * First start and the settings form's field rules, pure.
 *
 * The setup opens while `setupDone` is false and the install is new: nothing of Specter or Ongoing has
 * been saved. An install that already has a connection saved (e.g. set with `config set`) never sees
 * it. A demo process is connected to its simulators from the start, so there the first start shows
 * the two paths as a welcome card on the Overview instead of taking over the window.
 */
import type { Settings } from './settings';

export type FirstStart = 'none' | 'setup' | 'welcome';

export function firstStart(settings: Settings, demo: boolean): FirstStart {
  if (settings.setupDone) return 'none';
  if (demo) return 'welcome';
  const configured =
    settings.specter.sbmId !== '' ||
    settings.specter.apiUserId !== '' ||
    settings.ongoing.warehouse !== '' ||
    settings.ongoing.user !== '' ||
    settings.ongoing.goodsOwnerId !== null;
  return configured ? 'none' : 'setup';
}

/** Why a field's text cannot be saved (a key of the UI texts), or null when it can. */
export type FieldProblem =
  | 'setup.error.digits'
  | 'setup.error.required'
  | 'setup.error.tooLong'
  | 'setup.error.url'
  | 'setup.error.range'
  | null;

/** Digits only (an id); empty is allowed unless required. */
export function checkDigits(text: string, options: { required?: boolean; max?: number } = {}): FieldProblem {
  if (text === '') return options.required ? 'setup.error.required' : null;
  if (!/^\d+$/.test(text)) return 'setup.error.digits';
  if (text.length > (options.max ?? 20)) return 'setup.error.tooLong';
  return null;
}

/** A positive whole number id (goods owner): digits only, not 0. */
export function checkPositiveId(text: string, options: { required?: boolean } = {}): FieldProblem {
  const digits = checkDigits(text, { ...options, max: 9 });
  if (digits) return digits;
  if (text !== '' && Number(text) <= 0) return 'setup.error.range';
  return null;
}

export function checkUrl(text: string): FieldProblem {
  if (text.length > 500) return 'setup.error.tooLong';
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'setup.error.url';
  } catch {
    return 'setup.error.url';
  }
}

export function checkLength(text: string, max: number): FieldProblem {
  return text.length > max ? 'setup.error.tooLong' : null;
}

/** Seconds between runs: whole seconds from 10 to 86400. */
export function checkInterval(text: string): FieldProblem {
  if (text === '') return 'setup.error.required';
  if (!/^\d+$/.test(text)) return 'setup.error.digits';
  const n = Number(text);
  return n < 10 || n > 86_400 ? 'setup.error.range' : null;
}

/** The connection fields of the form as typed, checked per field. */
export interface ConnectionDraft {
  specter: { baseUrl: string; sbmId: string; apiUserId: string; stockSiteId: string; keyScheme: 'v2' | 'v1' };
  ongoing: { warehouse: string; user: string; goodsOwnerId: string };
}

export type ConnectionField =
  | 'specter.baseUrl'
  | 'specter.sbmId'
  | 'specter.apiUserId'
  | 'specter.stockSiteId'
  | 'ongoing.warehouse'
  | 'ongoing.user'
  | 'ongoing.goodsOwnerId';

export function connectionDraft(settings: Settings): ConnectionDraft {
  return {
    specter: { ...settings.specter },
    ongoing: {
      warehouse: settings.ongoing.warehouse,
      user: settings.ongoing.user,
      goodsOwnerId: settings.ongoing.goodsOwnerId === null ? '' : String(settings.ongoing.goodsOwnerId),
    },
  };
}

export function connectionProblems(draft: ConnectionDraft): Partial<Record<ConnectionField, FieldProblem>> {
  const all: Record<ConnectionField, FieldProblem> = {
    'specter.baseUrl': checkUrl(draft.specter.baseUrl),
    'specter.sbmId': checkDigits(draft.specter.sbmId),
    'specter.apiUserId': checkLength(draft.specter.apiUserId, 100),
    'specter.stockSiteId': checkDigits(draft.specter.stockSiteId),
    'ongoing.warehouse': checkLength(draft.ongoing.warehouse, 300),
    'ongoing.user': checkLength(draft.ongoing.user, 200),
    'ongoing.goodsOwnerId': checkPositiveId(draft.ongoing.goodsOwnerId),
  };
  return Object.fromEntries(Object.entries(all).filter(([, p]) => p !== null));
}

/** The settings patch of a valid draft; null while any field is invalid (nothing is saved then). */
export function connectionPatch(draft: ConnectionDraft): Pick<Settings, 'specter' | 'ongoing'> | null {
  if (Object.keys(connectionProblems(draft)).length > 0) return null;
  return {
    specter: { ...draft.specter },
    ongoing: {
      warehouse: draft.ongoing.warehouse.trim(),
      user: draft.ongoing.user,
      goodsOwnerId: draft.ongoing.goodsOwnerId === '' ? null : Number(draft.ongoing.goodsOwnerId),
    },
  };
}
