import type { Actor } from '../../platform/access';

/** What the caller may do to a community they can already see (the repository scoped it). */
export function communityAbilities(actor: Actor, community: { streetId: number }) {
  const edit = actor
    .reach('org.manage')
    .some((p) => p.level === 'district' || (p.level === 'street' && p.streetId === community.streetId));
  return { edit, export: actor.can('org.export') };
}
