import { Presets, SingleBar } from 'cli-progress';
import type { LoadProgress } from '../demo/city';
import type { RebuildProgress } from '../modules/assessment/assessment.usecases';
import type { CliIo } from './io';

/** One cli-progress bar per table on a terminal, and a line per table when it is done. */
export function progressBars(io: CliIo): LoadProgress {
  return {
    table(name, total, unit) {
      const started = Date.now();
      const bar = new SingleBar(
        {
          stream: io.stderr,
          format: `${name.padEnd(17)} {bar} {percentage}% | {value}/{total} ${unit} | {rows} rows | {duration_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0, { rows: 0 });
      let last = 0;
      return {
        update(done, rows) {
          last = rows;
          bar.update(done, { rows: rows.toLocaleString('en-US') });
        },
        stop() {
          bar.stop();
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          io.stderr.write(
            `${name.padEnd(17)} ${last.toLocaleString('en-US').padStart(10)} rows in ${seconds} s\n`,
          );
        },
      };
    },
  };
}

/** One bar over the case events a KPI rebuild replays. */
export function rebuildProgress(io: CliIo): RebuildProgress {
  const bar = new SingleBar(
    {
      stream: io.stderr,
      format: 'case events {bar} {percentage}% | {value}/{total} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    start(total) {
      started = true;
      bar.start(total, 0);
    },
    update(done) {
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
