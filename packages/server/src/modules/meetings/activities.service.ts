// Activities (组织生活记录): plan, record, complete and cancel meetings with their types and attendance.
// (Being built: issue 5.)
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import type { OrgService } from '../org/org.service.js';

/** Called inside the writing transaction with the organization and the dates whose periods changed. */
export type ActivitiesChanged = (db: Db, orgId: number, dates: string[]) => Promise<void>;

export function createActivitiesService(deps: { db: Db; clock: Clock; orgService: OrgService; fieldCrypto: FieldCrypto; onActivitiesChanged: ActivitiesChanged }) {
  void deps;
  return {};
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
