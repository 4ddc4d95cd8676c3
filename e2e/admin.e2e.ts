import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { chooseOption, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];

describe('administration pages', () => {
  it('the administrator creates a street officer through the form, who can then sign in', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('li.street');
    await page.getByTestId('user-display-name').fill('李科长');
    await page.getByTestId('user-password').fill('Street-Pass-2026');
    await chooseOption(page, page.getByTestId('role-select'), zh.common.roles.street);
    await chooseOption(page, page.getByTestId('place-select'), '豫园街道');
    // the save answers first: a refused save fails here with its reason, not as a missing row later
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST',
    );
    await page.getByTestId('user-save').click();
    const answer = await saved;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.getByTestId('user-table').getByText('li.street').waitFor();

    const officer = await e2e.page();
    await officer.goto('/login');
    await officer.getByTestId('login-username').fill('li.street');
    await officer.getByTestId('login-password').fill('Street-Pass-2026');
    await officer.getByTestId('login-submit').click();
    await officer.getByTestId('user-role').waitFor();
    expect(await officer.getByTestId('user-role').textContent()).toContain('豫园街道');
  });

  it('the audit log shows the change with before and after, and the chain verifies', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.goto('/audit');
    const first = page.locator('[data-testid=audit-table] tbody tr.ant-table-row').first();
    await first.waitFor();
    await first.locator('.ant-table-row-expand-icon').click();
    await page.locator('.ant-table-expanded-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/日志链完整/);
  });
});
