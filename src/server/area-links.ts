import { AppError } from '../core/errors.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { LandArea } from '../land/land-area.js';
import { type OnDelivered, type OnPickedUp, recordInLedger } from '../logistics/dispatch.service.js';
import type { LogisticsArea } from '../logistics/logistics-area.js';
import { loadKg } from '../supply/core/shortfall.js';
import type { ResupplyRouter } from '../supply/resupply.service.js';
import type { SupplyService } from '../supply/supply.service.js';

/**
 * What a delivered shipment does across areas: logistics records it in its own ledger, and when the
 * destination is a supply committee's distribution point, the point's stock rises — and a resupply
 * request it carried is marked delivered — all inside the delivery's transaction, so a delivery is
 * never recorded without its stock or twice.
 *
 * @example createLogisticsArea(database, audit, councils, { onDelivered: deliveriesRaiseSupplyStock(supply) });
 */
export function deliveriesRaiseSupplyStock(supply: SupplyService): OnDelivered {
  return async (delivery, db) => {
    await recordInLedger(delivery, db);
    if (delivery.source === 'supply-request' && delivery.sourceRef !== null)
      await supply.resupply.deliveredIn(db, delivery.sourceRef, delivery.deliveredAt);
    if (delivery.supplyPointId === null) return;
    await supply.claims.stockDeliveredIn(db, {
      pointId: delivery.supplyPointId,
      goods: delivery.goods,
      at: delivery.deliveredAt,
    });
  };
}

/**
 * Shortfalls at committees become shipments: a committee's resupply request is routed from the
 * nearest depot of its cordón (the council above it, whose truck pool carries it; any depot when
 * the cordón has none) to the place linked to its distribution point, as a `supply-request`
 * shipment of priority food, in the request's own transaction. No place or depot is an outcome
 * (the request is kept, unrouted, and says why).
 *
 * @example supply.resupply.routeWith(resupplyBecomesShipments(logistics, councils));
 */
export function resupplyBecomesShipments(
  logistics: LogisticsArea,
  councils: CouncilsService,
): ResupplyRouter {
  return async (c, facts) => {
    const cordonId = await councils.councilAbove(facts.committeeId, c.trx);
    const route = await logistics.places.routeToSupplyPoint(c.trx, facts.pointId, cordonId);
    if (!route.found) return { unroutedReason: route.reason };
    const shipment = await logistics.shipments.requestShipmentIn(
      c,
      {
        bodyId: route.depot.bodyId ?? cordonId ?? facts.committeeId,
        requestedByBodyId: facts.committeeId,
        fromPlaceId: route.depot.id,
        toPlaceId: route.destination.id,
        priority: 'food',
        weightKg: loadKg(facts.lines),
        dueDate: facts.dueDate,
        goods: facts.lines.map((l) => ({ good: l.goodCode, quantity: l.quantity, unit: l.unit })),
      },
      { source: 'supply-request', sourceRef: facts.requestId },
    );
    return { shipmentId: shipment.id };
  };
}

/** Kilograms per unit of the weights a goods line may be stated in. */
const KG_PER: Readonly<Record<string, number>> = Object.freeze({ kg: 1, t: 1000 });

/**
 * The land feeds supply: a shipment loaded at a place run by a peasant committee (its farm) draws
 * that committee's harvest stock of each good stated in kg or t (the good's code is the harvest's
 * product code), in the pickup's transaction — one draw per shipment and good, so a replayed pickup
 * draws nothing twice. Less in stock than the load refuses the pickup (409 `harvest-stock-short`,
 * naming the product and both weights): a truck cannot load what the committee does not hold.
 *
 * @example createLogisticsArea(database, audit, councils, { onPickedUp: pickupsDrawHarvestStock(land, councils) });
 */
export function pickupsDrawHarvestStock(land: LandArea, councils: CouncilsService): OnPickedUp {
  return async (pickup, c) => {
    if (pickup.fromBodyId === null) return;
    if ((await councils.kindOf(pickup.fromBodyId, c.trx)) !== 'peasant-committee') return;
    for (const line of pickup.goods) {
      const perUnit = KG_PER[line.unit];
      if (perUnit === undefined) continue;
      const drawn = await land.harvests.drawStockIn(c, {
        bodyId: pickup.fromBodyId,
        product: line.good,
        quantityKg: Math.round(line.quantity * perUnit),
        refId: `${pickup.shipmentId}:${line.good}`,
      });
      if (drawn.status === 'short')
        throw new AppError('harvest-stock-short', {
          field: 'body.event',
          params: { product: line.good, requestedKg: drawn.requestedKg, availableKg: drawn.availableKg },
        });
    }
  };
}
