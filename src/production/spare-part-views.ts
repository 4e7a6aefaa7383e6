// The spare-parts vocabulary, the order's moves and the API's views: what the service decides
// with and the web app shows (it imports this file, so nothing here imports runtime code).

/** What a workplace can make for others: the fixed vocabulary (labels are in the web's locales). */
export const SPARE_PART_CAPABILITIES = Object.freeze([
  'machining',
  'turning',
  'foundry',
  'forging',
  'welding',
  'sheet-metal',
  'electrical-rewinding',
  'electronics',
  'hydraulics',
  'woodwork',
  'plastics-moulding',
  'rubber-vulcanising',
] as const);
/** One capability. */
export type SparePartCapability = (typeof SPARE_PART_CAPABILITIES)[number];

/** How soon a part is needed, least urgent first. */
export const SPARE_PART_URGENCIES = Object.freeze(['low', 'normal', 'high', 'critical'] as const);
/** One urgency. */
export type SparePartUrgency = (typeof SPARE_PART_URGENCIES)[number];

/** Where a need stands. */
export type NeedStatus =
  /** nobody has accepted it yet (orders may be proposed to makers) */
  | 'open'
  /** a maker accepted one of its orders */
  | 'ordered'
  /** the needing workplace received the part */
  | 'fulfilled'
  /** the needing workplace took it back */
  | 'withdrawn';
/** Need states, for filters. */
export const NEED_STATUSES = Object.freeze(['open', 'ordered', 'fulfilled', 'withdrawn'] as const);

/** An order's states: proposed → accepted → in-production → shipped → received, or declined / cancelled. */
export const ORDER_STATUSES = Object.freeze([
  'proposed',
  'accepted',
  'in-production',
  'shipped',
  'received',
  'declined',
  'cancelled',
] as const);
/** One order state. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Which side of an order may make a move. */
export type OrderSide = 'maker' | 'needer' | 'either';

/**
 * Every allowed move of an order and who makes it: the maker accepts, declines, starts and ships;
 * the needing workplace confirms receipt; either may cancel work not yet shipped (the needing
 * workplace also a proposal the maker has not answered).
 */
export const ORDER_MOVES: Readonly<Record<string, Partial<Record<OrderStatus, OrderSide>>>> = Object.freeze({
  proposed: { accepted: 'maker', declined: 'maker', cancelled: 'needer' },
  accepted: { 'in-production': 'maker', cancelled: 'either' },
  'in-production': { shipped: 'maker', cancelled: 'either' },
  shipped: { received: 'needer' },
});

/** A capability of a workplace. */
export interface CapabilityView {
  readonly capability: SparePartCapability;
  /** Machines, sizes, materials. */
  readonly detail: string;
}

/** An order as presented. */
export interface OrderView {
  readonly id: string;
  readonly needId: string;
  readonly makerWorkplaceId: string;
  readonly makerName: string;
  readonly status: OrderStatus;
  /** Great-circle distance from the maker to the needing workplace, metres. */
  readonly distanceMetres: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A need as presented, with its orders. */
export interface NeedView {
  readonly id: string;
  readonly workplaceId: string;
  readonly workplaceName: string;
  readonly bodyId: string;
  readonly part: string;
  readonly specification: string;
  /** Pieces. */
  readonly quantity: number;
  readonly urgency: SparePartUrgency;
  readonly machine: string;
  readonly capability: SparePartCapability;
  readonly status: NeedStatus;
  /** The accepted order, once there is one. */
  readonly orderId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly orders: OrderView[];
}

/** A maker proposed for a need, best first. */
export interface MakerProposal {
  readonly workplaceId: string;
  readonly name: string;
  readonly detail: string;
  readonly distanceMetres: number;
  /** Orders it has accepted and not shipped yet. */
  readonly openOrders: number;
  /** Distance + 5 km per open order, metres (see `rankMakers`). */
  readonly score: number;
}

/** A workplace's spare parts: what it can make, what it needs, what it is asked to make. */
export interface WorkplaceSparePartsView {
  readonly capabilities: CapabilityView[];
  readonly needs: NeedView[];
  readonly makerOrders: (OrderView & { need: Omit<NeedView, 'orders'> })[];
}
