import { useEffect, useId, useState, type FormEvent } from 'react';
import { transferTargetSchema, type Colleague, type TransferTarget } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { AGENT_STATUS_GLYPH, AGENT_STATUS_KEYS } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { useCommandRunner } from './use-command.js';

/** Who a call can go to without typing: colleagues and queues from the live picture. */
export interface TransferDirectory {
  agents: Colleague[];
  queues: string[];
}

interface TransferDialogProps {
  callId: string;
  directory: TransferDirectory;
  /** Fetches the colleagues' current states when the dialog opens. */
  loadColleagues?: () => Promise<Colleague[]>;
  client: RealtimeClient;
  onClose(): void;
  /** An attended transfer's consultation call is up; the dialog closes and the call panel offers complete / cancel. */
  onConsultStarted(target: string): void;
}

type Choice = { kind: 'agent'; agent: Colleague } | { kind: 'queue'; queue: string } | { kind: 'number' };

// Short digit strings are internal extensions; anything longer is dialled out through the trunk.
const EXTENSION = /^[0-9*#]{1,6}$/;

/** Reads the free number field as a transfer target, refusing anything the shared schema refuses. */
export function numberTarget(text: string): TransferTarget | null {
  const trimmed = text.trim();
  const candidate = EXTENSION.test(trimmed) ? { kind: 'extension' as const, extension: trimmed } : { kind: 'external' as const, number: trimmed };
  const parsed = transferTargetSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** Blind or attended transfer to a colleague, a queue or a typed number. */
export function TransferDialog({ callId, directory, loadColleagues, client, onClose, onConsultStarted }: TransferDialogProps) {
  const id = useId();
  const [mode, setMode] = useState<'blind' | 'attended'>('blind');
  const [search, setSearch] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const { busy, error, run } = useCommandRunner();
  const [fresh, setFresh] = useState<Colleague[] | null>(null);

  // Colleagues' states are not streamed to agents; the current directory is asked for when the dialog opens.
  useEffect(() => {
    if (!loadColleagues) return;
    let open = true;
    loadColleagues().then(
      (colleagues) => {
        if (open) setFresh(colleagues.filter((c) => c.status.kind !== 'logged_out'));
      },
      () => undefined, // the snapshot's directory stays; a typed number always works
    );
    return () => {
      open = false;
    };
  }, [loadColleagues]);

  const q = search.trim().toLowerCase();
  const agents = (fresh ?? directory.agents).filter((a) => !q || a.name.toLowerCase().includes(q) || a.extension.includes(q));
  const queues = directory.queues.filter((name) => !q || name.toLowerCase().includes(q));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChoiceError(null);
    setNumberError(null);
    let target: TransferTarget | null;
    let label: string;
    if (!choice) {
      setChoiceError(t('transfer.chooseTarget'));
      return;
    }
    if (choice.kind === 'agent') {
      target = { kind: 'extension', extension: choice.agent.extension };
      label = choice.agent.name;
    } else if (choice.kind === 'queue') {
      target = { kind: 'queue', queue: choice.queue };
      label = choice.queue;
    } else {
      target = numberTarget(number);
      label = number.trim();
      if (!target) {
        setNumberError(t('transfer.invalidNumber'));
        document.getElementById(`${id}-number`)?.focus();
        return;
      }
    }
    if (mode === 'blind') {
      if (await run(() => client.sendCommand('blindTransfer', { callId, target }))) onClose();
    } else if (await run(() => client.sendCommand('attendedTransferConsult', { callId, target }))) {
      onConsultStarted(label);
    }
  }

  const pick = (c: Choice) => {
    setChoice(c);
    setChoiceError(null);
  };
  const isChosen = (c: Choice) =>
    choice !== null &&
    choice.kind === c.kind &&
    (c.kind === 'agent' ? choice.kind === 'agent' && choice.agent.agentId === c.agent.agentId : c.kind === 'queue' ? choice.kind === 'queue' && choice.queue === c.queue : true);

  return (
    <ModalDialog title={t('transfer.title')} onClose={onClose} className="transfer-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="kind">
          <legend>{t('transfer.mode')}</legend>
          <label className="choice">
            <input type="radio" name={`${id}-mode`} checked={mode === 'blind'} onChange={() => setMode('blind')} data-autofocus /> {t('transfer.blind')}
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-mode`} checked={mode === 'attended'} onChange={() => setMode('attended')} /> {t('transfer.attended')}
          </label>
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-search`}>{t('transfer.search')}</label>
          <input id={`${id}-search`} type="search" value={search} autoComplete="off" onChange={(e) => setSearch(e.target.value)} />
        </div>

        <fieldset className="transfer-targets" aria-describedby={choiceError ? `${id}-choice-error` : undefined}>
          <legend>{t('transfer.target')}</legend>
          {agents.length > 0 && (
            <ul aria-label={t('transfer.agents')}>
              {agents.map((a) => (
                <li key={a.agentId}>
                  <label className="choice">
                    <input type="radio" name={`${id}-target`} checked={isChosen({ kind: 'agent', agent: a })} onChange={() => pick({ kind: 'agent', agent: a })} />{' '}
                    {t('transfer.agentOption', { name: a.name, extension: a.extension })}{' '}
                    <span className="hint-inline">
                      <span aria-hidden="true">{AGENT_STATUS_GLYPH[a.status.kind]} </span>
                      {t(AGENT_STATUS_KEYS[a.status.kind])}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {queues.length > 0 && (
            <ul aria-label={t('transfer.queues')}>
              {queues.map((name) => (
                <li key={name}>
                  <label className="choice">
                    <input type="radio" name={`${id}-target`} checked={isChosen({ kind: 'queue', queue: name })} onChange={() => pick({ kind: 'queue', queue: name })} />{' '}
                    {t('transfer.queueOption', { queue: name })}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {agents.length === 0 && queues.length === 0 && <p>{t('transfer.noMatch')}</p>}
          <label className="choice">
            <input type="radio" name={`${id}-target`} checked={choice?.kind === 'number'} onChange={() => pick({ kind: 'number' })} /> {t('transfer.otherNumber')}
          </label>
          <div className={numberError ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-number`}>{t('transfer.number')}</label>
            <input
              id={`${id}-number`}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={number}
              aria-invalid={numberError ? true : undefined}
              aria-describedby={numberError ? `${id}-number-error` : `${id}-number-hint`}
              onChange={(e) => {
                setNumber(e.target.value);
                setNumberError(null);
                if (choice?.kind !== 'number') pick({ kind: 'number' });
              }}
            />
            <p id={`${id}-number-hint`} className="hint">
              {t('transfer.numberHint')}
            </p>
            {numberError && (
              <p id={`${id}-number-error`} className="error-text">
                <span aria-hidden="true">⚠ </span>
                {numberError}
              </p>
            )}
          </div>
          {choiceError && (
            <p id={`${id}-choice-error`} className="error-text">
              <span aria-hidden="true">⚠ </span>
              {choiceError}
            </p>
          )}
        </fieldset>

        <div role="alert" className="alert-slot">
          {error && <p className="error-text">{error}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {mode === 'blind' ? t('transfer.submitBlind') : t('transfer.submitAttended')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
