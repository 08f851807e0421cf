import type { SessionUser, Snapshot } from '@ringside/shared';

/**
 * The Socket.IO room of one tenant's CTI room (`t:<tenantId>:queue:support`): two tenants'
 * `queue:support` or `supervisors` never share a room, on any node.
 */
export const tenantRoom = (tenantId: string, room: string) => `t:${tenantId}:${room}`;

/** What joining a snapshot's rooms needs of a socket (a local one, or one fetched through the adapter). */
export interface RoomMember {
  rooms: Set<string>;
  data: { user: SessionUser };
  join(r: string | string[]): unknown;
  leave(r: string): unknown;
}

/**
 * A socket is in exactly the rooms its snapshot lists, so every delta it gets continues a known
 * seq, and only in rooms of its session's tenant: the snapshot's rooms are that tenant's.
 */
export function joinSnapshotRooms(socket: RoomMember, snapshot: Snapshot): void {
  const tenantId = socket.data.user.tenant.id;
  const wanted = Object.keys(snapshot.seqs).map((r) => tenantRoom(tenantId, r));
  for (const room of [...socket.rooms]) if (room.startsWith('t:') && room.includes(':queue:') && !wanted.includes(room)) void socket.leave(room);
  void socket.join(wanted);
}
