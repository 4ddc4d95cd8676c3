import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { describe, expect, it } from 'vitest';
import type { Round } from '../src/contracts/inspections';
import { resources } from '../src/contracts/locales';
import { type FieldGroup, fieldGroupOf, fieldGroups } from '../src/web/modules/inspections/fieldGroups';
import { setupBrowser } from './helpers';

dayjs.extend(utc);
dayjs.extend(timezone);

const e2e = setupBrowser();
const phone = { width: 375, height: 812 };
const zh = resources['zh-CN'].inspections.field;
const en = resources['en-US'].inspections.field;

describe('the inspector’s phone page /field', () => {
  it('groups my open rounds by overdue / today / this week / later, searches them, and maps the targets', async () => {
    const page = await e2e.loginAs('inspector', { viewport: phone });
    await page.waitForURL((u) => u.pathname === '/field');
    await page.getByTestId('field-search').waitFor();
    await page.locator('[data-testid^="field-group-"]').first().waitFor();

    // the groups hold exactly the rounds the API gives, by their due day in Shanghai
    const rounds: Round[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const res = await page.request.get(
        `/api/v1/inspections/rounds?mine=true&status=open&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = (await res.json()) as { items: Round[]; nextCursor: string | null };
      rounds.push(...body.items);
      cursor = body.nextCursor;
    }
    expect(rounds.length).toBeGreaterThan(20);
    const today = dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');
    const expected: Record<FieldGroup, number> = { overdue: 0, today: 0, week: 0, later: 0 };
    for (const r of rounds) expected[fieldGroupOf(r, today)]++;
    expect(expected.overdue).toBeGreaterThan(0);
    for (const g of fieldGroups) {
      const group = page.getByTestId(`field-group-${g}`);
      if (expected[g] === 0) expect(await group.count()).toBe(0);
      else {
        expect(await page.getByTestId(`field-group-${g}-count`).textContent()).toBe(String(expected[g]));
        expect(await group.getByTestId('round-card-target').count()).toBe(expected[g]);
      }
    }
    expect(await page.getByTestId('field-group-overdue').textContent()).toContain(zh.group.overdue);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: 'screenshots/field-zh-375.png' });

    // search: a community's name leaves only its rounds
    const target = rounds.find((r) => r.target.kind === 'community')!;
    await page.getByTestId('field-search').locator('input').fill(target.community.name);
    const matching = rounds.filter((r) =>
      [r.target.name, r.community.name, r.street.name, r.plan.name].some((s) =>
        s.includes(target.community.name),
      ),
    );
    await expect.poll(() => page.locator('[data-testid="round-card-target"]').count()).toBe(matching.length);
    await page.getByTestId('field-search').locator('input').fill('no-such-place-xyz');
    await page.getByText(zh.noMatch).waitFor();
    await page.getByTestId('field-search').locator('input').fill('');

    // the map of targets draws on a canvas
    await page.getByTestId('field-tabs').getByText(zh.map).click();
    await page.getByTestId('field-map').locator('canvas').waitFor();
    await page.getByText(zh.mapHint).waitFor();
    await page.screenshot({ path: 'screenshots/field-map-zh-375.png' });
  });

  it('with the phone’s position, the nearest targets come first and the map centres on the worker (English)', async () => {
    const page = await e2e.page({ viewport: phone, lang: 'en-US' });
    // somewhere in the district: the first community with coordinates
    await page.context().grantPermissions(['geolocation']);
    const login = await page.goto('/login');
    expect(login?.ok()).toBe(true);
    await page.getByTestId('login-username').fill('inspector');
    await page.getByTestId('login-password').fill('anju-demo');
    const map = page.waitForResponse((r) => r.url().includes('/api/v1/places/map'));
    await page.getByTestId('login-submit').click();
    const { communities } = (await (await map).json()) as { communities: { lng: number; lat: number }[] };
    await page.context().setGeolocation({ longitude: communities[0]!.lng, latitude: communities[0]!.lat });
    await page.reload();
    await page.getByTestId('field-nearest-first').waitFor();
    expect(await page.getByTestId('field-nearest-first').textContent()).toContain(en.nearestFirst);
    // within each group, distances do not decrease
    for (const g of fieldGroups) {
      const texts = await page
        .getByTestId(`field-group-${g}`)
        .getByTestId('round-card-distance')
        .allTextContents();
      const metres = texts.map((s) =>
        s.endsWith('km') ? Number.parseFloat(s) * 1000 : Number.parseFloat(s),
      );
      for (let i = 1; i < metres.length; i++) expect(metres[i]!).toBeGreaterThanOrEqual(metres[i - 1]! - 50);
    }
    expect(await page.getByTestId('field-group-overdue').textContent()).toContain(en.group.overdue);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: 'screenshots/field-en-375.png' });
    await page.getByTestId('field-tabs').getByText(en.map).click();
    await page.getByText(en.mapHintPosition).waitFor();
    await page.getByTestId('field-map').locator('canvas').waitFor();
    await page.screenshot({ path: 'screenshots/field-map-en-375.png' });
    // and at a desktop size the column stays readable
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: 'screenshots/field-map-en-1440.png' });
  });
});
