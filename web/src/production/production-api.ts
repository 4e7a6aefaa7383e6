// The production API's views are the server's own (`src/production/production-views.ts`), under
// the names the pages use.
export type {
  AlertView as Alert,
  IndicatorView as Indicator,
  SeriesView as Series,
  WorkplaceDetailView as WorkplaceDetail,
  WorkplaceView as Workplace,
} from '../../../src/production/production-views.js';

/** Body kinds whose boards can hold alerts: workplace assemblies and the councils above them. */
export const ALERT_BODY_KINDS: ReadonlySet<string> = new Set([
  'workplace-assembly',
  'cordon',
  'regional-council',
  'national-assembly',
  'peasant-committee',
]);
