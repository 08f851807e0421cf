import type { AmiField } from '../ami-message.js';
import type { EndpointState } from '../../engine/endpoints.js';

/** res_pjsip's endpoint object fields in the order PJSIPShowEndpoint prints them; values are its defaults unless configured. */
const ENDPOINT_DEFAULTS: [string, string][] = [
  ['RpidImmediate', 'false'], ['Webrtc', 'no'], ['Ignore183WithoutSdp', 'false'], ['SendAoc', 'false'], ['DeviceStateBusyAt', '0'],
  ['T38UdptlMaxdatagram', '0'], ['CodecPrefsIncomingAnswer', 'prefer:pending, operation:intersect, keep:all, transcode:allow'],
  ['SecurityNegotiation', 'no'], ['DtlsRekey', '0'], ['RtpPortEnd', '0'], ['NamedPickupGroup', ''], ['DirectMediaMethod', 'invite'],
  ['SendRpid', 'true'], ['PickupGroup', ''], ['SdpSession', 'Asterisk'], ['DtlsVerify', 'No'], ['MessageContext', ''], ['Tenantid', ''],
  ['Mailboxes', ''], ['RecordOnFeature', 'automixmon'], ['DtlsPrivateKey', ''], ['DtlsFingerprint', 'SHA-256'], ['OverlapContext', ''],
  ['OutgoingCallOfferPref', 'remote_merge'], ['RtpPortStart', '0'], ['FromDomain', ''], ['TimersSessExpires', '1800'], ['NamedCallGroup', ''],
  ['DtlsCipher', ''], ['MediaEncryptionOptimistic', 'false'], ['SuppressQ850ReasonHeaders', 'false'], ['Aors', ''], ['IdentifyBy', 'username,ip'],
  ['CalleridPrivacy', 'allowed_not_screened'], ['MwiSubscribeReplacesUnsolicited', 'no'], ['CosAudio', '0'], ['FollowEarlyMediaFork', 'true'],
  ['Context', ''], ['RtpSymmetric', 'true'], ['Transport', ''], ['MohSuggest', 'default'], ['T38Udptl', 'false'], ['FaxDetect', 'false'],
  ['T38BindUdptlToMediaAddress', 'false'], ['TosVideo', '0'], ['SrtpTag32', 'false'], ['ReferBlindProgress', 'true'], ['MaxAudioStreams', '1'],
  ['Bundle', 'false'], ['UseAvpf', 'false'], ['CallGroup', ''], ['SendConnectedLine', 'no'], ['FaxDetectTimeout', '0'], ['SdpOwner', '-'],
  ['ForceRport', 'true'], ['CalleridTag', ''], ['RtpTimeoutHold', '0'], ['SuppressMohOnSendonly', 'false'], ['UsePtime', 'false'],
  ['MediaAddress', '127.0.0.1'], ['VoicemailExtension', ''], ['RtpTimeout', '0'], ['StirShaken', 'no'], ['SetVar', ''], ['ContactAcl', ''],
  ['PreferredCodecOnly', 'false'], ['GeolocOutgoingCallProfile', ''], ['ForceAvp', 'false'], ['RecordOffFeature', 'automixmon'], ['FromUser', ''],
  ['SendDiversion', 'true'], ['SendHistoryInfo', 'false'], ['T38UdptlIpv6', 'false'], ['ToneZone', ''], ['Language', 'en'], ['AllowSubscribe', 'true'],
  ['RtpIpv6', 'false'], ['Callerid', ''], ['MohPassthrough', 'false'], ['CosVideo', '0'], ['DtlsAutoGenerateCert', 'No'], ['AsymmetricRtpCodec', 'false'],
  ['GeolocIncomingCallProfile', ''], ['IceSupport', 'false'], ['AggregateMwi', 'true'], ['OneTouchRecording', 'false'], ['MwiFromUser', ''],
  ['RedirectMethod', 'user'], ['Accountcode', ''], ['CodecPrefsOutgoingAnswer', 'prefer:pending, operation:intersect, keep:all, transcode:allow'],
  ['Allow', '(ulaw|alaw)'], ['RewriteContact', 'true'], ['UserEqPhone', 'false'], ['RtpEngine', 'asterisk'], ['FollowRedirectMethods', ''],
  ['SubscribeContext', ''], ['NotifyEarlyInuseRinging', 'false'], ['IncomingMwiMailbox', ''], ['IncomingCallOfferPref', 'local'],
  ['AllowUnauthenticatedOptions', 'false'], ['Auth', ''], ['DirectMediaGlareMitigation', 'none'], ['TrustIdInbound', 'false'], ['StirShakenProfile', ''],
  ['BindRtpToMediaAddress', 'true'], ['DisableDirectMediaOnNat', 'false'], ['MediaEncryption', 'no'], ['MediaUseReceivedTransport', 'false'],
  ['AllowOverlap', 'true'], ['DtmfMode', 'rfc4733'], ['OutboundAuth', ''], ['TosAudio', '0'], ['DtlsCertFile', ''], ['DtlsCaPath', ''],
  ['DtlsSetup', 'active'], ['ConnectedLineMethod', 'invite'], ['G726NonStandard', 'false'], ['100rel', 'yes'], ['Timers', 'no'], ['DirectMedia', 'false'],
  ['Acl', ''], ['TimersMinSe', '90'], ['TrustIdOutbound', 'false'], ['SubMinExpiry', '0'], ['RtcpMux', 'false'], ['MaxVideoStreams', '1'],
  ['AcceptMultipleSdpAnswers', 'false'], ['CodecPrefsIncomingOffer', 'prefer:pending, operation:intersect, keep:all, transcode:allow'],
  ['CodecPrefsOutgoingOffer', 'prefer:pending, operation:union, keep:all, transcode:allow'], ['TrustConnectedLine', 'yes'], ['SendPai', 'true'],
  ['RtpKeepalive', '0'], ['T38UdptlEc', 'none'], ['T38UdptlNat', 'false'], ['AllowTransfer', 'true'], ['DtlsCaFile', ''], ['OutboundProxy', ''],
  ['InbandProgress', 'false'],
];

/** EndpointDetail fields for an endpoint, configured values in place of the defaults. */
export function endpointDetailFields(ep: EndpointState, deviceState: string, activeChannels: number): AmiField[] {
  const c = ep.config;
  const cid = c.callerIdNum ? `"${c.callerIdName}" <${c.callerIdNum}>` : '';
  const over: Record<string, string> = {
    Webrtc: c.webrtc ? 'yes' : 'no',
    Aors: c.aors,
    Context: c.context,
    Transport: c.transport,
    Language: c.language,
    Callerid: cid,
    Auth: c.auth,
    DtmfMode: c.dtmfMode,
    DtlsAutoGenerateCert: c.webrtc ? 'Yes' : 'No',
    IceSupport: c.webrtc ? 'true' : 'false',
    UseAvpf: c.webrtc ? 'true' : 'false',
    RtcpMux: c.webrtc ? 'true' : 'false',
    MediaEncryption: c.webrtc ? 'dtls' : 'no',
  };
  return [
    ['ObjectType', 'endpoint'],
    ['ObjectName', c.name],
    ...ENDPOINT_DEFAULTS.map(([k, v]): AmiField => [k, over[k] ?? v]),
    ['DeviceState', deviceState],
    ['ActiveChannels', String(activeChannels)],
  ];
}
