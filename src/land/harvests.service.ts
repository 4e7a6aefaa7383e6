import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import * as store from './land.store.js';
import { landDb } from './land-db.js';
import type { LandActor } from './land-seams.js';
import type { StockLine } from './land-views.js';
import { isDate } from './parcel-input.js';
import { landMeta } from './parcels.service.js';

/** A product code: lower-case letters, digits and dashes (e.g. `wheat`, `potato`, `milk-raw`). */
export const PRODUCT_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A harvest as presented. */
export interface HarvestView {
  readonly id: string;
  readonly parcelId: string;
  readonly bodyId: string;
  readonly productCode: string;
  readonly quantityKg: number;
  readonly harvestedOn: string;
}

/** Kilograms of one product held by one body (or by all bodies together when `bodyId` is null). */
export interface HarvestStock {
  readonly product: string;
  readonly bodyId: string | null;
  readonly quantityKg: number;
}

/** The outcome of drawing on a body's harvest stock. */
export type StockDraw =
  /** Taken (or taken before under the same `refId`, which is not taken twice). */
  | {
      readonly status: 'drawn';
      readonly bodyId: string;
      readonly product: string;
      readonly quantityKg: number;
      readonly remainingKg: number;
    }
  /** Not enough stock: nothing was taken. */
  | {
      readonly status: 'short';
      readonly bodyId: string;
      readonly product: string;
      readonly requestedKg: number;
      readonly availableKg: number;
    };

/** A draw on harvest stock: `quantityKg` of `product` from `bodyId`'s stock, for the delivery `refId`. */
export interface DrawInput {
  readonly bodyId: string;
  readonly product: string;
  readonly quantityKg: number;
  /** The delivery (or other record) the goods leave for; one draw per reference. */
  readonly refId: string;
}

/**
 * Harvests and the harvest stock ledger. A harvest reported for an assigned parcel adds its
 * kilograms to the assigned body's stock of that product (a `harvest` move); deliveries draw
 * on it with `draw` moves of the same ledger (`drawStock`, or `drawStockIn` inside another
 * area's command) — logistics draws when a truck is loaded at a peasant committee's place.
 *
 * Who may: report a harvest — the chair or secretary of the body the parcel is assigned to, or a
 * token of that body with `production:report` (`body.report`); draw stock — the holding body's
 * chair or secretary (`body.manage`) or the system; read stock — anyone signed in.
 */
export class HarvestsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  /**
   * Records a harvest of an assigned parcel; it becomes stock of the assigned body at once.
   * 404 unknown parcel, 409 `parcel-not-assigned`, 403 for anyone but the body's officers,
   * 400 on a bad product code, quantity (an integer of kg > 0) or date.
   *
   * @example await land.harvests.report(secretary, parcelId, { productCode: 'wheat', quantityKg: 12000, harvestedOn: '1972-01-20' });
   */
  async report(
    actor: LandActor,
    parcelId: string,
    input: { productCode: string; quantityKg: number; harvestedOn: string },
    meta: CommandMeta = landMeta(actor),
  ): Promise<HarvestView> {
    const parcel = await store.findParcel(landDb(this.database.db), parcelId);
    if (!parcel) throw new AppError('not-found', { field: 'params.id', params: { field: 'parcel' } });
    const bodyId = parcel.assigned_body_id;
    if (bodyId === null)
      throw new AppError('parcel-not-assigned', { field: 'params.id', params: { field: 'params.id' } });
    if (actor.kind !== 'system') await this.councils.assertMay(actor, 'body.report', bodyId);
    if (!PRODUCT_CODE.test(input.productCode))
      throw invalid('body.productCode', {
        en: 'must be 1–40 lower-case letters, digits or dashes',
        es: 'debe tener 1–40 letras minúsculas, dígitos o guiones',
      });
    if (!Number.isSafeInteger(input.quantityKg) || input.quantityKg <= 0)
      throw invalid('body.quantityKg', {
        en: 'must be a whole number of kg greater than 0',
        es: 'debe ser un número entero de kg mayor que 0',
      });
    if (!isDate(input.harvestedOn) || input.harvestedOn < parcel.status_since)
      throw invalid('body.harvestedOn', {
        en: `must be a date YYYY-MM-DD not before the assignment (${parcel.status_since})`,
        es: `debe ser una fecha AAAA-MM-DD no anterior a la asignación (${parcel.status_since})`,
      });
    return this.audit.runCommand(meta, async (c) => {
      const db = landDb(c.trx);
      const now = await store.findParcel(db, parcel.id);
      if (now?.assigned_body_id !== bodyId)
        throw new AppError('parcel-not-assigned', { field: 'params.id', params: { field: 'params.id' } });
      const id = newId();
      await store.insertHarvest(
        db,
        {
          id,
          parcel_id: parcel.id,
          body_id: bodyId,
          product_code: input.productCode,
          quantity_kg: input.quantityKg,
          harvested_on: input.harvestedOn,
          reported_at: c.now,
          reported_by: c.actor.kind === 'system' ? null : c.actor.accountId,
        },
        {
          id: newId(),
          body_id: bodyId,
          product_code: input.productCode,
          delta_kg: input.quantityKg,
          kind: 'harvest',
          ref_id: id,
          at: c.now,
        },
      );
      c.record({
        action: 'land.harvest-reported',
        subjectType: 'parcel',
        subjectId: parcel.id,
        scopeBodyId: null,
        payload: {
          bodyId,
          productCode: input.productCode,
          quantityKg: input.quantityKg,
          harvestedOn: input.harvestedOn,
        },
      });
      return {
        id,
        parcelId: parcel.id,
        bodyId,
        productCode: input.productCode,
        quantityKg: input.quantityKg,
        harvestedOn: input.harvestedOn,
      };
    });
  }

  /**
   * Draws harvest stock for a delivery in its own command (the holding body's officers or the
   * system); see `drawStockIn`.
   *
   * @example const out = await land.harvests.drawStock(system, { bodyId, product: 'wheat', quantityKg: 5000, refId: deliveryId });
   */
  async drawStock(
    actor: LandActor,
    input: DrawInput,
    meta: CommandMeta = landMeta(actor),
  ): Promise<StockDraw> {
    if (actor.kind !== 'system') await this.councils.assertMay(actor, 'body.manage', input.bodyId);
    return this.audit.runCommand(meta, (c) => this.drawStockIn(c, input));
  }

  /**
   * Draws harvest stock inside the caller's command, so that the delivery and the draw commit
   * together (the seam for supply deliveries; the caller has checked who may). Draws of one body
   * and product are serialised, so two concurrent draws never take more than there is; a
   * second draw with the same `refId` returns the first one's outcome and takes nothing.
   * 400 when the quantity is not a whole number of kg > 0.
   */
  async drawStockIn(c: CommandScope, input: DrawInput): Promise<StockDraw> {
    if (!Number.isSafeInteger(input.quantityKg) || input.quantityKg <= 0)
      throw invalid('body.quantityKg', {
        en: 'must be a whole number of kg greater than 0',
        es: 'debe ser un número entero de kg mayor que 0',
      });
    const db = landDb(c.trx);
    await store.lockStock(db, this.database.kind, input.bodyId, input.product);
    const stockNow = async () =>
      (await store.stock(db, { bodyId: input.bodyId, product: input.product })).reduce((s, r) => s + r.kg, 0);
    const base = { bodyId: input.bodyId, product: input.product };
    const earlier = await store.findDraw(db, input.refId);
    if (earlier)
      return {
        status: 'drawn',
        ...base,
        quantityKg: -Number(earlier.delta_kg),
        remainingKg: await stockNow(),
      };
    const available = await stockNow();
    if (available < input.quantityKg)
      return { status: 'short', ...base, requestedKg: input.quantityKg, availableKg: available };
    await store.insertMove(db, {
      id: newId(),
      body_id: input.bodyId,
      product_code: input.product,
      delta_kg: -input.quantityKg,
      kind: 'draw',
      ref_id: input.refId,
      at: c.now,
    });
    c.record({
      action: 'land.stock-drawn',
      subjectType: 'body',
      subjectId: input.bodyId,
      payload: { product: input.product, quantityKg: input.quantityKg, refId: input.refId },
    });
    return {
      status: 'drawn',
      ...base,
      quantityKg: input.quantityKg,
      remainingKg: available - input.quantityKg,
    };
  }

  /**
   * Harvest stock of one product, of one body or of all bodies together: what supply deliveries
   * can draw on.
   *
   * @example (await land.harvests.harvestStock({ product: 'wheat', bodyId })).quantityKg // 12000
   */
  async harvestStock(query: { product: string; bodyId?: string | undefined }): Promise<HarvestStock> {
    const rows = await store.stock(landDb(this.database.db), query);
    return {
      product: query.product,
      bodyId: query.bodyId ?? null,
      quantityKg: rows.reduce((s, r) => s + r.kg, 0),
    };
  }

  /** Stock by body and product, optionally of one body or product (for the register's pages). */
  async stockList(
    query: { bodyId?: string | undefined; product?: string | undefined } = {},
  ): Promise<StockLine[]> {
    const rows = await store.stock(landDb(this.database.db), query);
    return rows.map((r) => ({ bodyId: r.body_id, product: r.product_code, quantityKg: r.kg }));
  }
}
