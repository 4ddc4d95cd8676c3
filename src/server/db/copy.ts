import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | boolean | null | undefined | object;

/** One value in COPY text format. */
function copyText(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * Bulk-loads rows with COPY ... FROM STDIN: one round trip for any number of rows.
 * `onRows` reports progress every 10,000 rows.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
  onRows?: (n: number) => void,
): Promise<number> {
  let count = 0;
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      chunk += `${row.map(copyText).join('\t')}\n`;
      count++;
      if (count % 10000 === 0) {
        yield chunk;
        chunk = '';
        onRows?.(10000);
      }
    }
    if (chunk) yield chunk;
    onRows?.(count % 10000);
  }
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(lines()), stream);
  return count;
}
