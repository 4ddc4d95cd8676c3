import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
const en = resources['en-US'];
const shots = new URL('../screenshots/', import.meta.url).pathname;
const taskRows = '[data-testid=plan-tasks] tbody tr.ant-table-row';

describe('the plan page', () => {
  it('a district admin opens it from the menu and sees every task of the plan with its progress', async () => {
    const page = await e2e.loginAs('district_admin', { viewport: { width: 1600, height: 1000 } });
    await page.getByRole('menuitem', { name: zh.nav.plan }).click();
    await page.waitForURL('**/plan');
    const plan = await (await page.request.get('/api/v1/plan/tasks')).json();
    await expect.poll(() => page.locator(taskRows).count()).toBe(plan.tasks.length);
    await expect
      .poll(() => page.getByTestId('plan-phase-launch').textContent())
      .toContain(zh.plan.phase.launch);
    mkdirSync(shots, { recursive: true });
    await settled(page);
    await page.screenshot({ path: `${shots}plan-zh.png`, fullPage: true });
  });

  it('in English a street officer sees only the tasks of its street', async () => {
    const page = await e2e.loginAs('street', { lang: 'en-US', viewport: { width: 1600, height: 1000 } });
    await page.goto('/plan');
    const plan = await (await page.request.get('/api/v1/plan/tasks')).json();
    await expect.poll(() => page.locator(taskRows).count()).toBe(plan.tasks.length);
    await expect
      .poll(() => page.getByTestId('plan-phase-launch').textContent())
      .toContain(en.plan.phase.launch);
    await settled(page);
    await page.screenshot({ path: `${shots}plan-en.png`, fullPage: true });
  });
});
