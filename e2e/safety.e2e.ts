import { describe, expect, it } from 'vitest';
import { resources } from '../src/contracts/locales';
import { PNG_1x1 } from '../test/cases';
import { setupBrowser } from './helpers';

const e2e = setupBrowser();
const zh = resources['zh-CN'];
const phone = { width: 375, height: 812 };
const photo = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG_1x1 });

describe('safety: inspection, hazard, repair, verification', () => {
  it('an inspector fails the fire lane on the phone with a photo; hazard and case appear; the emergency team repairs; another user verifies; the hazard is closed', async () => {
    // the inspector on a phone: my rounds, a fire patrol
    const inspector = await e2e.loginAs('inspector', { viewport: phone });
    await inspector.goto('/field');
    const card = inspector.getByTestId('round-card-fire_patrol').first();
    await card.waitFor();
    await card.click();
    await inspector.getByTestId('item-fire_lane').waitFor();
    // the fire lane fails, with a note and a photo; everything else passes
    await inspector.getByTestId('item-fire_lane-fail').click();
    await inspector.getByTestId('item-fire_lane-note').fill('三辆私家车长期占用消防车通道');
    await inspector.getByTestId('item-fire_lane-photo-input').setInputFiles(photo('fire-lane.png'));
    await inspector.getByTestId('item-fire_lane-photo').locator('img').waitFor();
    const passes = inspector.locator('[data-testid^="item-"][data-testid$="-pass"]');
    const count = await passes.count();
    for (let i = 0; i < count; i++) {
      const id = await passes.nth(i).getAttribute('data-testid');
      if (id !== 'item-fire_lane-pass') await passes.nth(i).click();
    }
    await expect
      .poll(() => inspector.getByTestId('round-progress').textContent())
      .toContain(`${count}/${count}`);
    await inspector.getByTestId('round-finish').click();
    await inspector.getByTestId('round-hazards').waitFor();

    // the hazard and its case
    const hazardHref = await inspector.getByTestId('round-hazard-link').first().getAttribute('href');
    expect(hazardHref).toMatch(/^\/hazards\/\d+$/);
    const caseLink = inspector.getByTestId('round-case-link').first();
    expect(await caseLink.textContent()).toMatch(/^AJ\d{8}-\d{6}$/);
    const caseId = Number((await caseLink.getAttribute('href'))!.split('/').pop());
    const filed = await inspector.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`)).json(), caseId);
    expect(filed).toMatchObject({
      channel: 'inspection',
      category: { code: 'fire_safety.blocked_fire_lane' },
    });
    expect(filed.attachments).toHaveLength(1);

    // the emergency team takes it (today's on-duty team) and records the repair with a photo
    const emergency = await e2e.loginAs('emergency');
    await emergency.goto(hazardHref!);
    await expect
      .poll(() => emergency.getByTestId('hazard-status').textContent())
      .toBe(zh.hazards.status.open);
    await emergency.getByTestId('hazard-assign').click();
    await emergency.getByTestId('action-ok').click();
    await expect
      .poll(() => emergency.getByTestId('hazard-status').textContent())
      .toBe(zh.hazards.status.rectifying);
    await emergency.getByTestId('hazard-repair').click();
    await emergency.getByTestId('action-note').fill('已联系车主挪车，设置禁停标志');
    await emergency.getByTestId('action-photo-input').setInputFiles(photo('repaired.png'));
    await emergency.getByTestId('action-photo').locator('img').waitFor();
    await emergency.getByTestId('action-ok').click();
    await expect
      .poll(() => emergency.getByTestId('hazard-status').textContent())
      .toBe(zh.hazards.status.repaired);
    // the fixer may not verify (and the emergency role does not verify at all)
    expect(await emergency.getByTestId('hazard-verify').count()).toBe(0);

    // another user (the inspector, on the console) verifies and closes it
    const verifier = await e2e.loginAs('inspector');
    await verifier.goto(hazardHref!);
    await verifier.getByTestId('hazard-verify').click();
    await verifier.getByTestId('action-note').fill('复查：通道已畅通');
    await verifier.getByTestId('action-ok').click();
    await expect
      .poll(() => verifier.getByTestId('hazard-status').textContent())
      .toBe(zh.hazards.status.closed);
    const timeline = await verifier.getByTestId('hazard-timeline').textContent();
    for (const step of ['found', 'assigned', 'repaired', 'verified'] as const)
      expect(timeline).toContain(zh.hazards.event[step]);
  });

  it('the phone form refuses to finish with a failed item and no note, and says which item', async () => {
    const inspector = await e2e.loginAs('inspector', { viewport: phone });
    await inspector.goto('/field');
    await inspector.getByTestId('round-card-fire_patrol').first().click();
    await inspector.getByTestId('item-fire_lane').waitFor();
    await inspector.getByTestId('item-fire_lane-fail').click();
    await inspector.getByTestId('round-finish').click();
    await inspector.getByTestId('item-fire_lane-error').waitFor();
    expect(await inspector.getByTestId('item-fire_lane-error').textContent()).toBe(
      zh.inspections.form.noteRequired,
    );
    // nothing was sent: the round is still open
    expect(await inspector.getByTestId('round-finish').isVisible()).toBe(true);
  });
});
