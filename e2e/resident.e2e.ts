import { describe, expect, it } from 'vitest';
import { DEMO_RESIDENT_PHONE } from '../src/contracts/auth';
import { PNG_1x1 } from '../test/cases';
import { chooseOption, DEMO_PASSWORD, setupBrowser, signInResidentByPhone } from './helpers';

const e2e = setupBrowser();
const phone = { width: 375, height: 812 };

/** A staff member acting over the API, as the console would. */
async function staff(username: string) {
  const res = await fetch(`${e2e.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${e2e.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as Record<string, unknown>;
    if (!r.ok) throw new Error(`${username} ${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const act = async (id: number, action: string, body: Record<string, unknown> = {}) => {
    const c = (await call('GET', `/cases/${id}`)) as { version: number };
    return call('POST', `/cases/${id}/actions/${action}`, { version: c.version, ...body });
  };
  return { call, act };
}

describe('resident reporting on a phone-sized screen', () => {
  it('signs in, reports a problem with a photo, follows it to closing, is told, and rates it', async () => {
    const page = await e2e.page({ viewport: phone });
    await signInResidentByPhone(page, DEMO_RESIDENT_PHONE);

    // report
    await page.getByTestId('m-tile-report').click();
    await page.waitForURL('**/m/report');
    // the list is long (virtual): search it first
    await page.getByTestId('m-report-category').click();
    await page.keyboard.type('报修');
    await chooseOption(page, page.getByTestId('m-report-category'), '报修');
    expect(await page.getByTestId('m-report-building').textContent()).toContain('我家');
    await page.locator('[data-testid="m-report-photos"] input[type=file]').setInputFiles({
      name: 'leak.png',
      mimeType: 'image/png',
      buffer: PNG_1x1,
    });
    await page.locator('.ant-upload-list-item-done').waitFor();
    await page.getByTestId('m-report-description').fill('厨房水管漏水，地上都是水');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.getByTestId('m-report-submit').click();
    await page.waitForURL(/\/m\/reports\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByTestId('m-detail-state').textContent()).toBe('待受理');
    expect(await page.getByTestId('m-detail-photos').locator('img').count()).toBe(1);
    expect(await page.getByTestId('m-detail-expected').textContent()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );

    // the street and the property company handle it
    const street = await staff('street');
    const property = await staff('property');
    await street.act(id, 'register');
    await street.act(id, 'dispatch');
    const form = new FormData();
    form.append('file', new Blob([PNG_1x1], { type: 'image/png' }), 'fixed.png');
    const upload = (await property.call('POST', '/files', form)) as { fileId: number };
    await property.act(id, 'handle', {
      note: '已更换水管接头',
      attachments: [{ fileId: upload.fileId, kind: 'after' }],
    });
    await street.act(id, 'close', { note: '回访确认已修好' });

    // follow: my reports, the timeline in plain words
    await page.getByTestId('tab-reports').click();
    await page.getByTestId(`m-report-${id}`).waitFor();
    await expect
      .poll(() => page.getByTestId(`m-report-${id}`).getByTestId('m-report-state').textContent())
      .toBe('已办结');
    await page.getByTestId(`m-report-${id}`).click();
    await expect.poll(() => page.getByTestId('m-timeline').textContent()).toContain('回访确认已修好');
    const timeline = await page.getByTestId('m-timeline').textContent();
    expect(timeline).toContain('已受理立案');
    expect(timeline).toMatch(/已派给.+处理/);
    expect(timeline).toContain('回访确认已修好');

    // told: the relay job writes notifications; the messages tab shows them (live)
    await page.getByTestId('tab-notifications').click();
    const number = `-${String(id).padStart(6, '0')}`;
    const rateRequest = page
      .getByTestId('m-notification')
      .filter({ hasText: '请评价处理结果' })
      .filter({ hasText: number });
    await expect.poll(() => rateRequest.count(), { timeout: 20_000 }).toBe(1);
    await rateRequest.click();
    await page.waitForURL(`**/m/reports/${id}`);

    // rate
    await page.getByTestId('m-rate-stars').locator('.ant-rate-star').nth(3).click();
    await page.getByTestId('m-rate-comment').fill('修得很快');
    await page.getByTestId('m-rate-submit').click();
    await page.getByTestId('m-rated').waitFor();
    expect(await page.getByTestId('m-rated').textContent()).toContain('修得很快');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  });

  it('works in English too: notification settings', async () => {
    const page = await e2e.page({ viewport: phone, lang: 'en-US' });
    await page.request.post('/api/v1/auth/login', {
      data: { username: 'resident', password: DEMO_PASSWORD },
    });
    await page.goto('/m/notifications/settings');
    await page.getByTestId('m-pref-save').waitFor();
    expect(await page.locator('main').textContent()).toContain('SMS goes to 138****8000');
    await page.getByTestId('m-pref-dispatched-sms').click();
    await page.getByTestId('m-pref-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Saved');
  });
});
