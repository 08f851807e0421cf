import { WEEKDAYS, type Weekday } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { newSchedule } from './dial-plan-factories.js';
import { appendIn, fieldId } from './dial-plan-model.js';
import { DestinationPicker } from './destination-picker.js';
import { useDraft } from './draft-context.js';
import { IssueList, TextField, RemoveButton } from './fields.js';
import { PromptEditor } from './prompt-editor.js';

const DAY_KEYS: Record<Weekday, PlainMessageKey> = {
  mon: 'dialplan.day.mon',
  tue: 'dialplan.day.tue',
  wed: 'dialplan.day.wed',
  thu: 'dialplan.day.thu',
  fri: 'dialplan.day.fri',
  sat: 'dialplan.day.sat',
  sun: 'dialplan.day.sun',
};

function RangeRow({ base, k, title }: { base: readonly (string | number)[]; k: number; title: string }) {
  const editor = useDraft();
  const path = [...base, 'weekly', k];
  const range = editor.draft.schedules?.[base[1] as number]?.weekly?.[k];
  if (!range) return null;
  const days = Array.isArray(range.days) ? range.days : [];
  const where = t('dialplan.hours.rangeContext', { n: k + 1, name: title });
  const daysId = fieldId([...path, 'days']);
  const dayIssues = editor.issuesAt([...path, 'days'], true);

  function toggle(day: Weekday, on: boolean) {
    // Keep the week's order whatever order days are ticked in.
    const next = WEEKDAYS.filter((d) => (d === day ? on : days.includes(d)));
    editor.set([...path, 'days'], next);
  }

  return (
    <li className="range-row">
      <fieldset id={daysId} tabIndex={-1} className="days" aria-describedby={dayIssues.length ? `${daysId}-issues` : undefined}>
        <legend>
          {t('dialplan.hours.days')}
          <span className="visually-hidden"> {where}</span>
        </legend>
        {WEEKDAYS.map((d) => (
          <label key={d} className="choice">
            <input type="checkbox" checked={days.includes(d)} onChange={(e) => toggle(d, e.target.checked)} /> {t(DAY_KEYS[d])}
          </label>
        ))}
        <IssueList id={daysId} issues={dayIssues} />
      </fieldset>
      <TextField path={[...path, 'open']} label={t('dialplan.hours.open')} context={where} input={{ type: 'time' }} />
      <TextField path={[...path, 'close']} label={t('dialplan.hours.close')} context={where} input={{ type: 'time' }} />
      <RemoveButton list={[...base, 'weekly']} index={k} focusAfter={[...base, 'addRange']} label={t('dialplan.hours.removeRange', { n: k + 1, name: title })} />
    </li>
  );
}

function ScheduleEditor({ index }: { index: number }) {
  const editor = useDraft();
  const schedule = editor.draft.schedules?.[index];
  if (!schedule) return null;
  const base = ['schedules', index] as const;
  const title = schedule.name || schedule.id;
  const weekly = schedule.weekly ?? [];
  const holidays = schedule.holidays ?? [];
  const headingId = `${fieldId(base)}-title`;

  return (
    <article id={fieldId(base)} tabIndex={-1} className="card dp-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dialplan.hours.title', { name: title, id: schedule.id })}</h3>
      <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
      <div className="row">
        <TextField path={[...base, 'id']} label={t('dialplan.hours.id')} context={title} hint={t('dialplan.idHint')} />
        <TextField path={[...base, 'name']} label={t('dialplan.hours.name')} context={title} />
        <TextField path={[...base, 'timeZone']} label={t('dialplan.hours.timeZone')} context={title} hint={t('dialplan.hours.timeZoneHint')} />
      </div>

      <fieldset id={fieldId([...base, 'weekly'])} tabIndex={-1} className="dp-list">
        <legend>{t('dialplan.hours.weekly', { name: title })}</legend>
        <IssueList id={fieldId([...base, 'weekly'])} issues={editor.issuesAt([...base, 'weekly'])} />
        {weekly.length === 0 && <p>{t('dialplan.hours.noRanges')}</p>}
        <ol className="dp-rows">
          {weekly.map((_, k) => (
            <RangeRow key={k} base={base} k={k} title={title} />
          ))}
        </ol>
        <button
          type="button"
          id={fieldId([...base, 'addRange'])}
          className="button"
          onClick={() => {
            editor.change((d) => appendIn(d, [...base, 'weekly'], { days: ['mon'], open: '09:00', close: '17:00' }));
            editor.focusLater([...base, 'weekly', weekly.length, 'open']);
          }}
        >
          {t('dialplan.hours.addRange', { name: title })}
        </button>
      </fieldset>

      <fieldset id={fieldId([...base, 'holidays'])} tabIndex={-1} className="dp-list">
        <legend>{t('dialplan.hours.holidays', { name: title })}</legend>
        {holidays.length === 0 && <p>{t('dialplan.hours.noHolidays')}</p>}
        <ol className="dp-rows">
          {holidays.map((_, k) => {
            const where = t('dialplan.hours.holidayContext', { n: k + 1, name: title });
            return (
              <li key={k} className="holiday-row">
                <TextField path={[...base, 'holidays', k, 'date']} label={t('dialplan.hours.date')} context={where} input={{ type: 'date' }} />
                <TextField path={[...base, 'holidays', k, 'name']} label={t('dialplan.hours.holidayName')} context={where} />
                <RemoveButton list={[...base, 'holidays']} index={k} focusAfter={[...base, 'addHoliday']} label={t('dialplan.hours.removeHoliday', { n: k + 1, name: title })} />
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          id={fieldId([...base, 'addHoliday'])}
          className="button"
          onClick={() => {
            editor.change((d) => appendIn(d, [...base, 'holidays'], { date: '', name: '' }));
            editor.focusLater([...base, 'holidays', holidays.length, 'date']);
          }}
        >
          {t('dialplan.hours.addHoliday', { name: title })}
        </button>
      </fieldset>

      <PromptEditor path={[...base, 'closedPrompt']} label={t('dialplan.hours.closedPrompt')} context={title} optional />
      <DestinationPicker path={[...base, 'closedDestination']} legend={t('dialplan.hours.closedDestination')} context={t('dialplan.hours.closedContext', { name: title })} />
      <RemoveButton list={['schedules']} index={index} focusAfter={['schedules', 'add']} label={t('dialplan.hours.remove', { name: title })} />
    </article>
  );
}

/** Business hours: weekly opening ranges, holidays, and where callers go while closed. */
export function HoursSection() {
  const editor = useDraft();
  const schedules = editor.draft.schedules ?? [];
  return (
    <div className="dp-section">
      <p className="subtitle">{t('dialplan.hours.intro')}</p>
      {schedules.length === 0 && <p>{t('dialplan.hours.none')}</p>}
      {schedules.map((s, i) => (
        <ScheduleEditor key={i} index={i} />
      ))}
      <button
        type="button"
        id={fieldId(['schedules', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['schedules'], newSchedule(d)));
          editor.focusLater(['schedules', schedules.length, 'id']);
        }}
      >
        {t('dialplan.hours.add')}
      </button>
    </div>
  );
}
