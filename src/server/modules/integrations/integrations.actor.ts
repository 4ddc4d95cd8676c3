import type { Permission } from '../../../contracts/permissions';
import { Actor, type Place } from '../../platform/access';

export interface ApiClientIdentity {
  id: number;
  name: string;
  channel: string;
  districtId: number;
  rateLimitPerMinute: number | null;
}

/**
 * Another system acting through its API key: it may only file cases, anywhere in its district. It
 * has no user account (userId 0), so the cases it files have no reporter account, only the name
 * and phone it sends.
 */
export class ApiClientActor extends Actor {
  constructor(
    readonly client: ApiClientIdentity,
    ip: string | null,
  ) {
    super(0, `api:${client.name}`, client.name, [], 'zh-CN', ip);
  }

  override can(permission: Permission): boolean {
    return permission === 'cases.report';
  }

  override reach(permission: Permission): Place[] {
    return this.can(permission) ? [{ level: 'district', districtId: this.client.districtId }] : [];
  }

  override get audit() {
    return { userId: null, label: this.username, ip: this.ip };
  }
}
