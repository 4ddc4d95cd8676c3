import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { demoAccounts } from '../src/server/demo/seed';
import { setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];

/** Codes a person should never read: dotted keys (case.escalated, housing_safety.x) and snake_case ids. */
const CODE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\.[a-z_][a-z0-9_.]*\b|\b[a-z][a-z0-9]*_[a-z0-9_]+\b/g;
/**
 * Sign-in names look like that and are meant: the audit log names accounts by them (the demo
 * accounts, and those other browser tests create, such as `li.street`).
 */
const accountNames = new Set(demoAccounts.map((a) => a.username));
async function learnAccountNames(page: Page) {
  const res = await page.request.get('/api/v1/users?limit=200');
  expect(res.status()).toBe(200);
  for (const u of (await res.json()).items as { username: string }[]) accountNames.add(u.username);
}
function codesShown(text: string): string[] {
  return [...new Set(text.match(CODE) ?? [])].filter((s) => !accountNames.has(s));
}

async function visibleText(page: Page) {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => document.body.innerText);
}

describe('the console speaks in words', () => {
  it('no page of the main list shows a code (event, rule, actor, reason) to a Chinese reader', async () => {
    const pages = [
      '/',
      '/cases',
      '/cases?queue=overdue',
      '/supervision',
      '/duties',
      '/audit',
      '/hazards',
      '/owners-committees',
      '/five-in-one',
      '/inspections',
    ];
    for (const role of ['district_admin', 'district_leader', 'street'] as const) {
      const page = await e2e.loginAs(role);
      if (role === 'district_admin') await learnAccountNames(page);
      for (const path of pages) {
        await page.goto(path);
        await page.locator('main, .ant-layout-content').first().waitFor();
        await page.waitForTimeout(300);
        expect(codesShown(await visibleText(page)), `${role} ${path}`).toEqual([]);
      }
      // the case page of an overdue, escalated case: timeline actors, rule, supervision reason
      await page.goto('/cases?queue=overdue');
      await page.getByTestId('case-link').first().click();
      await page.waitForURL(/\/cases\/\d+/);
      await page.getByText(zh.cases.detail.facts).waitFor();
      expect(codesShown(await visibleText(page)), `${role} case page`).toEqual([]);
      // an overdue current step is a deadline, not a failed (red ✕) step
      expect(await page.locator('.ant-steps-item-error').count()).toBe(0);
      await page.getByTestId('step-deadline').waitFor();
      await page.context().close();
    }
  });

  it('columns are headed by what they hold', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.goto('/owners-committees');
    const heads = page.locator('th');
    await heads.first().waitFor();
    const committeeHeads = await heads.allTextContents();
    expect(committeeHeads).toContain(zh.owners.field.committeeStatus);
    expect(committeeHeads).not.toContain(zh.owners.field.status);
    // a committee whose term ran out is not shown as "in office"
    const rows = await page.locator('tbody tr.ant-table-row').allInnerTexts();
    for (const row of rows) {
      if (row.includes(zh.owners.committees.expired.split(' ')[0]!))
        expect(row, row).not.toContain(zh.owners.committeeStatus.active);
    }
    await page.goto('/cases');
    await page.getByTestId('case-link').first().waitFor();
    const caseHeads = await page.locator('th').allTextContents();
    expect(caseHeads).toContain(zh.cases.field.title);
    expect(caseHeads).not.toContain(zh.cases.field.number);
  });
});
