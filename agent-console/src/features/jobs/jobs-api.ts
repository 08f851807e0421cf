import type { JobList, JobRun } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';

/** The newest background jobs. */
export async function listJobs(http: HttpClient, signal?: AbortSignal): Promise<JobRun[]> {
  const { jobs } = await http.get<JobList>('/api/jobs', signal ? { signal } : {});
  return jobs;
}

/** Cancels a queued or running job (admins). */
export async function cancelJob(http: HttpClient, id: string): Promise<JobRun> {
  return http.post<JobRun>(`/api/jobs/${encodeURIComponent(id)}/cancel`);
}
