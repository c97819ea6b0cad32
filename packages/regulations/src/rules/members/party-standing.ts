/** 党龄 (Party standing), a pure helper for the roster and the committee rules. */
import { isIsoDate } from '../../engine/period.js';
import { completedYears } from '../org/org-types.js';

/**
 * Whole years of Party standing on `asOf`: completed years from the day of becoming a full member (党章第七条：
 * 党员的党龄，从预备期满转为正式党员之日算起), plus the national system's 党龄校正值 `adjustmentYears`, never below 0.
 * Null when there is no full-member date (a probationary member, or unknown); 0 before that date.
 */
export function partyStanding(fullMemberOn: string | null, asOf: string, adjustmentYears = 0): number | null {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf 不是有效日期（应为 YYYY-MM-DD）：${JSON.stringify(asOf)}`);
  if (!Number.isInteger(adjustmentYears)) throw new RangeError(`党龄校正值必须是整数：${adjustmentYears}`);
  if (fullMemberOn === null) return null;
  if (!isIsoDate(fullMemberOn)) throw new RangeError(`转正日期不是有效日期（应为 YYYY-MM-DD）：${JSON.stringify(fullMemberOn)}`);
  return Math.max(0, completedYears(fullMemberOn, asOf) + adjustmentYears);
}
