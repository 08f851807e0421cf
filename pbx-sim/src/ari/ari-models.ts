/** One model property as Swagger 1.2 prints it; `required` absent where Asterisk leaves it out. */
export interface ModelProperty {
  type: string;
  required?: boolean;
  description?: string;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}

/** A model of the api-docs: the shapes pbx-sim's replies and events use. */
export interface ModelSpec {
  id: string;
  description: string;
  properties: Record<string, ModelProperty>;
  discriminator?: string;
  subTypes?: string[];
}

type Prop = [name: string, type: string, required?: boolean];

function model(id: string, description: string, props: Prop[], extra: Partial<ModelSpec> = {}): ModelSpec {
  const properties: Record<string, ModelProperty> = {};
  for (const [name, type, required] of props) properties[name] = required === undefined ? { type } : { type, required };
  return { id, description, properties, ...extra };
}

const CHANNEL_STATES = ['Down', 'Rsrved', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Unknown'];

/** Event types pbx-sim emits on the WebSocket, each an Event subtype. */
export const EVENT_TYPES = [
  'ApplicationReplaced', 'BridgeCreated', 'BridgeDestroyed', 'ChannelCreated', 'ChannelDestroyed', 'ChannelEnteredBridge', 'ChannelLeftBridge',
  'ChannelStateChange', 'ChannelDtmfReceived', 'ChannelDialplan', 'ChannelCallerId', 'ChannelHangupRequest', 'ChannelVarset', 'ChannelHold',
  'ChannelUnhold', 'ChannelConnectedLine', 'Dial', 'PlaybackStarted', 'PlaybackFinished', 'StasisEnd', 'StasisStart',
];

/** Models by the resource whose api-docs carry them (as Asterisk splits them). */
export const MODELS: Record<string, ModelSpec[]> = {
  asterisk: [
    model('AsteriskInfo', 'Asterisk system information', [['build', 'BuildInfo', false], ['system', 'SystemInfo', false], ['config', 'ConfigInfo', false], ['status', 'StatusInfo', false]]),
    model('BuildInfo', 'Info about how Asterisk was built', [['os', 'string', true], ['kernel', 'string', true], ['options', 'string', true], ['machine', 'string', true], ['date', 'string', true], ['user', 'string', true]]),
    model('SystemInfo', 'Info about Asterisk', [['version', 'string', true], ['entity_id', 'string', true]]),
    model('ConfigInfo', 'Info about Asterisk configuration', [['name', 'string', true], ['default_language', 'string', true], ['max_channels', 'int', false], ['max_open_files', 'int', false], ['max_load', 'double', false], ['setid', 'SetId', true]]),
    model('SetId', 'Effective user/group id', [['user', 'string', true], ['group', 'string', true]]),
    model('StatusInfo', 'Info about Asterisk status', [['startup_time', 'Date', true], ['last_reload_time', 'Date', true]]),
    model('Variable', 'The value of a channel variable', [['value', 'string', true]]),
  ],
  endpoints: [model('Endpoint', 'An external device that may offer/accept calls to/from Asterisk.', [['technology', 'string', true], ['resource', 'string', true], ['state', 'string', false], ['channel_ids', 'List[string]', true]])],
  channels: [
    model('CallerID', 'Caller identification', [['name', 'string', true], ['number', 'string', true]]),
    model('DialplanCEP', 'Dialplan location (context/extension/priority)', [['context', 'string', true], ['exten', 'string', true], ['priority', 'long', true], ['app_name', 'string', true], ['app_data', 'string', true]]),
    channelModel(),
  ],
  bridges: [
    model('Bridge', 'The merging of media from one or more channels.', [
      ['id', 'string', true], ['technology', 'string', true], ['bridge_type', 'string', true], ['bridge_class', 'string', true], ['creator', 'string', true], ['name', 'string', true],
      ['channels', 'List[string]', true], ['video_mode', 'string', false], ['video_source_id', 'string', false], ['creationtime', 'Date', true], ['bridgevars', 'object', false],
    ]),
  ],
  playbacks: [model('Playback', 'Object representing the playback of media to a channel', [['id', 'string', true], ['media_uri', 'string', true], ['next_media_uri', 'string', false], ['target_uri', 'string', true], ['language', 'string'], ['state', 'string', true]])],
  applications: [
    model('Application', 'Details of a Stasis application', [
      ['name', 'string', true], ['channel_ids', 'List[string]', true], ['bridge_ids', 'List[string]', true], ['endpoint_ids', 'List[string]', true],
      ['device_names', 'List[string]', true], ['events_allowed', 'List[object]', true], ['events_disallowed', 'List[object]', true],
    ]),
  ],
  events: [
    model('Message', 'Base type for errors and events', [['type', 'string', true], ['asterisk_id', 'string', false]], { discriminator: 'type', subTypes: ['Event'] }),
    model('Event', 'Base type for asynchronous events from Asterisk.', [['application', 'string', true], ['timestamp', 'Date', true]], { subTypes: EVENT_TYPES }),
    model('ApplicationReplaced', 'Another WebSocket has taken over for an application.', []),
    model('BridgeCreated', 'Notification that a bridge has been created.', [['bridge', 'Bridge', true]]),
    model('BridgeDestroyed', 'Notification that a bridge has been destroyed.', [['bridge', 'Bridge', true]]),
    model('ChannelCreated', 'Notification that a channel has been created.', [['channel', 'Channel', true]]),
    model('ChannelDestroyed', 'Notification that a channel has been destroyed.', [['cause', 'int', true], ['cause_txt', 'string', true], ['tech_cause', 'int'], ['channel', 'Channel', true]]),
    model('ChannelEnteredBridge', 'Notification that a channel has entered a bridge.', [['bridge', 'Bridge', true], ['channel', 'Channel']]),
    model('ChannelLeftBridge', 'Notification that a channel has left a bridge.', [['bridge', 'Bridge', true], ['channel', 'Channel', true]]),
    model('ChannelStateChange', "Notification of a channel's state change.", [['channel', 'Channel', true]]),
    model('ChannelDtmfReceived', 'DTMF received on a channel; sent when the digit ends.', [['digit', 'string', true], ['duration_ms', 'int', true], ['channel', 'Channel', true]]),
    model('ChannelDialplan', 'Channel changed location in the dialplan.', [['channel', 'Channel', true], ['dialplan_app', 'string', true], ['dialplan_app_data', 'string', true]]),
    model('ChannelCallerId', 'Channel changed Caller ID.', [['caller_presentation', 'int', true], ['caller_presentation_txt', 'string', true], ['channel', 'Channel', true]]),
    model('ChannelHangupRequest', 'A hangup was requested on the channel.', [['cause', 'int'], ['tech_cause', 'int'], ['soft', 'boolean'], ['channel', 'Channel', true]]),
    model('ChannelVarset', 'Channel variable changed.', [['variable', 'string', true], ['value', 'string', true], ['channel', 'Channel', false]]),
    model('ChannelHold', 'A channel initiated a media hold.', [['channel', 'Channel', true], ['musicclass', 'string', false]]),
    model('ChannelUnhold', 'A channel initiated a media unhold.', [['channel', 'Channel', true]]),
    model('ChannelConnectedLine', 'Channel changed Connected Line.', [['channel', 'Channel', true]]),
    model('Dial', 'Dialing state has changed.', [['caller', 'Channel', false], ['peer', 'Channel', true], ['forward', 'string', false], ['forwarded', 'Channel', false], ['dialstring', 'string', false], ['dialstatus', 'string', true]]),
    model('PlaybackStarted', 'Event showing the start of a media playback operation.', [['playback', 'Playback', true]]),
    model('PlaybackFinished', 'Event showing the completion of a media playback operation.', [['playback', 'Playback', true]]),
    model('StasisEnd', 'Notification that a channel has left a Stasis application.', [['channel', 'Channel', true]]),
    model('StasisStart', 'Notification that a channel has entered a Stasis application.', [['args', 'List[string]', true], ['channel', 'Channel', true], ['replace_channel', 'Channel', false]]),
  ],
};

function channelModel(): ModelSpec {
  const m = model('Channel', 'A specific communication connection between Asterisk and an Endpoint.', [
    ['id', 'string', true], ['protocol_id', 'string', true], ['name', 'string', true], ['state', 'string', true], ['caller', 'CallerID', true],
    ['connected', 'CallerID', true], ['accountcode', 'string', true], ['dialplan', 'DialplanCEP', true], ['creationtime', 'Date', true],
    ['language', 'string', true], ['channelvars', 'object', false], ['caller_rdnis', 'string'], ['tenantid', 'string', false],
  ]);
  m.properties.state!.allowableValues = { valueType: 'LIST', values: CHANNEL_STATES };
  return m;
}
