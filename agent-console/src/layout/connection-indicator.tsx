import type { PbxConnectionState } from '@ringside/shared';
import { t, type PlainMessageKey } from '../i18n/t.js';
import type { ConnectionState } from '../realtime/socket-client.js';
import type { ReadinessState } from './use-readiness.js';

type Level = 'ok' | 'warn' | 'down' | 'off';

// Each level has its own glyph as well as colour, so the state reads without colour vision.
const GLYPH: Record<Level, string> = { ok: '●', warn: '◐', down: '✕', off: '○' };

const PBX: Record<PbxConnectionState, { level: Level; key: PlainMessageKey }> = {
  connected: { level: 'ok', key: 'connection.pbx.connected' },
  connecting: { level: 'warn', key: 'connection.pbx.connecting' },
  disconnected: { level: 'down', key: 'connection.pbx.disconnected' },
  disabled: { level: 'off', key: 'connection.pbx.disabled' },
};

const SOCKET: Record<ConnectionState, { level: Level; key: PlainMessageKey }> = {
  connected: { level: 'ok', key: 'connection.socket.connected' },
  connecting: { level: 'warn', key: 'connection.socket.connecting' },
  reconnecting: { level: 'warn', key: 'connection.socket.reconnecting' },
  offline: { level: 'down', key: 'connection.socket.offline' },
};

function Part({ level, label }: { level: Level; label: string }) {
  return (
    <span className={`conn conn--${level}`}>
      <span aria-hidden="true" className="conn__glyph">
        {GLYPH[level]}
      </span>{' '}
      {label}
    </span>
  );
}

/** Live-update socket, database and PBX state in the header, announced politely when it changes. */
export function ConnectionIndicator({ state, socket = null }: { state: ReadinessState; socket?: ConnectionState | null }) {
  let parts;
  if (state.kind === 'checking') {
    parts = <Part level="warn" label={t('connection.checking')} />;
  } else if (state.kind === 'unreachable') {
    parts = <Part level="down" label={t('connection.serverUnreachable')} />;
  } else {
    const { database, pbx } = state.readiness;
    const p = PBX[pbx.state];
    parts = (
      <>
        <Part level={database.ok ? 'ok' : 'down'} label={t(database.ok ? 'connection.db.ok' : 'connection.db.down')} />
        <Part level={p.level} label={pbx.mode === 'simulated' ? t('connection.pbx.simulated', { state: t(p.key) }) : t(p.key)} />
      </>
    );
  }
  const live = socket ? SOCKET[socket] : null;
  return (
    <div className="connection" role="status" aria-live="polite" aria-label={t('connection.label')}>
      {live && <Part level={live.level} label={t(live.key)} />}
      {parts}
    </div>
  );
}
