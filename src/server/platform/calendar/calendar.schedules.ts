import type { DayKind, Festival } from '../../../contracts/calendar';

/**
 * Official holiday schedules of the State Council General Office (国务院办公厅关于部分节假日安排的通知):
 * the days off and the make-up workdays (调休). Seeded into `calendar_day`; district_admin edits
 * later years through the API.
 */
type Range = [from: string, to: string, festival: Festival];

const holidays: Range[] = [
  // 2025 (国办发明电〔2024〕12号)
  ['2025-01-01', '2025-01-01', 'new_year'],
  ['2025-01-28', '2025-02-04', 'spring_festival'],
  ['2025-04-04', '2025-04-06', 'qingming'],
  ['2025-05-01', '2025-05-05', 'labour_day'],
  ['2025-05-31', '2025-06-02', 'dragon_boat'],
  ['2025-10-01', '2025-10-08', 'national_day'],
  // 2026 (SPEC 5.3)
  ['2026-01-01', '2026-01-03', 'new_year'],
  ['2026-02-15', '2026-02-23', 'spring_festival'],
  ['2026-04-04', '2026-04-06', 'qingming'],
  ['2026-05-01', '2026-05-05', 'labour_day'],
  ['2026-06-19', '2026-06-21', 'dragon_boat'],
  ['2026-09-25', '2026-09-27', 'mid_autumn'],
  ['2026-10-01', '2026-10-07', 'national_day'],
];

const makeupDays: [string, Festival][] = [
  ['2025-01-26', 'spring_festival'],
  ['2025-02-08', 'spring_festival'],
  ['2025-04-27', 'labour_day'],
  ['2025-09-28', 'national_day'],
  ['2025-10-11', 'national_day'],
  ['2026-01-04', 'new_year'],
  ['2026-02-14', 'spring_festival'],
  ['2026-02-28', 'spring_festival'],
  ['2026-05-09', 'labour_day'],
  ['2026-09-20', 'mid_autumn'],
  ['2026-10-10', 'national_day'],
];

export interface ScheduledDay {
  date: string;
  kind: DayKind;
  festival: Festival;
}

export function officialSchedule(): ScheduledDay[] {
  const days: ScheduledDay[] = [];
  for (const [from, to, festival] of holidays) {
    for (
      let d = new Date(`${from}T00:00:00Z`);
      d <= new Date(`${to}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      days.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', festival });
    }
  }
  for (const [date, festival] of makeupDays) days.push({ date, kind: 'makeup', festival });
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}
