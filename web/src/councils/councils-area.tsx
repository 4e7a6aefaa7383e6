import { Fragment } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { NotFoundPage } from '../app/not-found-page.js';
import { BallotPage } from './ballot-page.js';
import { BodyPage } from './body-page.js';
import { FederationPage } from './federation-page.js';
import { MotionPage } from './motion-page.js';
import './councils.css';

/**
 * The councils area at `/councils/*`: the federation, a body's page, a motion, a ranked ballot.
 * Each address gets a fresh page (keyed by path), so nothing of one body or ballot — a ranking
 * being built, a refusal, a receipt — is carried over to the next.
 */
export function CouncilsArea() {
  const { pathname } = useLocation();
  return (
    <Fragment key={pathname}>
      <Routes>
        <Route index element={<FederationPage />} />
        <Route path="bodies/:bodyId" element={<BodyPage />} />
        <Route path="motions/:motionId" element={<MotionPage />} />
        <Route path="elections/:electionId" element={<BallotPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Fragment>
  );
}
