import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/app';
import { housingTypes } from '../../../contracts/org';
import { categorySeeds } from './duties.seed';

const t = setupTestApp();
const q = (sql: string, params: unknown[] = []) => t.ctx.database.pool.query(sql, params);

const leafCodes = categorySeeds.flatMap((c) => (c.children ?? []).map((x) => x.code));

describe('categories', () => {
  it('a two-level taxonomy covering every problem type of the seed plan, readable by every role', async () => {
    const resident = await t.login('resident');
    const res = await resident.get('/api/v1/case-categories');
    expect(res.statusCode).toBe(200);
    const tree = res.json();
    expect(tree.abilities.edit).toBe(false);
    expect(tree.items.map((c: { code: string }) => c.code)).toEqual([
      'housing_safety',
      'fire_safety',
      'equipment',
      'chronic_violation',
      'environment',
      'property_service',
      'owners_committee',
      'warranty',
    ]);
    const leaves = tree.items.flatMap((c: { children: { code: string }[] }) => c.children.map((x) => x.code));
    expect(leaves).toEqual(leafCodes);
    for (const code of [
      'fire_safety.underground_misuse',
      'equipment.elevator_trapped',
      'chronic_violation.group_renting',
      'environment.waterlogging',
      'warranty.leak',
    ])
      expect(leaves).toContain(code);
    const chronic = tree.items.find((c: { code: string }) => c.code === 'chronic_violation');
    expect(chronic.children.every((c: { enforcement: boolean }) => c.enforcement)).toBe(true);
    expect(chronic.children).toHaveLength(4);
  });

  it('district_admin adds and renames categories; codes are checked; others get 403', async () => {
    const admin = await t.login('district_admin');
    const created = await admin.post('/api/v1/case-categories', {
      code: 'environment.noise',
      parentCode: 'environment',
      name: '噪声扰民',
      nameEn: 'Noise',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ level: 2, enforcement: false, version: 0 });
    const dup = await admin.post('/api/v1/case-categories', {
      code: 'environment.noise',
      parentCode: 'environment',
      name: '噪声',
      nameEn: 'Noise',
    });
    expect(dup.json().errors[0]).toMatchObject({ path: 'body.code', code: 'category_exists' });
    const wrongParent = await admin.post('/api/v1/case-categories', {
      code: 'fire_safety.noise',
      parentCode: 'environment',
      name: '噪声',
      nameEn: 'Noise',
    });
    expect(wrongParent.json().errors[0].path).toBe('body.code');
    const badCode = await admin.post('/api/v1/case-categories', {
      code: 'Bad Code',
      name: '坏',
      nameEn: 'Bad',
    });
    expect(badCode.json().errors[0].path).toBe('body.code');
    const renamed = await admin.patch('/api/v1/case-categories/environment.noise', {
      version: 0,
      name: '噪声污染',
    });
    expect(renamed.json()).toMatchObject({ name: '噪声污染', version: 1 });
    const stale = await admin.patch('/api/v1/case-categories/environment.noise', {
      version: 0,
      name: '噪声',
    });
    expect(stale.statusCode).toBe(409);
    const tree = (await admin.get('/api/v1/case-categories')).json();
    const env = tree.items.find((c: { code: string }) => c.code === 'environment');
    expect(env.children.map((c: { name: string }) => c.name)).toContain('噪声污染');
    const street = await t.login('street');
    expect(
      (await street.post('/api/v1/case-categories', { code: 'x_y', name: '某某', nameEn: 'Xy' })).statusCode,
    ).toBe(403);
  });
});

describe('responsibility list: routing', () => {
  it('routes every seeded category in every housing type to a unit that exists, with four deadlines', async () => {
    const admin = await t.login('district_admin');
    const rules = (await admin.get('/api/v1/duty-rules')).json();
    const withRule = new Set(rules.items.map((r: { categoryCode: string }) => r.categoryCode));
    for (const code of leafCodes) expect(withRule.has(code), code).toBe(true);
    // one community of each housing type (and one without a property company, to exercise fallbacks)
    const samples = (
      await q(
        `select distinct on (housing_type) id, housing_type, property_org_id from community order by housing_type, id`,
      )
    ).rows;
    expect(samples.map((s) => s.housing_type).sort()).toEqual([...housingTypes].sort());
    const noProperty = (await q('select id from community where property_org_id is null order by id limit 1'))
      .rows[0];
    const departments = new Map(
      (await q('select id, name, street_id, kind from department')).rows.map((d) => [d.id, d]),
    );
    for (const code of leafCodes) {
      for (const community of [...samples, noProperty]) {
        const res = await admin.post('/api/v1/duty-rules/preview', {
          categoryCode: code,
          communityId: community.id,
          at: '2026-09-30T10:00:00+08:00',
        });
        expect(res.statusCode, `${code} @ ${community.id}`).toBe(200);
        const p = res.json();
        expect(p.lead.name.length, code).toBeGreaterThan(0);
        if (p.lead.kind === 'department') {
          const d = departments.get(p.lead.id);
          expect(d, code).toBeTruthy();
          if (d.street_id !== null) {
            const s = (await q('select street_id from community where id = $1', [community.id])).rows[0]
              .street_id;
            expect(d.street_id, code).toBe(s);
          }
        } else if (p.lead.kind === 'organization') {
          expect(p.lead.id).not.toBeNull();
        }
        const d = p.deadlines;
        expect(d.register < d.dispatch && d.dispatch < d.handle && d.handle < d.verify, code).toBe(true);
      }
    }
  });

  it('names the expected units: 城管执法 for illegal building, the property company for repairs, fallbacks', async () => {
    const admin = await t.login('district_admin');
    const withCompany = (
      await q(
        `select c.id, o.name from community c join organization o on o.id = c.property_org_id order by c.id limit 1`,
      )
    ).rows[0];
    const repair = (
      await admin.post('/api/v1/duty-rules/preview', {
        categoryCode: 'property_service.repair',
        communityId: withCompany.id,
      })
    ).json();
    expect(repair.lead).toMatchObject({ kind: 'organization', name: withCompany.name, fallback: false });
    const illegal = (
      await admin.post('/api/v1/duty-rules/preview', {
        categoryCode: 'chronic_violation.illegal_building',
        communityId: withCompany.id,
      })
    ).json();
    expect(illegal.lead).toMatchObject({ kind: 'department', name: '区城管执法局' });
    expect(illegal.coUnits.map((u: { name: string }) => u.name)).toContain(withCompany.name);
    const none = (await q('select id from community where property_org_id is null limit 1')).rows[0];
    const fallback = (
      await admin.post('/api/v1/duty-rules/preview', {
        categoryCode: 'property_service.repair',
        communityId: none.id,
      })
    ).json();
    expect(fallback.lead).toMatchObject({ kind: 'department', fallback: true });
    expect(fallback.lead.name).toMatch(/房管办$/);
    // the housing-type variant: old public housing structural hazards bring the emergency team in
    const old = (await q(`select id from community where housing_type = 'old_public' limit 1`)).rows[0];
    const hazard = (
      await admin.post('/api/v1/duty-rules/preview', {
        categoryCode: 'housing_safety.structural_hazard',
        communityId: old.id,
      })
    ).json();
    expect(hazard.rule.ruleKey).toBe('housing_safety.structural_hazard@old_public');
    expect(hazard.coUnits.map((u: { kind: string }) => u.kind)).toContain('emergency_team');
    // emergencies run in clock minutes: trapped passengers, on site within 30 minutes
    const trapped = (
      await admin.post('/api/v1/duty-rules/preview', {
        categoryCode: 'equipment.elevator_trapped',
        communityId: withCompany.id,
        at: '2026-10-01T23:50:00+08:00',
      })
    ).json();
    expect(trapped.urgency).toBe('emergency');
    expect(trapped.deadlines.register).toBe('2026-10-01T23:55:00+08:00');
    expect(trapped.deadlines.handle).toBe('2026-10-02T00:30:00+08:00');
  });

  it('previews an edited rule before saving, and names bad fields', async () => {
    const admin = await t.login('district_admin');
    const community = (await q('select id from community order by id limit 1')).rows[0].id;
    const rule = (await admin.get('/api/v1/duty-rules?categoryCode=warranty.leak')).json().items[0];
    const {
      id: _id,
      ruleKey: _k,
      version: _v,
      current: _c,
      categoryCode: _cc,
      categoryName: _cn,
      housingType: _h,
      createdAt: _ca,
      createdBy: _cb,
      ...editable
    } = rule;
    const preview = await admin.post('/api/v1/duty-rules/preview', {
      categoryCode: 'warranty.leak',
      communityId: community,
      at: '2026-09-30T10:00:00+08:00',
      rule: { ...editable, lead: { resolver: 'district_department', departmentCode: 'JJW' } },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().lead.name).toBe('区建设交通委');
    expect(preview.json().rule.version).toBeNull();
    const bad = await admin.post('/api/v1/duty-rules/preview', {
      categoryCode: 'warranty.leak',
      communityId: community,
      rule: { ...editable, lead: { resolver: 'district_department', departmentCode: 'NOPE' } },
    });
    expect(bad.json().errors[0].path).toBe('body.lead.departmentCode');
    const noCode = await admin.post('/api/v1/duty-rules/preview', {
      categoryCode: 'warranty.leak',
      communityId: community,
      rule: { ...editable, lead: { resolver: 'district_department' } },
    });
    expect(noCode.json().errors[0].path).toBe('body.rule.lead.departmentCode');
    const group = await admin.post('/api/v1/duty-rules/preview', {
      categoryCode: 'warranty',
      communityId: community,
    });
    expect(group.json().errors[0]).toMatchObject({ path: 'body.categoryCode', code: 'category_not_leaf' });
  });
});

describe('responsibility list: versions', () => {
  it('editing writes a new version; cases already open keep their rule version and deadlines', async () => {
    const admin = await t.login('district_admin');
    const resident = await t.login('resident');
    const communityId = (
      await q(
        `select community_id from role_assignment r join user_account u on u.id = r.user_id where u.username = 'resident'`,
      )
    ).rows[0].community_id;
    const before = await resident.post(
      '/api/v1/cases',
      {
        categoryCode: 'property_service.repair',
        communityId,
        title: '门禁坏了',
        description: '单元门禁无法刷卡',
      },
      { 'idempotency-key': 'duties-version-test-1' },
    );
    expect(before.statusCode).toBe(201);
    const oldCase = before.json();

    const rule = (await admin.get('/api/v1/duty-rules?categoryCode=property_service.repair')).json().items[0];
    const {
      id,
      ruleKey: _k,
      version,
      current: _c,
      categoryCode: _cc,
      categoryName: _cn,
      housingType: _h,
      createdAt: _ca,
      createdBy: _cb,
      ...editable
    } = rule;
    const limits = structuredClone(editable.limits);
    limits.normal.register = { unit: 'working_days', amount: 5 };
    const saved = await admin.put(`/api/v1/duty-rules/${id}`, { ...editable, limits, version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: version + 1, current: true, ruleKey: rule.ruleKey });
    const stale = await admin.put(`/api/v1/duty-rules/${id}`, { ...editable, limits, version });
    expect(stale.statusCode).toBe(409);
    const history = (
      await admin.get('/api/v1/duty-rules?categoryCode=property_service.repair&includeHistory=true')
    ).json();
    expect(
      history.items
        .filter((r: { ruleKey: string }) => r.ruleKey === rule.ruleKey)
        .map((r: { version: number }) => r.version),
    ).toEqual([version + 1, version]);

    const detail = (await admin.get(`/api/v1/cases/${oldCase.id}`)).json();
    expect(detail.rule).toMatchObject({ id, version });
    expect(detail.stageDueAt).toBe(oldCase.stageDueAt);
    const after = await resident.post(
      '/api/v1/cases',
      {
        categoryCode: 'property_service.repair',
        communityId,
        title: '电梯按钮坏了',
        description: '三楼按钮失灵',
      },
      { 'idempotency-key': 'duties-version-test-2' },
    );
    expect(after.json().routing.rule).toEqual({ id: saved.json().id, version: version + 1 });
    expect(after.json().stageDueAt > oldCase.stageDueAt).toBe(true);
    const audit = await q(`select count(*)::int as n from audit_log where action = 'duty_rule.versioned'`);
    expect(audit.rows[0].n).toBe(1);
    const street = await t.login('street');
    expect(
      (await street.put(`/api/v1/duty-rules/${id}`, { ...editable, limits, version: version + 1 }))
        .statusCode,
    ).toBe(403);
  });
});
