/** PBX connection state as reported by /readyz and the console's indicator. */
export type PbxConnectionState = 'connected' | 'connecting' | 'disconnected' | 'disabled';

/** Body of GET /readyz. */
export interface Readiness {
  ready: boolean;
  database: { ok: boolean; driver: 'postgres' | 'pglite'; error?: string };
  pbx: { state: PbxConnectionState; mode: 'asterisk' | 'simulated' | 'none' };
}
