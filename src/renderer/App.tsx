import { useEffect } from 'react';
import type { MessageKey } from '../shared/i18n';
import { getApi } from './api';
import { ActivityPage } from './pages/ActivityPage';
import { OverviewPage } from './pages/OverviewPage';
import { PostingsPage } from './pages/PostingsPage';
import { ArticlesPage, OrdersPage } from './pages/RecordsPage';
import { SettingsPage } from './pages/SettingsPage';
import { StockPage } from './pages/StockPage';
import { PAGES, type Page, useAppStore, useT } from './store';

const PAGE_VIEWS: Record<Page, () => React.JSX.Element> = {
  overview: OverviewPage,
  orders: OrdersPage,
  deliveries: () => <PostingsPage kind="delivery" />,
  receipts: () => <PostingsPage kind="receipt" />,
  stock: StockPage,
  articles: ArticlesPage,
  activity: ActivityPage,
  settings: SettingsPage,
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

  const View = PAGE_VIEWS[page];
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
        <View />
      </main>
    </div>
  );
}
