import type { DialPlanInput, DialPlanIssueCode } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { getIn, type IssueView } from './dial-plan-model.js';

const CODE_KEYS: Record<DialPlanIssueCode, PlainMessageKey> = {
  INVALID_FIELD: 'dialplan.issue.INVALID_FIELD',
  DUPLICATE_ID: 'dialplan.issue.DUPLICATE_ID',
  DUPLICATE_EXTENSION: 'dialplan.issue.DUPLICATE_EXTENSION',
  DUPLICATE_DIGIT: 'dialplan.issue.DUPLICATE_DIGIT',
  UNKNOWN_TARGET: 'dialplan.issue.UNKNOWN_TARGET',
  IVR_UNREACHABLE: 'dialplan.issue.IVR_UNREACHABLE',
  IVR_LOOP: 'dialplan.issue.IVR_LOOP',
  QUEUE_NO_MEMBERS: 'dialplan.issue.QUEUE_NO_MEMBERS',
  ROUTE_OVERLAP: 'dialplan.issue.ROUTE_OVERLAP',
  ROUTE_PRIORITY_CONFLICT: 'dialplan.issue.ROUTE_PRIORITY_CONFLICT',
  HOURS_INVALID_RANGE: 'dialplan.issue.HOURS_INVALID_RANGE',
  HOURS_NEVER_OPEN: 'dialplan.issue.HOURS_NEVER_OPEN',
  UNKNOWN_SOUND: 'dialplan.issue.UNKNOWN_SOUND',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The sentence shown for a problem: a console text for the code, then the validator's detail.
 * Schema messages that would read as jargon (enum lists, "expected number") get a plain one.
 */
export function issueText(issue: IssueView): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'INVALID_FIELD') {
    if (last === 'digit') return t('dialplan.issue.digit');
    if (/expected number/i.test(issue.message)) return t('dialplan.issue.number');
    if (/too (small|big)/i.test(issue.message) && /number|<=|>=/.test(issue.message)) return t('dialplan.issue.range', { detail: issue.message });
    if (/^Invalid option/i.test(issue.message)) return t('dialplan.issue.choice');
    return capital(issue.message);
  }
  const label = (CODE_KEYS as Record<string, PlainMessageKey | undefined>)[issue.code];
  return label ? `${t(label)}: ${issue.message}` : capital(issue.message);
}

function nameAt(draft: DialPlanInput, path: (string | number)[], field: string): string {
  const value = getIn(draft, [...path, field]);
  return typeof value === 'string' && value !== '' ? value : String(Number(path[path.length - 1]) + 1);
}

/** Where a problem sits, in words (`IVR menu main › option 2 › key`), for the summary list. */
export function describeLocation(draft: DialPlanInput, path: (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const next = path[i + 1];
    const here = path.slice(0, i + 2);
    if (typeof next === 'number') {
      switch (step) {
        case 'inboundRoutes':
          parts.push(t('dialplan.where.inboundRoute', { name: nameAt(draft, here, 'id') }));
          break;
        case 'internalRoutes':
          parts.push(t('dialplan.where.internalRoute', { name: nameAt(draft, here, 'extension') }));
          break;
        case 'ivrMenus':
          parts.push(t('dialplan.where.menu', { name: nameAt(draft, here, 'id') }));
          break;
        case 'options':
          parts.push(t('dialplan.where.option', { n: next + 1 }));
          break;
        case 'queues':
          parts.push(t('dialplan.where.queue', { name: nameAt(draft, here, 'name') }));
          break;
        case 'members':
          parts.push(t('dialplan.where.member', { n: next + 1 }));
          break;
        case 'schedules':
          parts.push(t('dialplan.where.schedule', { name: nameAt(draft, here, 'id') }));
          break;
        case 'weekly':
          parts.push(t('dialplan.where.range', { n: next + 1 }));
          break;
        case 'holidays':
          parts.push(t('dialplan.where.holiday', { n: next + 1 }));
          break;
        case 'endpoints':
          parts.push(t('dialplan.where.endpoint', { name: nameAt(draft, here, 'extension') }));
          break;
        default:
          parts.push(`${step} ${next + 1}`);
      }
      i++;
    } else if (typeof step === 'string') {
      parts.push(step);
    }
  }
  return parts.join(' › ') || t('dialplan.where.plan');
}
