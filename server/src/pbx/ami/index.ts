// Ringside's own AMI client: parser, connection, reconnecting client, mappers, and the Pbx port over AMI.
export { AmiParser, field, fields, type AmiMessage, type AmiValue, type AmiParseProblem, type AmiParserLimits, type AmiParserSink } from './ami-parser.js';
export { renderAction, type AmiAction } from './ami-action.js';
export { AmiConnection, AmiAuthError, type AmiConnectionOptions, type AmiConnectionHandlers, type AmiReply, type SendOptions } from './ami-connection.js';
export { AmiClient, type AmiClientOptions, type AmiClientEvents, type AmiResyncSnapshot, type AmiProblem, type AmiBackoff } from './ami-client.js';
export { mapAmiEvent, eventTime } from './ami-event-mapper.js';
export { resyncEvents, baselineOf, type ResyncBaseline } from './resync-mapper.js';
export { AmiPbx, type AmiPbxOptions, type AmiSender } from './ami-pbx.js';
export type { Pbx, SpyMode, ClickToDialRequest, ClickToDialResult } from '../../domain/ports/pbx.js';
