import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser } from './browser';

export const DEMO_PASSWORD = 'anju-demo';

export interface E2E {
  browser: Browser;
  baseUrl: string;
  /** a new page in a fresh context (no cookies), with the UI language preset */
  page(opts?: { lang?: 'zh-CN' | 'en-US'; viewport?: { width: number; height: number } }): Promise<Page>;
  /** a new page signed in as `username` through the login form */
  loginAs(
    username: string,
    opts?: { lang?: 'zh-CN' | 'en-US'; viewport?: { width: number; height: number } },
  ): Promise<Page>;
}

/** One browser per test file, closed afterwards; pages collect uncaught errors and fail on them. */
export function setupBrowser(): E2E {
  const e2e = {} as E2E;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    e2e.browser = await launchBrowser();
    e2e.baseUrl = inject('baseUrl');
    e2e.page = async (opts = {}) => {
      const context = await e2e.browser.newContext({
        baseURL: e2e.baseUrl,
        viewport: opts.viewport ?? { width: 1366, height: 900 },
        locale: opts.lang ?? 'zh-CN',
        acceptDownloads: true,
      });
      contexts.push(context);
      await context.addInitScript((lang) => {
        if (!localStorage.getItem('anju.lang')) localStorage.setItem('anju.lang', lang);
      }, opts.lang ?? 'zh-CN');
      const page = await context.newPage();
      page.on('pageerror', (err) => {
        throw new Error(`page error: ${err.message}`);
      });
      return page;
    };
    e2e.loginAs = async (username, opts = {}) => {
      const page = await e2e.page(opts);
      await page.goto('/login');
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    };
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await e2e.browser?.close();
  });
  return e2e;
}

/** Opens an Ant Design select and picks the option with this text from the dropdown now showing. */
export async function chooseOption(page: Page, select: Locator, text: string) {
  await select.click();
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text });
  await option.first().click();
}

/**
 * Signs the demo resident in on /m with phone and the code shown in demo mode. A code may be asked
 * for once a minute per phone, so when another test asked just before, it waits and asks again.
 */
export async function signInResidentByPhone(page: Page, phone: string) {
  await page.goto('/m/login');
  await page.getByTestId('m-phone').fill(phone);
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId('m-send-code').click();
    await page.waitForTimeout(500); // the previous error is cleared first
    const shown = await Promise.race([
      page
        .getByTestId('m-demo-code')
        .waitFor({ timeout: 10_000 })
        .then(() => 'code' as const),
      page
        .getByTestId('m-login-error')
        .waitFor({ timeout: 10_000 })
        .then(() => 'error' as const),
    ]);
    if (shown === 'code') break;
    if (attempt >= 14) throw new Error('no sign-in code after 70 s');
    await page.waitForTimeout(5_000);
  }
  const code = (await page.getByTestId('m-demo-code').textContent())!.match(/\d{6}/)![0];
  await page.getByTestId('m-code').fill(code);
  await page.getByTestId('m-login').click();
  await page.waitForURL((u) => u.pathname === '/m');
}
