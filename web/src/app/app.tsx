import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuditPage } from '../audit/audit-page.js';
import { CouncilsArea } from '../councils/councils-area.js';
import { HomePage } from '../home/home-page.js';
import { AccountPage } from '../identity/account-page.js';
import { SignInPage } from '../identity/sign-in-page.js';
import { LandPage } from '../land/land-page.js';
import { ParcelPage } from '../land/parcel-page.js';
import { LogisticsArea } from '../logistics/logistics-area.js';
import { TourPage } from '../overview/tour-page.js';
import { PlanningArea } from '../planning/planning-area.js';
import { ProductionArea } from '../production/production-area.js';
import { SupplyArea } from '../supply/supply-area.js';
import { NOT_BUILT_AREAS } from './areas.js';
import { AuthProvider, useAuth } from './auth-context.js';
import { ErrorBoundary } from './error-boundary.js';
import { Layout } from './layout.js';
import { NotBuiltPage } from './not-built-page.js';
import { NotFoundPage } from './not-found-page.js';

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Pages behind sign-in: a signed-out visitor goes to /sign-in and comes back after. */
function RequireSignIn() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Layout />;
}

function SignInRoute() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-in') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;
  }
  return <SignInPage />;
}

/** The whole web app: session, router and pages. */
export function App() {
  return (
    <ErrorBoundary>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInRoute />} />
            <Route element={<RequireSignIn />}>
              <Route index element={<HomePage />} />
              <Route path="tour" element={<TourPage />} />
              {NOT_BUILT_AREAS.map((area) => (
                <Route key={area} path={area} element={<NotBuiltPage area={area} />} />
              ))}
              <Route path="production/*" element={<ProductionArea />} />
              <Route path="planning/*" element={<PlanningArea />} />
              <Route path="logistics/*" element={<LogisticsArea />} />
              <Route path="supply/*" element={<SupplyArea />} />
              <Route path="land" element={<LandPage />} />
              <Route path="land/parcels/:id" element={<ParcelPage />} />
              <Route path="councils/*" element={<CouncilsArea />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </ErrorBoundary>
  );
}
