import { readFileSync } from 'node:fs';
import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { permissionsOf } from '../src/contracts/permissions';
import type { Role } from '../src/contracts/roles';
import { demoAccounts } from '../src/server/demo/seed';
import { inMenuOrder, navItemShown, navItems } from '../src/web/navigation';
import { appRoutes } from '../src/web/router';
import { chooseOption, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
const en = resources['en-US'];

/** Every concrete page path of the router's table (parameters filled with 1, the catch-all left out). */
function pagePaths(routes: RouteObject[], base = ''): string[] {
  return routes.flatMap((r) => {
    if (r.path === '*') return [];
    const here = r.index
      ? base || '/'
      : r.path
        ? `${base.replace(/\/$/, '')}/${r.path.replace(/^\//, '')}`
        : base;
    const own = r.index || (r.path && !r.children) ? [here] : [];
    return [...own, ...(r.children ? pagePaths(r.children, here) : [])];
  });
}

describe('web shell', () => {
  it('every page route of the router, loaded directly, gets the app shell (never a JSON 404)', async () => {
    const paths = [...new Set(pagePaths(appRoutes).map((p) => p.replace(/:[A-Za-z]+/g, '1')))];
    expect(paths).toContain('/assets/1');
    expect(paths).toContain('/m/reports/1');
    const page = await e2e.loginAs('district_admin');
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()['content-type'], path).toContain('text/html');
      // the app rendered something: a page, a sign-in form or a "not found" card of the app itself
      await page.locator('#root > *').first().waitFor();
      expect(await page.locator('body').textContent(), path).not.toContain('route_not_found');
    }
  });

  it('every demo role signs in and sees the navigation its permissions allow', async () => {
    for (const account of demoAccounts) {
      const page = await e2e.loginAs(account.username);
      const permissions = permissionsOf([account.role as Role]);
      const expected = inMenuOrder(navItems.filter((i) => navItemShown(i, permissions))).map((i) => i.key);
      await page.getByTestId('nav').waitFor();
      const shown = await page
        .locator('[data-testid^="nav-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
      expect(shown, account.username).toEqual(expected);
      // every role that may read cases (the leader reads everything) or report them finds the case console
      if (permissions.includes('cases.read') || permissions.includes('cases.report'))
        expect(shown, account.username).toContain('cases');
      if (account.role === 'district_leader')
        expect(shown).toEqual(
          expect.arrayContaining(['home', 'cases', 'supervision', 'communities', 'hazards']),
        );
      expect(await page.getByTestId('user-role').textContent()).toContain(zh.common.roles[account.role]);
      await page.context().close();
    }
  });

  it('each menu item is gated by the permission that reads its page, not by one that changes things', () => {
    // the few pages that are work rather than reading: the phone rounds, the hotline import, user admin
    const workPages: Record<string, string> = {
      field: 'inspections.perform',
      hotline: 'hotline.import',
      users: 'users.manage',
    };
    for (const item of navItems) {
      const gates = [item.permission ?? []].flat();
      if (item.key in workPages) expect(gates, item.key).toEqual([workPages[item.key]]);
      else if (item.key === 'account') expect(gates).toEqual([]);
      else
        expect(
          gates.some((p) => p.endsWith('.read')),
          item.key,
        ).toBe(true);
    }
  });

  it('field roles signing in on a phone land on the field pages; on a desktop, and other roles, on the console', async () => {
    const phone = { width: 375, height: 812 };
    for (const username of ['inspector', 'emergency']) {
      const page = await e2e.loginAs(username, { viewport: phone });
      await page.waitForURL((u) => u.pathname === '/field');
      await page.context().close();
    }
    const desk = await e2e.loginAs('inspector');
    await desk.getByTestId('nav').waitFor();
    expect(new URL(desk.url()).pathname).toBe('/');
    const street = await e2e.loginAs('street', { viewport: phone });
    await street.waitForLoadState('networkidle');
    expect(new URL(street.url()).pathname).toBe('/');
  });

  it('a wrong password shows the reason, in the chosen language', async () => {
    const page = await e2e.page({ lang: 'en-US' });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('street');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toBe(en.errors.auth.invalid_credentials);
    expect(await page.getByTestId('demo-hint').isVisible()).toBe(true);
  });

  it('switches between Chinese and English, and the choice survives a reload', async () => {
    const page = await e2e.loginAs('street');
    await page.getByTestId('nav-communities').click();
    await page.getByRole('heading', { name: zh.org.list.title }).waitFor();
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByRole('heading', { name: en.org.list.title }).waitFor();
    expect(await page.getByTestId('nav-communities').textContent()).toBe(en.nav.communities);
    await page.reload();
    await page.getByRole('heading', { name: en.org.list.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('heading', { name: zh.org.list.title }).waitFor();
  });

  it('the community register filters, pages and exports; the profile shows buildings and areas', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.goto('/communities');
    const total = page.getByTestId('list-total');
    await expect.poll(() => total.textContent()).toContain('70');
    const rows = page.locator('[data-testid=community-table] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(20);
    await page.getByTestId('next-page').click();
    await expect.poll(() => total.textContent()).toContain(zh.common.pageNumber.replace('{{page}}', '2'));

    await chooseOption(page, page.getByTestId('filter-housing-type'), zh.org.housingType.old_public);
    await expect.poll(async () => (await total.textContent()) ?? '').not.toContain('70');
    // every row shown is old public housing (polled: the old page stays visible while the new one loads)
    await expect
      .poll(async () => {
        const tags = await rows.locator('.ant-tag').allTextContents();
        return tags.filter((t) => t === zh.org.housingType.old_public).length === (await rows.count());
      })
      .toBe(true);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-excel').click();
    const file = await (await download).path();
    expect(readFileSync(file!).subarray(0, 2).toString()).toBe('PK');

    const name = await rows.first().getByTestId('community-link').textContent();
    await rows.first().getByTestId('community-link').click();
    await page.getByRole('heading', { name: name! }).waitFor();
    await page.getByTestId('building-table').waitFor();
    expect(await page.locator('[data-testid=building-table] tbody tr.ant-table-row').count()).toBeGreaterThan(
      0,
    );
    expect(await page.getByTestId('community-overview').textContent()).toContain(
      zh.org.field.propertyCompany,
    );
    await page.getByTestId('community-map').waitFor();
  });

  it('a street officer edits a community of their street and cannot open one of another street', async () => {
    const page = await e2e.loginAs('street');
    await page.goto('/communities');
    await page.getByTestId('community-link').first().click();
    await page.getByTestId('community-edit').click();
    await page.getByTestId('edit-households').fill('234');
    await page.getByTestId('community-save').click();
    await expect.poll(() => page.getByTestId('stat-households').textContent()).toContain('234');

    // community 8 is the first of 外滩街道 in the deterministic demo district
    await page.goto('/communities/8');
    await page.getByText(zh.errors.not_found).waitFor();
  });
});
