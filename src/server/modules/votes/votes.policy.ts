import type { Actor } from '../../platform/access';
import { type PlacedRecord, reaches } from '../owners/owners.policy';

export function voteAbilities(actor: Actor, vote: PlacedRecord & { status: string }) {
  const manage = reaches(actor, 'votes.manage', vote);
  return {
    edit: manage && vote.status === 'draft',
    open: manage && vote.status === 'draft',
    close: manage && vote.status === 'open',
    enterPaperBallot: manage && vote.status === 'open',
    viewRoll: reaches(actor, 'votes.roll', vote) && vote.status !== 'draft',
  };
}
