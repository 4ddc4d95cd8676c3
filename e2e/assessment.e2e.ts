import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KpiValuesOut } from '../src/contracts/assessment';
import { resources } from '../src/contracts/locales';
import { chooseOption, settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
const en = resources['en-US'];
const shots = new URL('../screenshots/', import.meta.url).pathname;
// the demo cases happened in the last 60 days (Asia/Shanghai)
const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
  new Date(),
);

const matrixRows = (page: Page) => page.locator('[data-testid=kpi-matrix] tbody tr.ant-table-row');

async function chooseYear(page: Page, lang: typeof zh | typeof en) {
  await chooseOption(page, page.getByTestId('kpi-period-kind'), lang.assessment.periodKind.year);
  await chooseOption(page, page.getByTestId('kpi-period'), year);
  await expect.poll(() => matrixRows(page).count()).toBeGreaterThan(0);
}

describe('the KPI page', () => {
  it('a district leader opens it from the menu; every street has a row, and each number is explained by its definition', async () => {
    const page = await e2e.loginAs('district_leader', { viewport: { width: 1600, height: 1000 } });
    await page.getByRole('menuitem', { name: zh.nav.kpis }).click();
    await page.waitForURL('**/kpis');
    await chooseYear(page, zh);
    await expect.poll(() => matrixRows(page).count()).toBe(10);

    // the page shows what the API answers, numerator and denominator included
    const api = (await (
      await page.request.get(`/api/v1/kpis/values?level=street&period=${year}`)
    ).json()) as KpiValuesOut;
    const busiest = [...api.rows].sort(
      (a, b) => b.values['case.reported']!.numerator - a.values['case.reported']!.numerator,
    )[0]!;
    await page.locator(`[data-testid=kpi-matrix] tr[data-unit="${busiest.unit.name}"]`).click();
    await expect.poll(() => page.getByTestId('kpi-explain-unit').textContent()).toContain(busiest.unit.name);
    const reported = page.getByTestId('kpi-explain-case.reported');
    await expect.poll(() => reported.textContent()).toContain(zh.assessment.kpi.case.reported.definition);
    expect(await reported.getByTestId('kpi-numerator').textContent()).toContain(
      busiest.values['case.reported']!.numerator.toLocaleString('en-US'),
    );
    const onTime = busiest.values['case.handled_on_time_rate']!;
    const explained = page.getByTestId('kpi-explain-case.handled_on_time_rate');
    expect(await explained.textContent()).toContain(zh.assessment.kpi.case.handled_on_time_rate.numerator);
    expect(await explained.getByTestId('kpi-numerator').textContent()).toContain(String(onTime.numerator));
    expect(await explained.getByTestId('kpi-denominator').textContent()).toContain(
      String(onTime.denominator),
    );
    expect(await page.getByTestId('kpi-as-of').textContent()).toContain(zh.assessment.field.asOf);

    mkdirSync(shots, { recursive: true });
    await settled(page);
    await page.screenshot({ path: `${shots}kpis-zh.png`, fullPage: true });
    await page.screenshot({ path: `${shots}kpis-zh-screen.png` });

    // another level: the committees
    await chooseOption(page, page.getByTestId('kpi-level'), zh.assessment.level.committee);
    await expect.poll(() => matrixRows(page).count()).toBeGreaterThan(10);
  });

  it('in English every text is English; a street officer sees only their own street', async () => {
    const page = await e2e.loginAs('street', { lang: 'en-US', viewport: { width: 1600, height: 1000 } });
    await page.goto('/kpis');
    await chooseYear(page, en);
    await expect.poll(() => matrixRows(page).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('kpi-explain-case.rework_rate').textContent())
      .toContain(en.assessment.kpi.case.rework_rate.definition);
    const body = (await page.locator('main, #root').first().textContent()) ?? '';
    // place names are data; no text of the page itself is left in Chinese
    for (const text of [zh.assessment.title, zh.assessment.field.numerator, zh.assessment.field.definition])
      expect(body).not.toContain(text);
    mkdirSync(shots, { recursive: true });
    await settled(page);
    await page.screenshot({ path: `${shots}kpis-en.png`, fullPage: true });
  });
});
