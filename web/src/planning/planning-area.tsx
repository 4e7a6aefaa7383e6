import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { PlanPage } from './plan-page.js';
import { PlansPage } from './plans-page.js';
import './planning.css';

/** The planning area at `/planning/*`: the plans, and one plan's page. */
export function PlanningArea() {
  return (
    <Routes>
      <Route index element={<PlansPage />} />
      <Route path="plans/:id" element={<PlanPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
