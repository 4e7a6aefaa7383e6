import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Federation } from './councils-types.js';
import { FederationGraph } from './federation-graph.js';
import { useLiveReload } from './use-live-reload.js';

/**
 * `/councils`: the bodies the person belongs to, and the whole federation drawn as a graph with
 * the same information as a table for those who do not see the drawing.
 */
export function FederationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const title = t('nav.councils');
  usePageTitle(title);
  const federation = useLoaded<Federation>('/api/bodies');
  useLiveReload(() => void federation.reload());
  const mine = new Set(me.bodies.map((b) => b.bodyId));
  const names = new Map((federation.value?.bodies ?? []).map((b) => [b.id, b.name]));

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('councils.federation.intro')}</p>
      <section className="card" aria-labelledby="my-bodies">
        <h2 id="my-bodies">{t('councils.federation.myBodies')}</h2>
        {me.bodies.length === 0 ? (
          <p className="muted">{t('home.noBodies')}</p>
        ) : (
          <ul className="bodies">
            {me.bodies.map((b) => (
              <li key={b.bodyId}>
                <Link className="body-name" to={`/councils/bodies/${b.bodyId}`}>
                  {b.name}
                </Link>
                <span className="body-kind">{t(`kinds.${b.kind}`, { defaultValue: b.kind })}</span>
                <span className="body-roles">
                  {b.roles.map((r) => (
                    <span key={r} className="tag">
                      {t(`roles.${r}`, { defaultValue: r })}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="federation-title">
        <h2 id="federation-title">{t('councils.federation.title')}</h2>
        {federation.problem && (
          <p className="error-box" role="alert">
            {federation.problem.detail}
          </p>
        )}
        {federation.loading && <p role="status">{t('common.loading')}</p>}
        {federation.value && (
          <>
            <p className="hint">{t('councils.federation.graphHint')}</p>
            <FederationGraph federation={federation.value} mine={mine} />
            <details className="federation-list">
              <summary>
                {t('councils.federation.listSummary', { count: federation.value.bodies.length })}
              </summary>
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">
                    {t('councils.federation.listSummary', { count: federation.value.bodies.length })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('councils.federation.body')}</th>
                      <th scope="col">{t('councils.federation.kind')}</th>
                      <th scope="col">{t('councils.federation.sendsTo')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {federation.value.bodies.map((b) => {
                      const councils = federation.value?.affiliations.filter((a) => a.bodyId === b.id) ?? [];
                      return (
                        <tr key={b.id}>
                          <th scope="row">
                            <Link to={`/councils/bodies/${b.id}`}>{b.name}</Link>
                          </th>
                          <td>{t(`kinds.${b.kind}`, { defaultValue: b.kind })}</td>
                          <td>
                            {councils.length === 0
                              ? '—'
                              : councils.map((a) => names.get(a.councilId) ?? a.councilId).join(', ')}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </section>
    </section>
  );
}
