import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { AREAS } from './areas.js';
import { useAuth, useMe } from './auth-context.js';
import { LanguageSwitch } from './language-switch.js';

/**
 * The signed-in frame: skip link, top bar (name, language, sign-out), navigation by area (a menu
 * button opens it on narrow screens) and the page. On every navigation after the first, focus
 * moves to the new page's heading so screen readers announce it.
 */
export function Layout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const shownPath = useRef(location.pathname);

  // On each navigation (not the first render, and not twice under StrictMode) close the menu and
  // move focus to the new page's heading.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    setMenuOpen(false);
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus();
  }, [location.pathname]);

  const links = [
    { to: '/', label: t('nav.home'), end: true },
    ...AREAS.map((area) => ({ to: `/${area}`, label: t(`nav.${area}`), end: false })),
  ];

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <button
          type="button"
          ref={menuButtonRef}
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="area-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true" className="menu-icon" />
          {t('nav.menu')}
        </button>
        <div className="topbar-tools">
          <LanguageSwitch />
          <NavLink
            to="/account"
            className="account-link"
            title={t('header.signedInAs', { name: me.displayName })}
          >
            <span className="visually-hidden">{t('nav.account')}: </span>
            {me.displayName}
          </NavLink>
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <div className="shell">
        <nav
          id="area-nav"
          className={menuOpen ? 'area-nav open' : 'area-nav'}
          aria-label={t('nav.label')}
          onKeyDown={(event) => {
            // Escape closes the opened menu and gives focus back to its button.
            if (event.key === 'Escape' && menuOpen) {
              setMenuOpen(false);
              menuButtonRef.current?.focus();
            }
          }}
        >
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
            <li className="nav-separated">
              <NavLink to="/account">{t('nav.account')}</NavLink>
            </li>
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
