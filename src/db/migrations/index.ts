import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-councils.js';
import * as m0003 from './0003-production.js';
import * as m0004 from './0004-supply.js';
import * as m0005 from './0005-logistics.js';
import * as m0006 from './0006-land.js';

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
});
