// Compliance (合规): evaluates rule meetings.frequency per organization and period from activity records,
// stores the results with their basis, derives monthly branch lights and green rates. (Being built: issue 5.)
import type { ParameterTree } from '@dangjian/regulations';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import type { OrgService } from '../org/org.service.js';

export function createComplianceService(deps: { db: Db; clock: Clock; orgService: OrgService; regulations: ParameterTree }) {
  void deps;
  return {
    /** Re-evaluates the obligations of `orgId` for the periods containing `dates` (call inside the writing transaction). */
    async reevaluate(db: Db, orgId: number, dates: string[]): Promise<void> {
      void db;
      void orgId;
      void dates;
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
