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
      // a busy 2-core machine (another suite, a benchmark) can take well over playwright's 30 s
      // default for a first render; conditions are waited for, never fixed sleeps
      context.setDefaultTimeout(60_000);
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

/**
 * Waits for the page's finite CSS animations (a modal zooming in, a dropdown sliding open) to
 * finish, so a click lands where it is aimed; endless ones (a spinner, a live dot) never finish.
 */
export async function settled(page: Page) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
}

/**
 * Opens an Ant Design select and picks the option with this text from the dropdown now showing,
 * until the select shows it: on a busy machine a click can land while the dropdown is still
 * opening and be lost, so the pick is checked and made again (a bounded number of times).
 */
export async function chooseOption(page: Page, select: Locator, text: string) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await settled(page);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text });
    await option.first().click();
    // the select (its dropdown lives elsewhere in the page) now shows the picked text
    const shows = await page
      .waitForFunction(
        ([el, want]) => (el as Element).textContent?.includes(want as string) ?? false,
        [await select.elementHandle(), text] as const,
        { timeout: 10_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (shows) return;
    if (attempt >= 3) throw new Error(`the select did not take the option "${text}" in 3 tries`);
    await page.keyboard.press('Escape');
  }
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
