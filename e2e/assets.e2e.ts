import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const shots = process.env.ANJU_SCREENSHOTS;

/** The street officer acting over the API, as the console would. */
async function street() {
  const res = await fetch(`${e2e.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'street', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${e2e.baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as Record<string, unknown>;
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

describe('cases tied to assets', () => {
  it('the asset page lists the cases about it, and the case page links back to the asset', async () => {
    const call = await street();
    const lift = (
      (await call('GET', '/assets?kind=elevator&limit=1')) as {
        items: { id: number; name: string; community: { id: number } }[];
      }
    ).items[0]!;
    const filed = (await call(
      'POST',
      '/cases',
      {
        categoryCode: 'equipment.elevator_fault',
        communityId: lift.community.id,
        assetId: lift.id,
        title: '电梯门关不严',
        description: '电梯门关闭时有缝隙，运行中有异响',
      },
      { 'idempotency-key': `e2e-asset-case-${Date.now()}` },
    )) as { id: number; number: string };

    for (const lang of ['zh-CN', 'en-US'] as const) {
      const page = await e2e.loginAs('street', { lang });
      await page.goto(`/assets/${lift.id}`);
      const cases = page.getByTestId('asset-cases');
      await cases.getByRole('link', { name: filed.number }).waitFor();
      await settled(page);
      if (shots) await page.screenshot({ path: `${shots}/asset-page-${lang}.png`, fullPage: true });
      await cases.getByRole('link', { name: filed.number }).click();
      await page.waitForURL(`**/cases/${filed.id}`);
      const back = page.getByTestId('case-asset-link');
      await back.waitFor();
      expect(await back.textContent()).toBe(lift.name);
      await settled(page);
      if (shots) await page.screenshot({ path: `${shots}/case-page-${lang}.png`, fullPage: true });
      await back.click();
      await page.waitForURL(`**/assets/${lift.id}`);
      await page.getByTestId('asset-overview').waitFor();
      // the asset tasks page answers, in both languages
      await page.goto('/asset-breaches');
      await page.getByTestId('breach-list').waitFor();
      await settled(page);
      if (shots) await page.screenshot({ path: `${shots}/asset-breaches-${lang}.png`, fullPage: true });
    }
  });
});
