import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { DriverPage } from './driver-page.js';
import { FleetPage } from './fleet-page.js';
import { LogisticsHome } from './logistics-home.js';
import { PlacePage } from './place-page.js';
import { PlanPage } from './plan-page.js';
import { ShipmentsPage } from './shipments-page.js';
import './logistics.css';

/** The logistics area at `/logistics/*`: plans, fleet board, shipments, a plan's map, the driver page. */
export function LogisticsArea() {
  const { t } = useTranslation();
  const links = [
    { to: '/logistics', label: t('logistics.nav.plans'), end: true },
    { to: '/logistics/fleet', label: t('logistics.nav.fleet'), end: false },
    { to: '/logistics/shipments', label: t('logistics.nav.shipments'), end: false },
    { to: '/logistics/drive', label: t('logistics.nav.drive'), end: false },
  ];
  return (
    <>
      <nav className="logistics-tabs" aria-label={t('logistics.nav.label')}>
        <ul>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end}>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<LogisticsHome />} />
        <Route path="fleet" element={<FleetPage />} />
        <Route path="shipments" element={<ShipmentsPage />} />
        <Route path="plans/:id" element={<PlanPage />} />
        <Route path="places/:id" element={<PlacePage />} />
        <Route path="drive" element={<DriverPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
