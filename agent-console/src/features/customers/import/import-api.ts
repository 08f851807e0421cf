import type { CustomerImportUploadReply, ImportDryRunReply, ImportField, JobRun } from '@ringside/shared';
import type { HttpClient } from '../../../api/http-client.js';

/** How the user described the file before sending it. */
export interface UploadForm {
  source: string;
  file: File;
  encoding: string;
  delimiter: string;
}

/** Sends the file as its raw CSV body; the reply holds its header, first records and the source's saved mapping. */
export function uploadImport(http: HttpClient, form: UploadForm): Promise<CustomerImportUploadReply> {
  return http.request<CustomerImportUploadReply>('/api/customer-imports', {
    method: 'POST',
    file: { type: 'text/csv', data: form.file },
    query: { source: form.source, fileName: form.file.name, encoding: form.encoding, delimiter: form.delimiter },
  });
}

/** Checks every record under the mapping (which the server then keeps for the source). */
export function dryRunImport(http: HttpClient, id: string, mapping: { columns: Record<string, ImportField>; encoding: string; delimiter: string }): Promise<ImportDryRunReply> {
  return http.post<ImportDryRunReply>(`/api/customer-imports/${encodeURIComponent(id)}/dry-run`, mapping);
}

/** Starts the real run; its progress is the job's. */
export function runImport(http: HttpClient, id: string): Promise<{ jobId: string }> {
  return http.post<{ jobId: string }>(`/api/customer-imports/${encodeURIComponent(id)}/run`);
}

export function getJob(http: HttpClient, jobId: string): Promise<JobRun> {
  return http.get<JobRun>(`/api/jobs/${encodeURIComponent(jobId)}`);
}

/** Download links (same-origin GETs carry the session cookie). */
export const dryRunErrorsUrl = (id: string) => `/api/customer-imports/${encodeURIComponent(id)}/errors.csv`;
export const runErrorsUrl = (id: string) => `/api/customer-imports/${encodeURIComponent(id)}/run-errors.csv`;
