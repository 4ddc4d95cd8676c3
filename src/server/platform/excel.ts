import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface ExcelColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null;
}

/**
 * Streams rows into an .xlsx download; rows come from an async iterator so a list of any length
 * is exported without holding it in memory. The first row is read before anything is sent, so
 * the checks an iterator makes when it starts (the record exists, the caller may see it) answer
 * as a problem with its status, not as a download that breaks off.
 */
export async function sendExcel<T>(
  reply: FastifyReply,
  opts: { filename: string; sheet: string; columns: ExcelColumn<T>[]; rows: AsyncIterable<T> },
): Promise<FastifyReply> {
  const rows = opts.rows[Symbol.asyncIterator]();
  const first = await rows.next();
  const stream = new PassThrough();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(opts.filename)}`);
  const done = (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
    const sheet = workbook.addWorksheet(opts.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = opts.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (let next = first; !next.done; next = await rows.next()) {
      sheet.addRow(opts.columns.map((c) => c.value(next.value))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })();
  done.catch((err) => stream.destroy(err));
  return reply.send(stream);
}

/** Reads the first sheet of an uploaded workbook into objects keyed by the header row. */
export async function readExcelRows(
  buffer: Buffer,
): Promise<{ rowNumber: number; values: Record<string, string> }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.text ?? '').trim();
  });
  const rows: { rowNumber: number; values: Record<string, string> }[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const header = headers[col];
      if (header) values[header] = String(cell.text ?? '').trim();
    });
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber, values });
  });
  return rows;
}
