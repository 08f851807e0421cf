/** What the consent ledger says about one outbound contact, as the CTI layer needs it. */
export interface ContactVerdict {
  allowed: boolean;
  /** When the deciding ledger event happened (ISO), null when no event decided. */
  since: string | null;
}

/**
 * Asks the consent ledger before the switch dials anyone. The CTI layer does not know the CRM:
 * main.ts adapts ConsentService.consentFor to this port.
 */
export interface ContactPolicy {
  /** May an agent call this E.164 number now (voice, service purpose)? */
  serviceCall(e164: string): Promise<ContactVerdict>;
}
