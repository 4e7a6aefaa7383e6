import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { CommitteePage } from './committee-page.js';
import { PointPage } from './point-page.js';
import { PriceReportPage } from './price-report-page.js';
import { SupplyHome } from './supply-home.js';
import './supply.css';

/** The supply area at `/supply/*`: the person's committees, a committee, a distribution point, a price report. */
export function SupplyArea() {
  return (
    <Routes>
      <Route index element={<SupplyHome />} />
      <Route path="committees/:id" element={<CommitteePage />} />
      <Route path="committees/:id/report" element={<PriceReportPage />} />
      <Route path="points/:id" element={<PointPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
