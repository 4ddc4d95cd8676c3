import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setupBrowser } from './helpers';

const e2e = setupBrowser();

async function workbook() {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('工单');
  sheet.addRow(['工单号', '问题类别', '小区', '标题', '问题描述', '来电人', '联系电话']);
  sheet.addRow(['962121-E2E-0001', '报修', '蒙自雅苑', '水箱漏水', '屋顶水箱漏水', '陈先生', '13900003333']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('hotline integration page', () => {
  it('imports a 962121 workbook; the same file again creates nothing new; a bad file gets a row report', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.goto('/hotline');
    await page.getByTestId('hotline-source').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '962121' })
      .click();
    const file = {
      name: 'tickets.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    };
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByTestId('hotline-result').textContent()).toContain('新建 1 件');
    await page.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('hotline-result').textContent())
      .toContain('新建 0 件，已存在 1 件');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('工单').addRow(['工单号', '问题类别', '小区', '标题', '问题描述']);
    wb.worksheets[0]!.addRow(['962121-E2E-0002', '不存在的类别', '蒙自雅苑', '水箱漏水', '屋顶水箱漏水']);
    await page
      .locator('input[type=file]')
      .setInputFiles({ ...file, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await expect.poll(() => page.getByTestId('hotline-result').textContent()).toContain('未导入任何工单');
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('962121-E2E-0002');
  });
});
