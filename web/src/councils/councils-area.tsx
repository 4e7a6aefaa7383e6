import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { BallotPage } from './ballot-page.js';
import { BodyPage } from './body-page.js';
import { FederationPage } from './federation-page.js';
import { MotionPage } from './motion-page.js';
import './councils.css';

/** The councils area at `/councils/*`: the federation, a body's page, a motion, a ranked ballot. */
export function CouncilsArea() {
  return (
    <Routes>
      <Route index element={<FederationPage />} />
      <Route path="bodies/:bodyId" element={<BodyPage />} />
      <Route path="motions/:motionId" element={<MotionPage />} />
      <Route path="elections/:electionId" element={<BallotPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
