import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import type { Need, Order } from './spare-parts-api.js';

/** Kilometres with one decimal from metres, in the UI's number format. */
export function useKilometres(): (metres: number) => string {
  const f = useFormat();
  return (metres) => f.number(Math.round(metres / 100) / 10);
}

/** One order's line: maker (or `label`), distance, state, and whatever actions the caller offers. */
export function OrderLine({ order, actions, label }: { order: Order; actions?: ReactNode; label?: string }) {
  const { t } = useTranslation();
  const km = useKilometres();
  return (
    <li className={`spare-order order-${order.status}`} data-order-id={order.id}>
      <span>
        {label ??
          t('production.spareParts.orderLine', { maker: order.makerName, km: km(order.distanceMetres) })}
      </span>{' '}
      <span className="tag order-status">{t(`production.spareParts.orderStatus.${order.status}`)}</span>
      {actions}
    </li>
  );
}

/**
 * A need as a card: part, quantity, urgency, machine, capability, the needing workplace, its state
 * and orders. `children` go below (forms, proposals); `orderActions` after each order.
 */
export function NeedItem({
  need,
  children,
  orderActions,
  showWorkplace = true,
}: {
  need: Need;
  children?: ReactNode;
  orderActions?: (order: Order) => ReactNode;
  showWorkplace?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `need-${need.id}`;
  return (
    <li className={`spare-need urgency-${need.urgency}`} data-need-id={need.id} aria-labelledby={headingId}>
      <div className="alert-head">
        <strong id={headingId}>
          {t('production.spareParts.needTitle', { part: need.part, quantity: f.number(need.quantity) })}
        </strong>
        <span className={`tag urgency-tag-${need.urgency}`}>
          {t(`production.spareParts.urgency.${need.urgency}`)}
        </span>
        <span className="tag need-status">{t(`production.spareParts.needStatus.${need.status}`)}</span>
      </div>
      <dl className="alert-facts">
        {showWorkplace && (
          <div>
            <dt>{t('production.spareParts.workplace')}</dt>
            <dd>
              <Link to={`/production/workplaces/${need.workplaceId}`}>{need.workplaceName}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('production.spareParts.capabilityLabel')}</dt>
          <dd>{t(`production.spareParts.capability.${need.capability}`)}</dd>
        </div>
        {need.machine && (
          <div>
            <dt>{t('production.spareParts.machine')}</dt>
            <dd>{need.machine}</dd>
          </div>
        )}
        {need.specification && (
          <div>
            <dt>{t('production.spareParts.specification')}</dt>
            <dd>{need.specification}</dd>
          </div>
        )}
        <div>
          <dt>{t('production.spareParts.posted')}</dt>
          <dd>{f.dateTime(need.createdAt)}</dd>
        </div>
      </dl>
      {need.orders.length > 0 && (
        <ul className="spare-orders" aria-label={t('production.spareParts.ordersOf', { part: need.part })}>
          {need.orders.map((o) => (
            <OrderLine key={o.id} order={o} actions={orderActions?.(o)} />
          ))}
        </ul>
      )}
      {children}
    </li>
  );
}
