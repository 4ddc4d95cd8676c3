import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { chooseOption, settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
const en = resources['en-US'];
const phone = { width: 375, height: 812 };
/** The smallest file the server accepts as a PDF (checked by its magic bytes). */
const scan = {
  name: 'ballot.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% ballot\n%%EOF\n'),
};

/** "¥1,234.56" → 123456 fen */
const fen = (text: string | null) => {
  const m = (text ?? '').replace(/,/g, '').match(/(-?)¥(\d+)\.(\d{2})/);
  if (!m) throw new Error(`no amount in ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
};
const hundredths = (area: string) => Number(area.replace(/,/g, '').replace('.', ''));

/** Clicks a modal's OK button once the modal has finished opening, and waits for it to close. */
async function okModal(page: Page, id: string) {
  await settled(page);
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).waitFor({ state: 'detached' });
}

/** The unit balances of one building, as the fund page shows them. */
async function unitBalances(page: Page, communityId: number, building: string) {
  await page.goto(`/funds/${communityId}`);
  await chooseOption(page, page.getByTestId('units-building'), building);
  const rows = page.locator('[data-testid=unit-fund-table] tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  await expect
    .poll(async () =>
      (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')))).every((u) =>
        u?.startsWith(building),
      ),
    )
    .toBe(true);
  const out = new Map<string, number>();
  for (const row of await rows.all())
    out.set((await row.getAttribute('data-unit'))!, fen(await row.getByTestId('unit-balance').textContent()));
  return out;
}

describe('maintenance fund use through the pages (SPEC 5.5, 5.6)', () => {
  it('a fund-use vote passes, the bureau approves, a tranche is disbursed and the unit balances drop by their area shares', async () => {
    const community = '瞿溪路小区';
    const building = '2号';

    // the district sets up an account for the owners' committee of a small sold-public community
    const admin = await e2e.loginAs('district_admin');
    await admin.goto('/users');
    await admin.getByTestId('user-create').click();
    await admin.getByTestId('user-username').fill('quxi.oc');
    await admin.getByTestId('user-display-name').fill('瞿溪业委会');
    await admin.getByTestId('user-password').fill('Quxi-Owners-2026');
    await chooseOption(admin, admin.getByTestId('role-select'), zh.common.roles.owners_committee);
    // the list of communities is long: type to find it
    await admin.getByTestId('place-select').click();
    await admin.keyboard.type(community);
    await chooseOption(admin, admin.getByTestId('place-select'), community);
    await admin.getByTestId('user-display-name').click(); // closes the open dropdown
    await admin.getByTestId('user-save').click();
    await admin.getByTestId('user-table').getByText('quxi.oc').waitFor();

    // the unit balances of the building before
    const before = await unitBalances(admin, await communityIdOf(admin, community), building);
    expect(before.size).toBe(10);

    // the owners' committee plans the repair of one building and puts it to that building's owners
    const oc = await e2e.page();
    await oc.goto('/login');
    await oc.getByTestId('login-username').fill('quxi.oc');
    await oc.getByTestId('login-password').fill('Quxi-Owners-2026');
    await oc.getByTestId('login-submit').click();
    await oc.waitForURL((u) => !u.pathname.startsWith('/login'));
    await oc.getByTestId('nav-fundUses').click();
    await oc.getByTestId('fund-use-create').click();
    await oc.getByTestId('fund-use-title').fill('2号楼屋面防水维修');
    await oc.getByTestId('fund-use-budget').fill('3000');
    await oc.getByTestId('fund-use-payee').fill('上海某房屋修缮公司');
    await chooseOption(oc, oc.getByTestId('fund-use-buildings'), building);
    await oc.getByTestId('fund-use-title').click();
    await okModal(oc, 'fund-use-save');
    await oc.waitForURL(/\/fund-uses\/\d+$/);
    const fundUseUrl = oc.url();
    expect(await oc.getByTestId('fund-use-status').textContent()).toBe(zh.funds.useStatus.draft);
    await oc.getByTestId('fund-use-start_vote').click();
    await oc
      .getByTestId('fund-use-documents')
      .locator('input[type=file]')
      .setInputFiles({ ...scan, name: 'plan.pdf' });
    await oc.getByTestId('fund-use-documents').getByText('plan.pdf').waitFor();
    await okModal(oc, 'fund-use-action-ok');
    await expect.poll(() => oc.getByTestId('fund-use-status').textContent()).toBe(zh.funds.useStatus.voting);

    // on the vote: only the building's ten units are on the roll; the committee enters the paper ballots
    await oc.getByTestId('fund-use-vote-link').click();
    await oc.waitForURL(/\/votes\/\d+$/);
    await expect.poll(() => oc.getByTestId('list-total').first().textContent()).toContain('10');
    const choices = ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'against', 'abstain'] as const;
    for (const [i, choice] of choices.entries()) {
      await oc.getByTestId('paper-ballot').first().click();
      await oc.getByTestId('paper-choice').getByText(zh.votes.choice[choice], { exact: true }).click();
      await oc.getByTestId('paper-signed-by').fill(`业主${i + 1}`);
      await oc.getByTestId('paper-scan').locator('input[type=file]').setInputFiles(scan);
      await oc.getByTestId('paper-scan').locator('.ant-upload-list-item-done').waitFor();
      await okModal(oc, 'paper-save');
      await expect.poll(() => oc.getByTestId('paper-ballot').count()).toBe(choices.length - i - 1);
    }
    // the live count shows the lines it must pass; all ten voted, so it may close now
    await oc.getByTestId('tally-quorum-chart').waitFor();
    await oc.getByTestId('vote-close').click();
    await okModal(oc, 'vote-close-ok');
    await expect.poll(() => oc.getByTestId('vote-result-tag').textContent()).toBe(zh.votes.result.passed);
    expect(await oc.getByTestId('tally-verdict').textContent()).toBe(zh.votes.tally.passedText);

    // the committee confirms and submits to the housing bureau
    await oc.goto(fundUseUrl);
    await oc.getByTestId('fund-use-confirm').click();
    await okModal(oc, 'fund-use-action-ok');
    await oc.getByTestId('fund-use-submit').click();
    await okModal(oc, 'fund-use-action-ok');
    await expect
      .poll(() => oc.getByTestId('fund-use-status').textContent())
      .toBe(zh.funds.useStatus.submitted);
    expect(await oc.getByTestId('fund-use-tranche').count()).toBe(0);

    // the housing bureau approves and pays a first tranche
    await admin.goto(fundUseUrl);
    await admin.getByTestId('fund-use-approve').click();
    await okModal(admin, 'fund-use-action-ok');
    await expect
      .poll(() => admin.getByTestId('fund-use-status').textContent())
      .toBe(zh.funds.useStatus.bureau_approved);
    await admin.getByTestId('fund-use-tranche').click();
    await admin.getByTestId('tranche-amount').fill('2000.01');
    await okModal(admin, 'fund-use-action-ok');
    await expect
      .poll(() => admin.getByTestId('fund-use-status').textContent())
      .toBe(zh.funds.useStatus.disbursing);
    expect(fen(await admin.getByTestId('fund-use-disbursed').textContent())).toBe(200001);

    // each unit's share on the fund use page is its area's part of the tranche, adding up to the fen
    const shareRows = admin.locator('[data-testid=share-table] tbody tr.ant-table-row');
    await expect.poll(() => shareRows.count()).toBe(10);
    const charged = new Map<string, { fen: number; area: number }>();
    for (const row of await shareRows.all()) {
      const cells = await row.locator('td').allTextContents();
      charged.set((await row.getAttribute('data-unit'))!, {
        fen: fen(await row.getByTestId('share-charged').textContent()),
        area: hundredths(cells[1]!),
      });
    }
    const totalArea = [...charged.values()].reduce((s, c) => s + c.area, 0);
    expect([...charged.values()].reduce((s, c) => s + c.fen, 0)).toBe(200001);
    for (const [unit, c] of charged) {
      const exact = (200001 * c.area) / totalArea;
      expect(c.fen === Math.floor(exact) || c.fen === Math.floor(exact) + 1, unit).toBe(true);
    }

    // and the unit accounts on the fund page dropped by exactly those shares
    const after = await unitBalances(admin, await communityIdOf(admin, community), building);
    for (const [unit, balance] of before)
      expect(balance - after.get(unit)!, unit).toBe(charged.get(unit)!.fen);
  });
});

async function communityIdOf(page: Page, name: string): Promise<number> {
  return page.evaluate(async (n) => {
    const r = await fetch(`/api/v1/communities?q=${encodeURIComponent(n)}&limit=5`);
    const body = (await r.json()) as { items: { id: number; name: string }[] };
    return body.items.find((c) => c.name === n)!.id;
  }, name);
}

describe('resident voting at /m on a phone', () => {
  // The phone-and-code sign-in has its own test (mobile.e2e.ts) and allows one code a minute; the
  // demo resident also has a password, which keeps these tests independent of that limit.
  async function signIn(lang: 'zh-CN' | 'en-US') {
    const page = await e2e.loginAs('resident', { viewport: phone, lang });
    await page.goto('/m');
    await page.getByTestId('m-my-home').waitFor();
    return page;
  }

  it('a resident reads the open vote, sees what it costs their unit, casts the ballot once and it is final', async () => {
    const page = await signIn('zh-CN');
    await page.getByTestId('m-tile-votes').click();
    await page.getByTestId('m-vote-card').first().click();
    await page.getByTestId('m-vote-title').waitFor();
    expect(await page.getByTestId('vote-requirement').textContent()).toContain(zh.votes.share['2_3']);
    expect(fen(await page.getByTestId('m-vote-share').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('m-vote-submit').isDisabled()).toBe(true);
    await page.getByTestId('m-vote-choices').getByText(zh.votes.choice.for, { exact: true }).click();
    await page.getByTestId('m-vote-submit').click();
    await okModal(page, 'm-vote-confirm');
    await page.getByTestId('m-my-ballot').waitFor();
    expect(await page.getByTestId('m-my-ballot').textContent()).toContain(zh.votes.choice.for);
    expect(await page.getByTestId('m-vote-choices').count()).toBe(0);
    // final: after a reload the ballot is there and nothing can be chosen again
    await page.reload();
    await page.getByTestId('m-my-ballot').waitFor();
    expect(await page.getByTestId('m-vote-submit').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    // the list says so too
    await page.getByTestId('tab-votes').click();
    await expect
      .poll(() => page.getByTestId('m-vote-card').first().textContent())
      .toContain(zh.votes.mobile.voted.replace('{{choice}}', zh.votes.choice.for));
  });

  it('in English: the fund balance with the shares of each use, and the notice board', async () => {
    const page = await signIn('en-US');
    await page.getByTestId('m-tile-fund').click();
    await page.getByTestId('m-fund-balance').waitFor();
    expect(fen(await page.getByTestId('m-fund-balance').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('m-fund-share').count()).toBeGreaterThan(0);
    expect(await page.getByText(en.funds.mobile.shares).count()).toBe(1);
    await page.getByTestId('tab-home').click();
    await page.getByTestId('m-tile-disclosures').click();
    await page.getByTestId('m-disclosure').first().click();
    await page.getByText(en.owners.title.disclosures).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  });
});
