import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { photoFile } from './files';
import { settled, setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];

async function openCase(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await page.getByTestId('case-title').waitFor();
}

/**
 * Opens an action's dialog, fills it and submits it. The dialog's opening animation is waited out
 * first (a click during it can be lost on a busy machine), and the action must answer 2xx before
 * the dialog is awaited to close, so a refused action fails with its reason.
 */
async function runAction(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal');
  await modal.waitFor();
  await settled(page);
  await fill?.();
  const answered = page.waitForResponse(
    (r) => r.url().includes(`/actions/${action}`) && r.request().method() === 'POST',
  );
  await page.locator('#action-submit').click();
  const answer = await answered;
  expect(answer.status(), await answer.text()).toBeLessThan(300);
  await modal.waitFor({ state: 'hidden' });
}

const stateText = (page: Page) => page.getByTestId('case-state').first().textContent();

describe('the whole path of a case, in the browser', () => {
  it('resident reports → street registers and dispatches → property handles with a photo → street verifies → closed → resident rates', async () => {
    // the resident reports a broken stair light in their own community
    const resident = await e2e.loginAs('resident');
    await resident.goto('/cases/new');
    await resident.getByTestId('new-community').click();
    await resident
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .click();
    await resident.getByTestId('new-category').click();
    await settled(resident);
    await resident.locator('.ant-cascader-menu-item').filter({ hasText: '物业服务' }).click();
    await resident.locator('.ant-cascader-menu-item').filter({ hasText: '报修' }).click();
    await expect.poll(() => resident.getByTestId('routing-preview').textContent()).toContain('物业');
    await resident.getByTestId('new-title').fill('3号楼楼道灯不亮');
    await resident.getByTestId('new-description').fill('3号楼2单元楼道灯坏了一周，晚上看不见台阶。');
    await resident.locator('.ant-upload input[type=file]').setInputFiles(await photoFile('before.jpg'));
    await resident.locator('.ant-upload-list-item-done').waitFor();
    await resident.getByTestId('new-submit').click();
    await resident.getByTestId('open-created').click();
    await resident.getByTestId('case-title').waitFor();
    const caseId = resident.url().split('/').pop()!;
    expect(await stateText(resident)).toBe(zh.cases.state.reported);

    // the street registers it and dispatches it to the property company
    const street = await e2e.loginAs('street');
    await street.goto('/cases?queue=to_register');
    await street.getByTestId('case-table').getByText('3号楼楼道灯不亮').waitFor();
    await openCase(street, caseId);
    // the reporter is masked until the street reveals it (an audited view)
    expect(await street.getByTestId('case-reporter').textContent()).toContain('*');
    await street.getByTestId('reveal-reporter').click();
    await expect
      .poll(async () => (await street.getByTestId('case-reporter').textContent()) ?? '*')
      .not.toContain('*');
    await runAction(street, 'register');
    await expect.poll(() => stateText(street)).toBe(zh.cases.state.registered);
    await runAction(street, 'dispatch');
    await expect.poll(() => stateText(street)).toBe(zh.cases.state.dispatched);
    expect(await street.getByTestId('case-tasks').textContent()).toContain('物业');

    // the property company finds it among its tasks and reports the repair with a photo
    const property = await e2e.loginAs('property');
    await property.goto('/cases?queue=my_tasks');
    await property.getByTestId('case-table').getByText('3号楼楼道灯不亮').click();
    await property.getByTestId('case-title').waitFor();
    await runAction(property, 'handle', async () => {
      await property.getByTestId('action-note').fill('已更换楼道感应灯，现场测试正常。');
      await property
        .locator('.ant-modal .ant-upload input[type=file]')
        .setInputFiles(await photoFile('after.jpg', { r: 60, g: 160, b: 90 }));
      await property.locator('.ant-modal .ant-upload-list-item-done').waitFor();
    });
    await expect.poll(() => stateText(property)).toBe(zh.cases.state.handled);

    // the street verifies on site and closes it
    await street.goto('/cases?queue=to_verify');
    await street.getByTestId('case-table').getByText('3号楼楼道灯不亮').waitFor();
    await openCase(street, caseId);
    expect(await street.getByTestId('case-timeline').locator('img').count()).toBeGreaterThanOrEqual(2);
    await runAction(street, 'close');
    await expect.poll(() => stateText(street)).toBe(zh.cases.state.closed);

    // the resident rates the result
    await openCase(resident, caseId);
    await runAction(resident, 'rate', async () => {
      await resident.getByTestId('action-score').locator('.ant-rate-star').nth(4).click();
      await resident.getByTestId('action-note').fill('修得很快，谢谢！');
    });
    await resident.getByTestId('case-rating').waitFor();
    expect(await resident.getByTestId('case-rating').locator('.ant-rate-star-full').count()).toBe(5);
    const timeline = await resident.getByTestId('case-timeline').textContent();
    for (const a of ['report', 'register', 'dispatch', 'handle', 'close', 'rate'] as const)
      expect(timeline).toContain(zh.cases.action[a]);
  });

  it('the console shows queues with counts, and the English switch relabels the case', async () => {
    const page = await e2e.loginAs('street', { lang: 'en-US' });
    await page.goto('/cases');
    await page.getByTestId('case-queues').getByText(resources['en-US'].cases.queue.overdue).waitFor();
    await page.getByTestId('case-queues').getByText(resources['en-US'].cases.queue.overdue).click();
    await expect.poll(() => page.url()).toContain('queue=overdue');
    const rows = page.locator('[data-testid=case-table] tbody tr.ant-table-row');
    // every case in the overdue queue is shown red (polled: the previous list stays while the queue loads)
    await expect
      .poll(async () => {
        const tags = await rows.getByTestId('case-sla').allTextContents();
        return tags.length > 0 && tags.every((t) => t === resources['en-US'].cases.sla.overdue);
      })
      .toBe(true);
  });

  it('the administrator edits the responsibility list with a preview, and the calendar computes the SPEC example', async () => {
    const page = await e2e.loginAs('district_admin');
    await page.goto('/calendar');
    await page.getByTestId('day-2026-10-01').waitFor();
    const calc = page.getByTestId('deadline-calculator');
    await calc.locator('input').first().click();
    await calc.locator('input').first().fill('2026-09-30 10:00:00');
    await calc.locator('input').first().press('Enter');
    await page.getByTestId('calc-submit').click();
    await expect.poll(() => page.getByTestId('calc-result').textContent()).toContain('2026-10-10 23:59');

    await page.goto('/duties');
    await page.getByTestId('rule-edit').first().click();
    await settled(page);
    await page.getByTestId('rule-preview').locator('.ant-select').click();
    await settled(page);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .click();
    await page.getByTestId('rule-preview').getByRole('button').click();
    await expect.poll(() => page.getByTestId('rule-preview').textContent()).toContain(zh.duties.lead);
    await page.getByTestId('rule-save').click();
    await page
      .getByTestId('duty-rule')
      .first()
      .getByText(zh.duties.version.replace('{{version}}', '2'))
      .waitFor();
  });
});
