import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/use-format.js';
import type { ElectionResult } from './councils-types.js';

const E5 = 100_000;

/**
 * The STV result sheet: one row per candidate and one column per stage, each cell the votes at
 * the end of the stage and the transfer into it (±); then exhausted papers' value. The caption
 * says what each stage did (first preferences, a surplus transferred, an exclusion).
 */
export function StvStagesTable({ result }: { result: Extract<ElectionResult, { status: 'counted' }> }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const votes = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'es-CL', {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
    signDisplay: 'never',
  });
  const signed = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'es-CL', {
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const { count, names } = result;
  const nameOf = (index: number) => names[count.candidates[index] ?? ''] ?? count.candidates[index] ?? '?';
  const actionOf = (s: (typeof count.stages)[number]) => {
    const a = s.action;
    if (a.kind === 'first-preferences') return t('councils.stv.first');
    if (a.kind === 'surplus') return t('councils.stv.surplus', { name: nameOf(a.candidate) });
    return t('councils.stv.exclusion', { name: nameOf(a.candidate) });
  };
  return (
    <div className="table-scroll">
      <table className="data-table stv-table">
        <caption>{t('councils.stv.caption', { count: count.stages.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('councils.stv.candidate')}</th>
            {count.stages.map((s) => (
              <th key={s.stage} scope="col" className="num">
                {t('councils.stv.stage', { n: s.stage })}
                <span className="stage-action">{actionOf(s)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {count.candidates.map((id, c) => (
            <tr key={id} className={result.elected.some((x) => x.personId === id) ? 'elected' : undefined}>
              <th scope="row">
                {nameOf(c)}
                {result.elected.some((x) => x.personId === id) && (
                  <span className="tag tag-elected">{t('councils.stv.elected')}</span>
                )}
              </th>
              {count.stages.map((s) => {
                const change = s.changeE5[c] ?? 0;
                return (
                  <td key={s.stage} className="num">
                    {votes.format((s.votesE5[c] ?? 0) / E5)}
                    {s.stage > 1 && change !== 0 && (
                      <span className="transfer"> ({signed.format(change / E5)})</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('councils.stv.exhausted')}</th>
            {count.stages.map((s) => (
              <td key={s.stage} className="num">
                {votes.format(s.exhaustedE5 / E5)}
                <span className="transfer"> ({t('councils.stv.papers', { count: s.exhaustedPapers })})</span>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('councils.stv.loss')}</th>
            {count.stages.map((s) => (
              <td key={s.stage} className="num">
                {votes.format(s.lossTotalE5 / E5)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="hint">{t('councils.stv.quota', { quota: f.number(count.quota) })}</p>
    </div>
  );
}
