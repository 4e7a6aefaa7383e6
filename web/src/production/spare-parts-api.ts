export type {
  MakerProposal as Proposal,
  NeedView as Need,
  OrderView as Order,
  WorkplaceSparePartsView as WorkplaceSpareParts,
} from '../../../src/production/spare-part-views.js';
// The spare-parts vocabulary, the order's moves and the API's views are the server's own
// (`src/production/spare-part-views.ts`), under the names the pages use.
export {
  ORDER_MOVES,
  SPARE_PART_CAPABILITIES as CAPABILITIES,
  SPARE_PART_URGENCIES as URGENCIES,
} from '../../../src/production/spare-part-views.js';

/** Where the spare-parts API lives. */
export const SPARE_PARTS_API = '/api/production/spare-parts';
