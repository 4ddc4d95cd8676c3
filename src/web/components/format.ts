import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI = 'Asia/Shanghai';

/** A timestamp as Shanghai wall-clock time, whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(SHANGHAI).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(SHANGHAI).format('YYYY-MM-DD') : '';
}

/** "12345.6" m² → "12,345.60" (the unit is added by the caller's label) */
export function formatArea(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const [int = '0', frac = ''] = String(value).split('.');
  return `${Number(int).toLocaleString('en-US')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

/** integer fen → "¥1,234.56" */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const text = `¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : n.toLocaleString('en-US');
}

/**
 * Date pickers work in the browser's zone; Anju's times are Shanghai times. These two carry a
 * Shanghai wall-clock time into a picker and back, whatever zone the browser is in.
 */
export function shanghaiNowForPicker(): dayjs.Dayjs {
  return dayjs(dayjs().tz(SHANGHAI).format('YYYY-MM-DDTHH:mm:ss'));
}

export function pickerToInstant(picked: dayjs.Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), SHANGHAI).format();
}
