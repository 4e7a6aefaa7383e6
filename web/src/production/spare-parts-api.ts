/** The capabilities of the server's fixed vocabulary (labels under `production.spareParts.capability.`). */
export const CAPABILITIES = [
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
] as const;

/** How soon a part is needed, least urgent first (labels under `production.spareParts.urgency.`). */
export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;

/** An order: a need proposed to a maker. */
export interface Order {
  readonly id: string;
  readonly needId: string;
  readonly makerWorkplaceId: string;
  readonly makerName: string;
  /** `proposed`, `accepted`, `in-production`, `shipped`, `received`, `declined`, `cancelled`. */
  readonly status: string;
  /** Great-circle metres from the maker to the needing workplace. */
  readonly distanceMetres: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A need of a workplace without its orders. */
export interface NeedFields {
  readonly id: string;
  readonly workplaceId: string;
  readonly workplaceName: string;
  readonly bodyId: string;
  readonly part: string;
  readonly specification: string;
  /** Pieces. */
  readonly quantity: number;
  readonly urgency: string;
  readonly machine: string;
  readonly capability: string;
  /** `open`, `ordered`, `fulfilled`, `withdrawn`. */
  readonly status: string;
  readonly orderId: string | null;
  readonly createdAt: string;
}

/** A need with its orders. */
export interface Need extends NeedFields {
  readonly orders: readonly Order[];
}

/** A maker the server proposes for a need, best first. */
export interface Proposal {
  readonly workplaceId: string;
  readonly name: string;
  readonly detail: string;
  readonly distanceMetres: number;
  readonly openOrders: number;
}

/** `GET /api/production/spare-parts/workplaces/:id`. */
export interface WorkplaceSpareParts {
  readonly capabilities: readonly { readonly capability: string; readonly detail: string }[];
  readonly needs: readonly Need[];
  readonly makerOrders: readonly (Order & { readonly need: NeedFields })[];
}

/** Where the spare-parts API lives. */
export const SPARE_PARTS_API = '/api/production/spare-parts';

/** Moves an order may make from each state, and which side makes them. */
export const ORDER_MOVES: Readonly<
  Record<string, readonly { to: string; by: 'maker' | 'needer' | 'either' }[]>
> = {
  proposed: [
    { to: 'accepted', by: 'maker' },
    { to: 'declined', by: 'maker' },
    { to: 'cancelled', by: 'needer' },
  ],
  accepted: [
    { to: 'in-production', by: 'maker' },
    { to: 'cancelled', by: 'either' },
  ],
  'in-production': [
    { to: 'shipped', by: 'maker' },
    { to: 'cancelled', by: 'either' },
  ],
  shipped: [{ to: 'received', by: 'needer' }],
};
