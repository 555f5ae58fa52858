import { useEffect } from 'react';
import type { MessageKey } from '../shared/i18n';
import { getApi } from './api';
import { EmptyPage } from './pages/EmptyPage';
import { OverviewPage } from './pages/OverviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { PAGES, type Page, useAppStore, useT } from './store';

const EMPTY_TEXT: Partial<Record<Page, MessageKey>> = {
  orders: 'empty.orders',
  deliveries: 'empty.deliveries',
  receipts: 'empty.receipts',
  stock: 'empty.stock',
  articles: 'empty.articles',
  activity: 'empty.activity',
};

export function App() {
  const t = useT();
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);
  const load = useAppStore((s) => s.load);
  const applyEvent = useAppStore((s) => s.applyEvent);
  const error = useAppStore((s) => s.error);
  const notice = useAppStore((s) => s.notice);

  useEffect(() => {
    void load();
    return getApi().onEvent(applyEvent);
  }, [load, applyEvent]);

  const emptyText = EMPTY_TEXT[page];
  return (
    <div className="layout">
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t('app.title')}</div>
        {PAGES.map((p) => (
          <button
            key={p}
            type="button"
            className={p === page ? 'nav-item active' : 'nav-item'}
            aria-current={p === page ? 'page' : undefined}
            onClick={() => setPage(p)}
          >
            {t(`nav.${p}` as MessageKey)}
          </button>
        ))}
      </nav>
      <main className="content">
        {error && (
          <div role="alert" className="banner error">
            {error}
          </div>
        )}
        {notice && <output className="banner notice">{t(notice as MessageKey)}</output>}
        {page === 'overview' && <OverviewPage />}
        {page === 'settings' && <SettingsPage />}
        {emptyText && <EmptyPage title={t(`nav.${page}` as MessageKey)} text={t(emptyText)} />}
      </main>
    </div>
  );
}
