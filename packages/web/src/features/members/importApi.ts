// Excel import of members (批量导入): a job validates (dry run) or commits one file; the client polls it.
import { api, XLSX_CONTENT_TYPE } from '../../api/client';
import type { ImportJob, ImportMode } from '../../api/types';

export const importKeys = {
  job: (id: number) => ['member-imports', id] as const,
};

/** Starts a job on the raw .xlsx (202 with the job, usually still running). */
export function startImport(orgId: number, mode: ImportMode, file: Blob, fileName: string): Promise<ImportJob> {
  return api.postRaw<ImportJob>('/member-imports', file, XLSX_CONTENT_TYPE, { orgId, mode, fileName });
}

export function fetchImportJob(id: number): Promise<ImportJob> {
  return api.get<ImportJob>(`/member-imports/${id}`);
}
