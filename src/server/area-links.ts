import { type OnDelivered, recordInLedger } from '../logistics/dispatch.service.js';
import type { SupplyService } from '../supply/supply.service.js';

/**
 * What a delivered shipment does across areas: logistics records it in its own ledger, and when the
 * destination is a supply committee's distribution point, the point's stock rises — both inside
 * the delivery's transaction, so a delivery is never recorded without its stock or twice.
 *
 * @example createLogisticsArea(database, audit, councils, { onDelivered: deliveriesRaiseSupplyStock(supply) });
 */
export function deliveriesRaiseSupplyStock(supply: SupplyService): OnDelivered {
  return async (delivery, db) => {
    await recordInLedger(delivery, db);
    if (delivery.supplyPointId === null) return;
    await supply.claims.stockDeliveredIn(db, {
      pointId: delivery.supplyPointId,
      goods: delivery.goods,
      at: delivery.deliveredAt,
    });
  };
}
