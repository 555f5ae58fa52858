import { useEffect, useState } from 'react';
import { JOB_NAMES, type JobName } from '../../shared/domain/sync';
import type { MessageKey } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import { checkInterval } from '../../shared/setup';
import { getApi } from '../api';
import { useApiData } from '../hooks';
import { useAppStore, useT } from '../store';
import { Field } from './setup/Field';

type Sync = Settings['sync'];

/** Schedule, filters, posting defaults and stock sync, with the warehouse's own status list. */
export function SyncSettings() {
  const t = useT();
  const settings = useAppStore((s) => s.settings);
  const busy = useAppStore((s) => s.busy);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const [draft, setDraft] = useState<Sync | null>(settings?.sync ?? null);
  // Intervals as typed, checked on the field; nothing is saved while one is invalid.
  const [intervalText, setIntervalText] = useState<Record<string, string>>({});
  const statuses = useApiData(() => getApi().getWarehouseStatuses({}), []);
  useEffect(() => {
    setDraft(settings?.sync ?? null);
    setIntervalText({});
  }, [settings]);
  if (!draft) return null;
  const intervalValue = (job: JobName) => intervalText[job] ?? String(draft.intervals[job]);
  const intervalProblems = Object.fromEntries(JOB_NAMES.map((job) => [job, checkInterval(intervalValue(job))]));
  const valid = Object.values(intervalProblems).every((p) => p === null);
  const set = (patch: Partial<Sync>) => setDraft({ ...draft, ...patch });
  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  const shippedOptions = statuses.data?.orders.length
    ? statuses.data.orders
    : draft.shippedStatuses.map((number) => ({ number, text: '' }));

  return (
    <form
      className="settings-form"
      aria-label={t('settings.sync')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const intervals = Object.fromEntries(JOB_NAMES.map((job) => [job, Number(intervalValue(job))]));
        void saveSettings({ sync: { ...draft, intervals: intervals as Sync['intervals'] } });
      }}
    >
      <fieldset>
        <legend>{t('settings.sync')}</legend>
        <h3>{t('settings.sync.intervals')}</h3>
        {JOB_NAMES.map((job) => (
          <Field
            key={job}
            id={`interval-${job}`}
            ariaLabel={`interval ${job}`}
            label={t(`job.${job}` as MessageKey)}
            numeric
            value={intervalValue(job)}
            problem={intervalProblems[job]}
            onChange={(v) => setIntervalText({ ...intervalText, [job]: v.trim() })}
          />
        ))}
        <div className="field">
          <span>{t('settings.sync.orderStatuses')}</span>
          <span className="options">
            {(['N', 'P', 'D'] as const).map((status) => (
              <label key={status}>
                <input
                  type="checkbox"
                  checked={draft.orderDeliveryStatuses.includes(status)}
                  onChange={(e) =>
                    set({ orderDeliveryStatuses: toggle(draft.orderDeliveryStatuses, status, e.target.checked) })
                  }
                />{' '}
                {status}
              </label>
            ))}
          </span>
        </div>
        <div className="field">
          <span>{t('settings.sync.shippedStatuses')}</span>
          <span className="options wrap">
            {shippedOptions.map((s) => (
              <label key={s.number}>
                <input
                  type="checkbox"
                  checked={draft.shippedStatuses.includes(s.number)}
                  onChange={(e) => set({ shippedStatuses: toggle(draft.shippedStatuses, s.number, e.target.checked) })}
                />{' '}
                {s.number} {s.text}
              </label>
            ))}
          </span>
        </div>
        {statuses.error && <p className="muted">{t('settings.sync.statusesUnavailable')}</p>}
        {(
          [
            [
              'autoConfirmDeliveries',
              draft.autoConfirm.deliveries,
              (v: boolean) => set({ autoConfirm: { ...draft.autoConfirm, deliveries: v } }),
            ],
            [
              'autoConfirmReceipts',
              draft.autoConfirm.receipts,
              (v: boolean) => set({ autoConfirm: { ...draft.autoConfirm, receipts: v } }),
            ],
            ['createInvoice', draft.createInvoice, (v: boolean) => set({ createInvoice: v })],
            ['sendDeliveryEmail', draft.sendDeliveryEmail, (v: boolean) => set({ sendDeliveryEmail: v })],
            ['sendReceiptEmail', draft.sendReceiptEmail, (v: boolean) => set({ sendReceiptEmail: v })],
            ['stockEnabled', draft.stock.enabled, (v: boolean) => set({ stock: { ...draft.stock, enabled: v } })],
          ] as const
        ).map(([key, checked, onChange]) => (
          <label key={key} className="field">
            <span>{t(`settings.sync.${key}` as MessageKey)}</span>
            <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
          </label>
        ))}
        <label className="field">
          <span>{t('settings.sync.stockMode')}</span>
          <select
            value={draft.stock.mode}
            onChange={(e) => set({ stock: { ...draft.stock, mode: e.target.value as Sync['stock']['mode'] } })}
          >
            <option value="after_review">{t('settings.sync.stockMode.after_review')}</option>
            <option value="automatic">{t('settings.sync.stockMode.automatic')}</option>
          </select>
        </label>
      </fieldset>
      <button type="submit" disabled={busy || !valid}>
        {t('settings.saveSettings')}
      </button>
    </form>
  );
}
