import { useEffect, useRef } from 'react';
import type { MessageKey } from '../shared/i18n';
import { type BadgePage, navBadges } from '../shared/nav-badges';
import { firstStart } from '../shared/setup';
import { getApi } from './api';
import { ActivityPage } from './pages/ActivityPage';
import { OverviewPage } from './pages/OverviewPage';
import { PostingsPage } from './pages/PostingsPage';
import { ArticlesPage, OrdersPage } from './pages/RecordsPage';
import { SettingsPage } from './pages/SettingsPage';
import { StockPage } from './pages/StockPage';
import { SetupPage } from './pages/setup/SetupPage';
import { WelcomeCard } from './pages/setup/WelcomeCard';
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
  setup: SetupPage,
};

export function App() {
  const t = useT();
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);
  const load = useAppStore((s) => s.load);
  const applyEvent = useAppStore((s) => s.applyEvent);
  const error = useAppStore((s) => s.error);
  const notice = useAppStore((s) => s.notice);
  const settings = useAppStore((s) => s.settings);
  const demo = useAppStore((s) => s.status?.demo);
  const health = useAppStore((s) => s.health);
  const routed = useRef(false);

  useEffect(() => {
    void load();
    return getApi().onEvent(applyEvent);
  }, [load, applyEvent]);

  const start = settings && demo !== undefined ? firstStart(settings, demo) : 'none';
  // A new install opens the setup once, when the app first knows its settings.
  useEffect(() => {
    if (routed.current || !settings || demo === undefined) return;
    routed.current = true;
    if (firstStart(settings, demo) === 'setup' && useAppStore.getState().page === 'overview') setPage('setup');
  }, [settings, demo, setPage]);

  const badges = navBadges(health);
  const View = PAGE_VIEWS[page];
  return (
    <div className="layout">
      <a className="skip-link" href="#main-content">
        {t('setup.skipLink')}
      </a>
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t('app.title')}</div>
        {PAGES.map((p) => {
          const count = badges[p as BadgePage];
          return (
            <button
              key={p}
              type="button"
              className={p === page ? 'nav-item active' : 'nav-item'}
              aria-current={p === page ? 'page' : undefined}
              aria-describedby={count ? `nav-count-${p}` : undefined}
              onClick={() => setPage(p)}
            >
              {t(`nav.${p}` as MessageKey)}
              {count ? (
                <>
                  <span className="nav-badge" aria-hidden="true" data-testid={`nav-badge-${p}`}>
                    {count}
                  </span>
                  {/* The count as a description, so the button's name stays the page's name. */}
                  <span id={`nav-count-${p}`} hidden>
                    {count} {t(`setup.badge.${p}` as MessageKey)}
                  </span>
                </>
              ) : null}
            </button>
          );
        })}
      </nav>
      <main className="content" id="main-content" tabIndex={-1}>
        {error && (
          <div role="alert" className="banner error">
            {error}
          </div>
        )}
        {notice && <output className="banner notice">{t(notice as MessageKey)}</output>}
        {start === 'welcome' && page === 'overview' && <WelcomeCard />}
        <View />
      </main>
    </div>
  );
}
