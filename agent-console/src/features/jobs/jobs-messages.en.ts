// Texts of the jobs page, merged into the catalogue by i18n/messages.en.ts; translate them with that file.

/** English texts of the background jobs page, keyed as the catalogue expects. */
export const jobsMessages = {
  'nav.jobs': 'Jobs',
  'jobs.title': 'Background jobs',
  'jobs.loading': 'Loading jobs…',
  'jobs.caption': 'Background jobs, newest first',
  'jobs.empty': 'No background jobs yet.',
  'jobs.label': 'Job',
  'jobs.state': 'State',
  'jobs.progress': 'Progress',
  'jobs.created': 'Started',
  'jobs.outcome': 'Outcome',
  'jobs.actions': 'Actions',
  'jobs.state.queued': 'Queued',
  'jobs.state.active': 'Running',
  'jobs.state.completed': 'Completed',
  'jobs.state.failed': 'Failed',
  'jobs.state.cancelled': 'Cancelled',
  'jobs.progressOf': '{done} of {total}',
  'jobs.progressCount': '{done} done',
  'jobs.progressLabel': 'Progress of {label}',
  'jobs.attempts': 'Attempt {attempts}',
  'jobs.error': '{code}: {message}',
  'jobs.cancel': 'Cancel {label}',
  'jobs.cancelled': '{label} is cancelled.',
  'jobs.refreshing': 'Updating while jobs run.',
} as const;
