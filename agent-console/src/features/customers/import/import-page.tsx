import { useEffect, useState, type FormEvent } from 'react';
import { FINAL_JOB_STATES, IMPORT_FIELDS, type CustomerImportUploadReply, type ImportDryRunReply, type ImportField, type JobRun } from '@ringside/shared';
import { useApi } from '../../../api/api-context.js';
import { t } from '../../../i18n/t.js';
import { errorText } from '../../../session/error-text.js';
import { dryRunErrorsUrl, dryRunImport, getJob, runImport, runErrorsUrl, uploadImport } from './import-api.js';

/** How often a running import's job is read again (a UI refresh while it runs, not background work). */
const REFRESH_MS = 2_000;

type Busy = 'upload' | 'check' | 'run' | null;

/** Upload a CSV, map its columns, check it, import it as a background job and follow its progress. */
export function ImportPage() {
  const http = useApi();
  const [source, setSource] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState('utf-8');
  const [delimiter, setDelimiter] = useState(',');
  const [uploaded, setUploaded] = useState<CustomerImportUploadReply | null>(null);
  const [columns, setColumns] = useState<Record<string, ImportField>>({});
  const [report, setReport] = useState<ImportDryRunReply | null>(null);
  const [job, setJob] = useState<JobRun | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!job || FINAL_JOB_STATES.includes(job.state)) return;
    const timer = setTimeout(() => void getJob(http, job.id).then(setJob, (err: unknown) => setFailure(errorText(err))), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [http, job]);

  async function attempt(what: Busy, work: () => Promise<void>) {
    setBusy(what);
    setFailure(null);
    try {
      await work();
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  const upload = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    void attempt('upload', async () => {
      const reply = await uploadImport(http, { source, file, encoding, delimiter });
      setUploaded(reply);
      setReport(null);
      setJob(null);
      const saved = reply.savedMapping?.columns ?? {};
      setColumns(Object.fromEntries(reply.header.map((h) => [h, saved[h] ?? 'ignore'])));
    });
  };

  const id = uploaded?.import.id ?? '';
  const check = () => void attempt('check', async () => setReport(await dryRunImport(http, id, { columns, encoding, delimiter })));
  const run = () => void attempt('run', async () => setJob(await getJob(http, (await runImport(http, id)).jobId)));

  return (
    <section className="page" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <div role="alert" className="alert-slot">
        {failure && <p className="error-text">{failure}</p>}
      </div>
      <form className="form import__upload" onSubmit={upload}>
        <label>
          {t('import.source')}
          <input required value={source} onChange={(e) => setSource(e.target.value)} aria-describedby="import-source-hint" />
        </label>
        <p id="import-source-hint" className="hint">
          {t('import.sourceHint')}
        </p>
        <label>
          {t('import.file')}
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t('import.encoding')}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            {['utf-8', 'windows-1252', 'iso-8859-1'].map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          {t('import.delimiter')}
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
            {[',', ';', '|'].map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        {/* No `required` on the file input: the button waits for a file instead. */}
        <button type="submit" className="button" disabled={busy !== null || !file}>
          {busy === 'upload' ? t('import.uploading') : t('import.upload')}
        </button>
      </form>

      {uploaded && (
        <>
          <h2>{t('import.mapping')}</h2>
          <table className="table">
            <caption className="visually-hidden">{t('import.mappingCaption', { fileName: uploaded.import.fileName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.example')}</th>
                <th scope="col">{t('import.field')}</th>
              </tr>
            </thead>
            <tbody>
              {uploaded.header.map((h) => (
                <tr key={h}>
                  <th scope="row">{h}</th>
                  <td>{uploaded.sample[0]?.[h] ?? ''}</td>
                  <td>
                    <select aria-label={`${t('import.field')} ${h}`} value={columns[h] ?? 'ignore'} onChange={(e) => setColumns({ ...columns, [h]: e.target.value as ImportField })}>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f}>{f}</option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" disabled={busy !== null} onClick={check}>
            {busy === 'check' ? t('import.checking') : t('import.dryRun')}
          </button>
        </>
      )}

      {uploaded && report && <DryRunReport id={id} report={report} />}
      {uploaded && report && report.valid > 0 && !job && (
        <button type="button" className="button button--primary" disabled={busy !== null} onClick={run}>
          {t('import.run', { valid: report.valid })}
        </button>
      )}
      {job && <RunProgress id={id} job={job} />}
    </section>
  );
}

function DryRunReport({ id, report }: { id: string; report: ImportDryRunReply }) {
  return (
    <div role="status">
      <p>{t('import.report', { records: report.records, valid: report.valid, rejected: report.rejected })}</p>
      {report.errors.length > 0 && (
        <>
          <table className="table">
            <caption>{t('import.errorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.record')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.code')}</th>
                <th scope="col">{t('import.message')}</th>
                <th scope="col">{t('import.value')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, n) => (
                <tr key={`${e.record}-${n}`}>
                  <td>{e.record}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{e.code}</td>
                  <td>{e.message}</td>
                  <td>{e.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.moreErrors && <p>{t('import.moreErrors')}</p>}
          <a href={dryRunErrorsUrl(id)} download>
            {t('import.downloadErrors')}
          </a>
        </>
      )}
    </div>
  );
}

function RunProgress({ id, job }: { id: string; job: JobRun }) {
  if (job.state === 'completed') {
    return (
      <div role="status">
        <p className="ok-text">{t('import.done', { message: job.message ?? '' })}</p>
        <a href={runErrorsUrl(id)} download>
          {t('import.downloadRunErrors')}
        </a>
      </div>
    );
  }
  if (job.state === 'failed' || job.state === 'cancelled') return <p className="error-text">{t('import.failed', { code: job.errorCode ?? job.state })}</p>;
  return (
    <div role="status">
      <p>{t('import.running')}</p>
      {job.total === null ? <progress aria-label={t('import.progressLabel')} /> : <progress aria-label={t('import.progressLabel')} value={job.done} max={Math.max(job.total, 1)} />}
      {job.message && <p>{job.message}</p>}
    </div>
  );
}
