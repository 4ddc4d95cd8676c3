import { type CommitteeSystem, committeeSystems, EVIDENCE_VALID_DAYS } from '../../../contracts/owners';
import { addDays } from '../../platform/dates';

// 运作规范率 (SPEC 5.10): each of the eight operating systems is in force when it has evidence dated
// within the last year that the residents' committee or street has not rejected. The rate is the
// share of systems in force, for one committee or summed over many.

export interface EvidenceFact {
  system: string;
  evidenceOn: string;
  reviewStatus: string;
}

export function evidenceCounts(e: EvidenceFact, today: string): boolean {
  return (
    e.reviewStatus !== 'rejected' &&
    e.evidenceOn > addDays(today, -EVIDENCE_VALID_DAYS) &&
    e.evidenceOn <= today
  );
}

export function systemsInForce(evidence: readonly EvidenceFact[], today: string): Set<CommitteeSystem> {
  const inForce = new Set<CommitteeSystem>();
  for (const e of evidence) {
    if ((committeeSystems as readonly string[]).includes(e.system) && evidenceCounts(e, today)) {
      inForce.add(e.system as CommitteeSystem);
    }
  }
  return inForce;
}

/** compliant/total as a percentage with one decimal, rounded half up, for display */
export function compliancePercent(compliant: number, total: number): string {
  if (total === 0) return '0.0';
  const tenths = Math.floor((compliant * 2000 + total) / (2 * total));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function complianceOf(compliant: number, committees = 1) {
  const total = committees * committeeSystems.length;
  return { compliant, total, percent: compliancePercent(compliant, total) };
}
