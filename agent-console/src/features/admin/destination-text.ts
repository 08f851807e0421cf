import type { DialPlanInput } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import type { DestinationInput, DestinationKind } from './dial-plan-factories.js';

/** Names of the destination kinds, in the order the picker offers them. */
export const KIND_KEYS: Record<DestinationKind, PlainMessageKey> = {
  queue: 'dialplan.kind.queue',
  ivr: 'dialplan.kind.ivr',
  extension: 'dialplan.kind.extension',
  external: 'dialplan.kind.external',
  voicemail: 'dialplan.kind.voicemail',
  hangup: 'dialplan.kind.hangup',
  stasis: 'dialplan.kind.stasis',
};

/** True when a destination names a queue, menu, phone or trunk the draft does not have. */
export function isMissingTarget(d: DestinationInput, draft: DialPlanInput): boolean {
  switch (d.type) {
    case 'queue':
      return !(draft.queues ?? []).some((q) => q.name === d.queue);
    case 'ivr':
      return !(draft.ivrMenus ?? []).some((m) => m.id === d.menu);
    case 'extension':
      return !(draft.endpoints ?? []).some((e) => e.extension === d.extension);
    case 'external':
      return !(draft.trunks ?? []).some((tr) => tr.id === d.trunk);
    default:
      return false;
  }
}

/** A destination in words: `Queue support`, `IVR menu Main menu (main)`, `Hang up`. */
export function destinationText(d: DestinationInput | undefined, draft: DialPlanInput): string {
  if (!d || typeof d !== 'object') return t('dialplan.dest.none');
  switch (d.type) {
    case 'queue':
      return t('dialplan.dest.queue', { name: d.queue });
    case 'ivr': {
      const menu = (draft.ivrMenus ?? []).find((m) => m.id === d.menu);
      return menu ? t('dialplan.dest.ivrNamed', { name: menu.name, id: d.menu }) : t('dialplan.dest.ivr', { id: d.menu });
    }
    case 'extension': {
      const ep = (draft.endpoints ?? []).find((e) => e.extension === d.extension);
      return ep ? t('dialplan.dest.extensionNamed', { extension: d.extension, name: ep.displayName }) : t('dialplan.dest.extension', { extension: d.extension });
    }
    case 'external':
      return t('dialplan.dest.external', { number: d.number, trunk: d.trunk });
    case 'voicemail':
      return t('dialplan.dest.voicemail', { mailbox: d.mailbox });
    case 'stasis':
      return t('dialplan.dest.stasis', { app: d.app });
    case 'hangup':
      return t('dialplan.dest.hangup');
    default:
      return t('dialplan.dest.none');
  }
}
