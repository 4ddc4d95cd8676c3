import dayjs from 'dayjs';
import type { Round } from '../../../contracts/inspections';

export const fieldGroups = ['overdue', 'today', 'week', 'later'] as const;
export type FieldGroup = (typeof fieldGroups)[number];

/**
 * Where a round falls for the inspector: overdue (past its due day and not done), due today, due
 * by the coming Sunday, or later. `today` is Shanghai's date (YYYY-MM-DD).
 */
export function fieldGroupOf(round: Pick<Round, 'dueOn' | 'overdue'>, today: string): FieldGroup {
  if (round.overdue || round.dueOn < today) return 'overdue';
  if (round.dueOn === today) return 'today';
  const day = dayjs(today);
  // the week ends on Sunday (dayjs: 0 = Sunday)
  const sunday = day.add((7 - day.day()) % 7, 'day').format('YYYY-MM-DD');
  return round.dueOn <= sunday ? 'week' : 'later';
}

/** Distance in metres between two points (haversine), for "how far is this target". */
export function distanceMetres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
