// Storage of a checked member record: personal data encrypted with its keyed hash, the probation due date
// derived by the rule members.probation_due. Shared by the form (members.service) and the Excel import.
import type { FieldCrypto } from '../../platform/field-crypto.js';
import type { members } from '../../platform/schema.js';
import type { MemberRecord } from './member-record.js';

export type MemberColumns = Omit<typeof members.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'orgId' | 'status'>;

/** The columns of a member row for a checked record. `probationEndsOn` comes from MemberRules.probation(). */
export function memberColumns(record: MemberRecord, crypto: FieldCrypto, probationEndsOn: string | null): MemberColumns {
  return {
    name: record.name,
    gender: record.gender,
    ethnicity: record.ethnicity,
    education: record.education,
    birthDate: record.birthDate,
    joinedOn: record.joinedOn,
    fullMemberOn: record.fullMemberOn,
    category: record.category,
    position: record.position,
    idNumberCipher: record.idNumber ? crypto.encrypt(record.idNumber) : null,
    idNumberHash: record.idNumber ? crypto.blindIndex(record.idNumber) : null,
    phoneCipher: record.phone ? crypto.encrypt(record.phone) : null,
    phoneHash: record.phone ? crypto.blindIndex(record.phone) : null,
    nativePlace: record.nativePlace,
    degree: record.degree,
    jobPosition: record.jobPosition,
    rank: record.rank,
    unitId: record.unitId,
    probationEndsOn: record.category === 'probationary' ? probationEndsOn : null,
    standingAdjustmentYears: record.standingAdjustmentYears,
  };
}
