import type { AmiField } from '../ami-message.js';
import type { ActionDef } from '../action-context.js';
import { fail, list, ok } from '../action-context.js';
import type { EndpointState } from '../../engine/endpoints.js';
import type { Engine } from '../../engine/engine.js';
import { extensionStatus } from '../../engine/devices.js';
import { endpointDetailFields } from './endpoint-details.js';

const HUMAN: Record<string, string> = { NOT_INUSE: 'Not in use', INUSE: 'In use', BUSY: 'Busy', UNAVAILABLE: 'Unavailable', RINGING: 'Ringing', RINGINUSE: 'Ring+Inuse', ONHOLD: 'On Hold', INVALID: 'Invalid', UNKNOWN: 'Unknown' };

function active(engine: Engine, ep: EndpointState): number {
  return engine.listChannels().filter((c) => c.endpoint === ep.name && c.tech === 'PJSIP').length;
}

function aorFields(ep: EndpointState, detail: boolean): AmiField[] {
  const f: AmiField[] = [
    ['ObjectType', 'aor'],
    ['ObjectName', ep.name],
    ['MinimumExpiration', '60'],
    ['DefaultExpiration', String(ep.config.defaultExpiration)],
    ['QualifyTimeout', '3.000000'],
    ['Qualify2xxOnly', 'false'],
    ['Mailboxes', ''],
    ['SupportPath', 'false'],
    ['RemoveUnavailable', 'false'],
    ['VoicemailExtension', ''],
    ['MaxContacts', String(ep.config.maxContacts)],
    ['AuthenticateQualify', 'false'],
    ['Contacts', ep.contact ? `${ep.name}/${ep.contact.uri}` : ''],
    ['MaximumExpiration', '7200'],
    ['QualifyFrequency', '0'],
    ['RemoveExisting', ep.config.removeExisting ? 'true' : 'false'],
    ['OutboundProxy', ''],
  ];
  if (detail) f.push(['TotalContacts', ep.contact ? '1' : '0'], ['ContactsRegistered', ep.contact && !ep.config.staticContact ? '1' : '0'], ['EndpointName', ep.name]);
  return f;
}

export const endpointActions: Record<string, ActionDef> = {
  PJSIPShowEndpoints: {
    write: 'system',
    run(ctx) {
      const e = ctx.engine;
      const items = e.endpoints.all().map((ep) => ({
        event: 'EndpointList',
        fields: [
          ['ObjectType', 'endpoint'],
          ['ObjectName', ep.name],
          ['Transport', ep.config.transport],
          ['Aor', ep.config.aors],
          ['Auths', ep.config.auth],
          ['OutboundAuths', ''],
          ['Contacts', ep.contact ? `${ep.name}/${ep.contact.uri},` : ''],
          ['DeviceState', HUMAN[e.devices.get(`PJSIP/${ep.name}`)] ?? 'Unknown'],
          ['ActiveChannels', String(active(e, ep))],
        ] as AmiField[],
      }));
      return list(ctx, 'A listing of Endpoints follows, presented as EndpointList events', items, 'EndpointListComplete');
    },
  },
  PJSIPShowEndpoint: {
    write: 'system',
    run(ctx) {
      const name = ctx.req.get('Endpoint');
      if (!name) return fail(ctx, 'Endpoint parameter missing.');
      const e = ctx.engine;
      const ep = e.endpoints.get(name);
      if (!ep) return fail(ctx, `Unable to retrieve endpoint ${name}`);
      const dev = HUMAN[e.devices.get(`PJSIP/${ep.name}`)] ?? 'Unknown';
      const items: { event: string; fields: AmiField[] }[] = [{ event: 'EndpointDetail', fields: endpointDetailFields(ep, dev, active(e, ep)) }];
      if (ep.config.auth) {
        items.push({ event: 'AuthDetail', fields: [['ObjectType', 'auth'], ['ObjectName', ep.config.auth], ['OauthSecret', ''], ['PasswordDigest', ''], ['SupportedAlgorithmsUas', 'MD5'], ['RefreshToken', ''], ['Username', ep.name], ['Md5Cred', ''], ['Realm', ''], ['AuthType', 'userpass'], ['Password', ep.config.password], ['SupportedAlgorithmsUac', 'MD5'], ['NonceLifetime', '32'], ['OauthClientid', ''], ['EndpointName', ep.name]] });
      }
      const t = e.config.pjsip.transports.find((x) => x.name === ep.config.transport);
      if (t) {
        items.push({ event: 'TransportDetail', fields: [['ObjectType', 'transport'], ['ObjectName', t.name], ['WebsocketWriteTimeout', '100'], ['Cos', '0'], ['TcpKeepaliveEnable', 'false'], ['Protocol', t.protocol], ['SymmetricTransport', 'false'], ['Domain', ''], ['VerifyServer', 'No'], ['LocalNet', t.localNet.replace(/\/8$/, '/255.0.0.0')], ['Bind', t.bind], ['AllowWildcardCerts', 'No'], ['TcpKeepaliveIntervalTime', '1'], ['AsyncOperations', '1'], ['ExternalMediaAddress', ''], ['Method', 'unspecified'], ['ExternalSignalingAddress', ''], ['RequireClientCert', 'No'], ['TcpKeepaliveIdleTime', '30'], ['Tos', '0'], ['CaListPath', ''], ['Cipher', ''], ['CertFile', ''], ['ExternalSignalingPort', '0'], ['Password', ''], ['AllowReload', 'false'], ['VerifyClient', 'No'], ['TcpKeepaliveProbeCount', '5'], ['PrivKeyFile', ''], ['CaListFile', ''], ['EndpointName', ep.name]] });
      }
      if (ep.config.aors) items.push({ event: 'AorDetail', fields: aorFields(ep, true) });
      if (ep.contact) {
        const c = ep.contact;
        items.push({ event: 'ContactStatusDetail', fields: [['AOR', ep.name], ['URI', c.uri], ['UserAgent', c.userAgent], ['RegExpire', String(c.expiration)], ['ViaAddress', `${c.viaAddr}:${c.viaPort}`], ['CallID', c.callId], ['Status', 'NonQualified'], ['RoundtripUsec', 'N/A'], ['EndpointName', ep.name], ['ID', `${ep.name};@${c.hash}`], ['AuthenticateQualify', '0'], ['OutboundProxy', ''], ['Path', ''], ['QualifyFrequency', '0'], ['QualifyTimeout', '3.000'], ['Qualify2xxOnly', '0']] });
      }
      return list(ctx, 'Following are Events for each object associated with the Endpoint', items, 'EndpointDetailComplete');
    },
  },
  PJSIPShowContacts: {
    write: 'system',
    run(ctx) {
      const items = ctx.engine.endpoints
        .all()
        .filter((ep) => ep.contact && !ep.config.staticContact)
        .map((ep) => {
          const c = ep.contact!;
          return {
            event: 'ContactList',
            fields: [['ObjectType', 'contact'], ['ObjectName', `${ep.name};@${c.hash}`], ['ViaAddr', c.viaAddr], ['QualifyTimeout', '3.000000'], ['Qualify2xxOnly', 'false'], ['CallId', c.callId], ['RegServer', ''], ['PruneOnBoot', 'no'], ['Path', ''], ['Endpoint', ep.name], ['ViaPort', String(c.viaPort)], ['AuthenticateQualify', 'no'], ['Uri', c.uri], ['QualifyFrequency', '0'], ['UserAgent', c.userAgent], ['ExpirationTime', String(c.expiration)], ['OutboundProxy', ''], ['Status', 'NonQualified'], ['RoundtripUsec', 'N/A']] as AmiField[],
          };
        });
      return list(ctx, 'A listing of Contacts follows, presented as ContactList events', items, 'ContactListComplete');
    },
  },
  PJSIPShowAors: {
    write: 'system',
    run(ctx) {
      const items = ctx.engine.endpoints.all().filter((ep) => ep.config.aors).map((ep) => ({ event: 'AorList', fields: aorFields(ep, false) }));
      return list(ctx, 'A listing of AORs follows, presented as AorList events', items, 'AorListComplete');
    },
  },
  DeviceStateList: {
    write: 'call',
    run(ctx) {
      const items = ctx.engine.devices.list().map((d) => ({ event: 'DeviceStateChange', fields: [['Device', d.device], ['State', d.state]] as AmiField[] }));
      return list(ctx, 'Device State Changes will follow', items, 'DeviceStateListComplete');
    },
  },
  ExtensionStateList: {
    write: 'call',
    run(ctx) {
      const e = ctx.engine;
      const items = e.lookup.hints().map((h) => {
        const st = extensionStatus(e.devices.get(h.hint.split('&')[0]!.trim()));
        return { event: 'ExtensionStatus', fields: [['Exten', h.exten], ['Context', h.context], ['Hint', h.hint], ['Status', String(st.status)], ['StatusText', st.text]] as AmiField[] };
      });
      return list(ctx, 'Extension Statuses will follow', items, 'ExtensionStateListComplete');
    },
  },
  ExtensionState: {
    write: 'call',
    run(ctx) {
      const exten = ctx.req.get('Exten') ?? '';
      const context = ctx.req.get('Context') ?? 'default';
      const e = ctx.engine;
      const h = e.lookup.hints().find((x) => x.exten === exten && x.context === context);
      if (!h) return ok(ctx, 'Extension Status', [['Exten', exten], ['Context', context], ['Hint', ''], ['Status', '-1'], ['StatusText', 'Unknown']]);
      const st = extensionStatus(e.devices.get(h.hint.split('&')[0]!.trim()));
      return ok(ctx, 'Extension Status', [['Exten', exten], ['Context', context], ['Hint', h.hint], ['Status', String(st.status)], ['StatusText', st.text]]);
    },
  },
};
