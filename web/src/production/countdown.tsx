import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Splits a non-negative span of milliseconds into days, hours, minutes and seconds. */
function parts(ms: number): { d: number; h: number; m: number; s: number } {
  const total = Math.floor(ms / 1000);
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/**
 * A live countdown to `deadline` (ISO 8601 UTC), redrawn every second. It is plain text outside any
 * live region, so screen readers read it when reached and are not interrupted every second.
 */
export function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(deadline) - now;
  const p = parts(Math.abs(left));
  const span =
    p.d > 0
      ? t('production.countdown.days', { d: p.d, h: p.h, m: p.m })
      : t('production.countdown.hours', {
          h: p.h,
          m: String(p.m).padStart(2, '0'),
          s: String(p.s).padStart(2, '0'),
        });
  return (
    <span className={left < 0 ? 'countdown countdown-late' : 'countdown'} data-countdown>
      {left < 0 ? t('production.countdown.late', { span }) : t('production.countdown.left', { span })}
    </span>
  );
}
