import { it } from 'vitest';
import { DEMO_PASSWORD, setupBrowser } from './helpers';

const e2e = setupBrowser();
it('screenshots', async () => {
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const page = await e2e.page({ viewport: { width: 375, height: 812 }, lang });
    await page.request.post('/api/v1/auth/login', { data: { username: 'resident', password: DEMO_PASSWORD } });
    for (const [name, path] of [
      ['home', '/m'],
      ['report', '/m/report'],
      ['reports', '/m/reports'],
      ['notifications', '/m/notifications'],
      ['settings', '/m/notifications/settings'],
    ]) {
      await page.goto(path!);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `/tmp/shot-${lang}-${name}.png`, fullPage: true });
    }
    await page.goto('/m/reports');
    await page.waitForTimeout(1000);
    await page.locator('[data-testid^="m-report-"]').first().click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/shot-${lang}-detail.png`, fullPage: true });
  }
}, 120_000);
