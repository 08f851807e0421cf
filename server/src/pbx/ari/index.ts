// Ringside's own ARI client: REST with deadlines, the events WebSocket with reconnect and resync.
export { AriClient, type AriClientOptions, type AriClientEvents, type AriProblem, type AriResyncSnapshot, type DialplanTarget } from './ari-client.js';
export { AriRest, ariBase, ariStatusError, type AriRestOptions, type AriRequestOptions, type AriMethod } from './ari-rest.js';
export { checkAriText, checkQuery, type AriTextKind } from './ari-ids.js';
export { parseAriEvent, isStasisStart, isAriChannel, isAriBridge, stasisArgsOf, type AriChannel, type AriBridge, type AriEvent, type StasisStartEvent } from './ari-models.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../reconnect-backoff.js';
