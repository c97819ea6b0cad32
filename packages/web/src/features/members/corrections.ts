// Presentation of correction requests (信息更正申请): the state names come from the server's code tables.
import { labelOf, type CodeTables } from '../../shared/codeTables';

export function correctionStatusLabel(codes: Pick<CodeTables, 'correctionStatuses'> | undefined, status: string): string {
  return codes?.correctionStatuses ? labelOf(codes.correctionStatuses, status) : status;
}
