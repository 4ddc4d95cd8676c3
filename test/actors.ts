import type { AppContext } from '../src/server/context';
import { findUserByUsername, roleAssignmentsOf } from '../src/server/modules/auth/auth.repository';
import { Actor } from '../src/server/platform/access';

/** The Actor of a demo account, for calling use cases directly (clock-dependent tests). */
export async function actorFor(ctx: AppContext, username: string): Promise<Actor> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new Error(`no user ${username}`);
  return new Actor(user.id, user.username, user.displayName, await roleAssignmentsOf(ctx.db, user.id));
}
