import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT_PHONE } from '../src/contracts/auth';
import { resources } from '../src/contracts/locales';
import { setupBrowser, signInResidentByPhone } from './helpers';

const e2e = setupBrowser();
const phone = { width: 375, height: 812 };

describe('resident pages at /m', () => {
  it('a resident signs in with phone and code on a phone-sized screen, sees their home, and signs out', async () => {
    const page = await e2e.page({ viewport: phone });
    await page.goto('/m');
    await page.waitForURL('**/m/login');
    await signInResidentByPhone(page, DEMO_RESIDENT_PHONE);
    await page.getByTestId('m-my-home').waitFor();
    expect(await page.getByTestId('m-my-home').textContent()).toContain('蒙自雅苑');
    // nothing overflows the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.getByTestId('tab-me').click();
    await page.getByTestId('m-logout').click();
    await page.waitForURL('**/m/login');
  });

  it('a wrong code is refused in English too', async () => {
    const page = await e2e.page({ viewport: phone, lang: 'en-US' });
    await page.goto('/m/login');
    await page.getByTestId('m-phone').fill('13900000000');
    await page.getByTestId('m-send-code').click();
    await page.getByTestId('m-demo-code').waitFor();
    await page.getByTestId('m-code').fill('000000');
    await page.getByTestId('m-login').click();
    await expect
      .poll(() => page.getByTestId('m-login-error').textContent())
      .toBe(resources['en-US'].errors.auth.invalid_code);
  });
});
