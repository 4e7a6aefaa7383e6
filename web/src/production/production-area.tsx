import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { ProductionPage } from './production-page.js';
import { SparePartsBoardPage } from './spare-parts-board-page.js';
import { WorkplacePage } from './workplace-page.js';
import './production.css';

/** The production area at `/production/*`: workplaces and alert boards, a workplace's page, spare-parts boards. */
export function ProductionArea() {
  return (
    <Routes>
      <Route index element={<ProductionPage />} />
      <Route path="workplaces/:id" element={<WorkplacePage />} />
      <Route path="spare-parts/:bodyId" element={<SparePartsBoardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
