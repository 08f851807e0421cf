import { inTenant } from '../db/tenant-scope.js';
import type { CommandResult, SessionUser } from '@ringside/shared';
import type { Logger } from '../logger.js';
import { failureOf, runCommand } from './command-registry.js';
import type { CtiService } from './cti-service.js';

/**
 * A request for the node that holds the switch: a console connecting (answered with a
 * ConnectResult), a snapshot, a command, or one of an agent's consoles gone away.
 */
export type CtiRequest =
  | { kind: 'connect'; user: SessionUser }
  | { kind: 'snapshot'; user: SessionUser }
  | { kind: 'away'; user: SessionUser }
  | { kind: 'command'; user: SessionUser; name: string; payload: unknown };

/** Sends a request to the node that holds the switch and returns its answer. */
export type CtiForwarder = (request: CtiRequest) => Promise<CommandResult>;

/**
 * The one entry point of the socket gateway and the REST router: runs a request on this node's
 * live state when it holds the switch, otherwise forwards it to the node that does.
 */
export class CtiDispatcher {
  private forwarder: CtiForwarder | null = null;

  constructor(
    private readonly service: CtiService,
    private readonly logger: Logger,
  ) {}

  /** Set by a multi-node gateway: how to reach the owner of the switch. */
  setForwarder(forwarder: CtiForwarder | null): void {
    this.forwarder = forwarder;
  }

  /** True when this node runs requests itself. */
  get local(): boolean {
    return this.service.active;
  }

  /** Runs or forwards the request; never throws. */
  async execute(request: CtiRequest): Promise<CommandResult> {
    if (this.service.active) return this.runLocally(request);
    if (this.forwarder) return this.forwarder(request);
    return { ok: false, error: { code: 'PBX_UNAVAILABLE', message: 'no node holds the switch connection' } };
  }

  /** Runs the request on this node's state (PBX_UNAVAILABLE when it has none); never throws. */
  async runLocally(request: CtiRequest): Promise<CommandResult> {
    // A user's request touches the rows of the tenant their session works in, on whichever node runs it.
    return inTenant(request.user.tenant.id, () => this.runScoped(request));
  }

  private async runScoped(request: CtiRequest): Promise<CommandResult> {
    if (request.kind === 'command') return runCommand(this.service, this.logger, request.user, request.name, request.payload);
    try {
      switch (request.kind) {
        case 'connect':
          return { ok: true, data: await this.service.connect(request.user) };
        case 'snapshot':
          return { ok: true, data: this.service.snapshotFor(request.user) };
        case 'away':
          this.service.away(request.user);
          return { ok: true };
      }
    } catch (err) {
      return failureOf(err, this.logger, request.kind);
    }
  }
}
