import type { CouncilsService } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';

// Workplace assembly → cordón → regional council → national assembly: three steps at most.
const FEDERATION_DEPTH = 3;

/**
 * Who may see a workplace's internal matters (indicators, series, alerts): members of its
 * assembly, and the delegates of every council above it, since an unacknowledged alert climbs
 * to them. Deployment administrators get no standing from being administrators.
 *
 * @example if (!(await canSeeWorkplace(councils, principal, workplace.body_id))) throw new AppError('forbidden');
 */
export async function canSeeWorkplace(
  councils: CouncilsService,
  principal: Principal,
  bodyId: string,
): Promise<boolean> {
  let current: string | null = bodyId;
  for (let level = 0; current !== null && level <= FEDERATION_DEPTH; level++) {
    if (await councils.may(principal, 'body.view', current)) return true;
    current = await councils.councilAbove(current);
  }
  return false;
}
