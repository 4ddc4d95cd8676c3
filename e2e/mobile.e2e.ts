import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT_PHONE } from '../src/contracts/auth';
import { MAX_FILE_BYTES } from '../src/contracts/files';
import { resources } from '../src/contracts/locales';
import { PNG_1x1 } from '../test/cases';
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

    // refused photos on the report form: each says which file and why, and stays marked in the list
    await page.goto('/m/report');
    const input = page.locator('[data-testid="m-report-photos"] input[type=file]');
    await input.setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: PNG_1x1 });
    await page.locator('.ant-upload-list-item-done').waitFor();
    // not an image by its bytes, whatever its name says (refused by the server)
    await input.setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('just some text'),
    });
    // over 10 MB (refused before it is sent)
    await input.setInputFiles({
      name: 'huge.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_FILE_BYTES + 1)]),
    });
    await expect.poll(() => page.getByTestId('m-photo-error').count()).toBe(2);
    const errors = await page.getByTestId('m-photo-error').allTextContents();
    const zh = resources['zh-CN'];
    expect(errors[0]).toBe(
      zh.resident.report.photoRefused
        .replace('{{name}}', 'notes.png')
        .replace('{{reason}}', zh.errors.field.file_type),
    );
    expect(errors[1]).toBe(
      zh.resident.report.photoRefused
        .replace('{{name}}', 'huge.jpg')
        .replace('{{reason}}', zh.errors.file.too_large.replace('{{limit}}', '10 MB')),
    );
    // the two refused photos are marked as failed in the list, the good one is not
    expect(await page.locator('.ant-upload-list-item-error').count()).toBe(2);
    expect(await page.locator('.ant-upload-list-item-done').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: 'screenshots/m-photo-errors-zh-375.png', fullPage: true });
    await page.goto('/m');
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
