import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-councils.js';
import * as m0003 from './0003-production.js';
import * as m0004 from './0004-supply.js';
import * as m0005 from './0005-logistics.js';
import * as m0006 from './0006-land.js';
import * as m0007 from './0007-spare-parts.js';
import * as m0008 from './0008-planning.js';
import * as m0009 from './0009-supply-media.js';
import * as m0010 from './0010-scale-indexes.js';
import * as m0011 from './0011-instances.js';
import * as m0013 from './0013-ingest-layout.js';
import * as m0014 from './0014-resupply.js';
import * as m0016 from './0016-recent-reports.js';
import * as m0017 from './0017-recent-reports-rowid.js';

/**
 * Every migration in order. Names sort in the order they run; a new area adds `NNNN-<what>.ts`
 * here. One set for both dialects.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-foundation': m0001,
  '0002-councils': m0002,
  '0003-production': m0003,
  '0004-supply': m0004,
  '0005-logistics': m0005,
  '0006-land': m0006,
  '0007-spare-parts': m0007,
  '0008-planning': m0008,
  '0009-supply-media': m0009,
  '0010-scale-indexes': m0010,
  '0011-instances': m0011,
  '0013-ingest-layout': m0013,
  '0014-resupply': m0014,
  '0016-recent-reports': m0016,
  '0017-recent-reports-rowid': m0017,
});
