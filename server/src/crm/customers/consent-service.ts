import {
  CONSENT_PURPOSES,
  RingsideError,
  channelsFor,
  consentRecordSchema,
  normalisePhone,
  parseInput,
  type ConsentChannel,
  type ConsentDecision,
  type ConsentEvent,
  type ConsentPurpose,
  type CustomerConsent,
  type SessionUser,
} from '@ringside/shared';
import type { ContactPolicy } from '../../domain/ports/contact-policy.js';
import type { ConsentAddress, ConsentRepository } from './consent-repository.js';
import { assertChannelFits, decide, occurredAt } from './consent-rules.js';

/** Which address a consent question is about: a contact point, a phone number or an email. */
export type ConsentSubject = { contactPointId: string } | { e164: string } | { email: string };

/** A consent question: may we contact this address on this channel for this purpose (now, or at a moment)? */
export type ConsentQuery = ConsentSubject & { channel: ConsentChannel; purpose: ConsentPurpose; at?: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The consent ledger's use cases. consentFor is THE function every outbound feature (dialer,
 * SMS, campaigns, email) asks before contacting anyone.
 */
export class ConsentService {
  constructor(
    private readonly ledger: ConsentRepository,
    private readonly options: { defaultCountry: string; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * The consent state of an address for a channel and purpose, derived from the latest ledger
   * event at `at` (default now). With no event: state unknown, allowed for service, refused for
   * marketing. Asking by contact point, by number or by email gives the same answer for the same
   * address, so a do-not-call entry recorded against a bare number applies to every owner.
   */
  async consentFor(query: ConsentQuery): Promise<ConsentDecision> {
    const { addressKind, address } = await this.resolve(query);
    assertChannelFits(addressKind, query.channel);
    if (address === null) return decide(query.purpose, null);
    return decide(query.purpose, await this.ledger.latest(address, query.channel, query.purpose, query.at ?? new Date(this.now())));
  }

  /** Consent per contact point of a customer (every channel it carries, both purposes) and the full history. */
  async forCustomer(customerId: string): Promise<CustomerConsent> {
    if (!UUID.test(customerId) || !(await this.ledger.customerExists(customerId))) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
    const points = await this.ledger.addressesOfCustomer(customerId);
    const at = new Date(this.now());
    const contactPoints = await Promise.all(
      points.map(async (p) => ({
        contactPointId: p.contactPointId,
        address: p.address,
        current: await Promise.all(
          channelsFor(p.addressKind).flatMap((channel) =>
            CONSENT_PURPOSES.map(async (purpose) => ({
              channel,
              purpose,
              ...decide(purpose, p.address === null ? null : await this.ledger.latest(p.address, channel, purpose, at)),
            })),
          ),
        ),
      })),
    );
    const addresses = [...new Set(points.flatMap((p) => (p.address ? [p.address] : [])))];
    return { contactPoints, history: await this.ledger.history(addresses) };
  }

  /**
   * Records a grant or withdrawal on one of the customer's contact points. An agent recording a
   * grant must say what backs it (the call, the message, a note): a marketing grant is the thing
   * a regulator asks to see. A withdrawal never needs evidence, so it can never be refused.
   */
  async record(customerId: string, body: unknown, by: SessionUser): Promise<ConsentEvent> {
    const input = parseInput(consentRecordSchema, body);
    if (!UUID.test(customerId) || !(await this.ledger.customerExists(customerId))) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
    const point = await this.ledger.addressOf(input.contactPointId);
    if (!point || point.customerId !== customerId) {
      throw new RingsideError('CONTACT_POINT_NOT_FOUND', `customer ${customerId} has no contact point ${input.contactPointId}`);
    }
    assertChannelFits(point.addressKind, input.channel);
    if (point.address === null) {
      throw new RingsideError('INVALID_INPUT', 'this phone contact point is not a valid number; consent cannot attach to it', [{ path: 'contactPointId', message: 'not a valid number' }]);
    }
    if (by.role === 'agent' && input.method !== 'agent') {
      throw new RingsideError('FORBIDDEN', 'agents record consent they took themselves (method agent)');
    }
    const hasEvidence = Object.values(input.evidence).some((v) => v !== undefined && v !== '');
    if (input.state === 'granted' && by.role === 'agent' && !hasEvidence) {
      throw new RingsideError('CONSENT_EVIDENCE_REQUIRED', 'a grant recorded by an agent needs evidence (the interaction, the message or a note)', [
        { path: 'evidence', message: 'give an interactionId, messageId or note' },
      ]);
    }
    return this.ledger.append({
      addressKind: point.addressKind,
      address: point.address,
      contactPointId: point.contactPointId,
      customerId,
      channel: input.channel,
      purpose: input.purpose,
      state: input.state,
      occurredAt: occurredAt(input.occurredAt, this.now()),
      method: input.method,
      actor: by.id,
      evidence: input.evidence,
    });
  }

  private async resolve(subject: ConsentSubject): Promise<Pick<ConsentAddress, 'addressKind' | 'address'>> {
    if ('contactPointId' in subject) {
      const point = UUID.test(subject.contactPointId) ? await this.ledger.addressOf(subject.contactPointId) : null;
      if (!point) throw new RingsideError('CONTACT_POINT_NOT_FOUND', `no contact point ${subject.contactPointId}`);
      return point;
    }
    if ('e164' in subject) {
      const phone = normalisePhone(subject.e164, this.options.defaultCountry);
      if (!phone.ok) throw new RingsideError('INVALID_INPUT', `"${subject.e164}" is not a phone number`, [{ path: 'e164', message: 'not a phone number' }]);
      return { addressKind: 'phone', address: phone.e164 };
    }
    const email = subject.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new RingsideError('INVALID_INPUT', `"${subject.email}" is not an email address`, [{ path: 'email', message: 'not an email address' }]);
    return { addressKind: 'email', address: email };
  }
}

/** The CTI layer's view of the ledger: one service-call question per dialled number. */
export function consentContactPolicy(consent: ConsentService): ContactPolicy {
  return {
    async serviceCall(e164) {
      const decision = await consent.consentFor({ e164, channel: 'voice', purpose: 'service' });
      return { allowed: decision.allowed, since: decision.since };
    },
  };
}
