import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Divider, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { assetKinds } from '../../../contracts/assets';
import { hazardGrades } from '../../../contracts/hazards';
import { cadences, type Plan, planTypes, targetKinds } from '../../../contracts/inspections';
import { housingTypes } from '../../../contracts/org';
import { api } from '../../api/client';
import { showProblem } from '../../components/formErrors';
import { usePlaces } from '../org/api';
import { useTeams } from './api';
import { useCategories } from './PlansTab';

const date = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** A new plan: type, targets by filter, cadence or due date, team, checklist. */
export function PlanFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('inspections');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const teams = useTeams();
  const places = usePlaces();
  const categories = useCategories();
  const cadence = Form.useWatch('cadence', form);
  const targetKind = Form.useWatch('targetKind', form);
  const en = i18n.language === 'en-US';
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<Plan>('/inspections/plans', {
        name: v.name,
        type: v.type,
        targetKind: v.targetKind,
        filter: {
          streetIds: (v.streetIds as number[] | undefined)?.length ? v.streetIds : undefined,
          housingTypes: (v.housingTypes as string[] | undefined)?.length ? v.housingTypes : undefined,
          oldHousingOnly: v.oldHousingOnly || undefined,
          mixedUseOnly: v.mixedUseOnly || undefined,
          assetKinds: (v.assetKinds as string[] | undefined)?.length ? v.assetKinds : undefined,
        },
        cadence: v.cadence,
        startsOn: date(v.startsOn as Dayjs),
        dueOn: date(v.dueOn as Dayjs),
        endsOn: date(v.endsOn as Dayjs),
        teamId: v.teamId,
        checklist: (v.checklist as Record<string, unknown>[]).map((c, i) => ({
          key: `item_${i + 1}`,
          text: c.text,
          categoryCode: c.categoryCode,
          createsCase: Boolean(c.createsCase),
          grade: c.grade ?? 'general',
          assetKind: c.assetKind || undefined,
        })),
      }),
    onSuccess: (p) => {
      message.success(t('plan.createdWithRounds', { count: p.targetCount }));
      void client.invalidateQueries({ queryKey: ['inspection-plans'] });
      onClose();
    },
    onError: (err) => showProblem(err, form, message),
  });
  const categoryOptions = (categories.data?.items ?? []).map((top) => ({
    label: en ? top.nameEn : top.name,
    options: top.children.map((c) => ({ value: c.code, label: en ? c.nameEn : c.name })),
  }));
  return (
    <Drawer
      title={t('plan.create')}
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="plan-save">
          {t('common:save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          type: 'fire_patrol',
          targetKind: 'community',
          cadence: 'monthly',
          startsOn: dayjs(),
          checklist: [{ grade: 'general' }],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('plan.name')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={80} data-testid="plan-name" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="type" label={t('plan.type')} style={{ flex: 1, minWidth: 180 }}>
            <Select options={planTypes.map((p) => ({ value: p, label: t(`planType.${p}`) }))} />
          </Form.Item>
          <Form.Item name="targetKind" label={t('plan.targetKind')} style={{ flex: 1, minWidth: 180 }}>
            <Select options={targetKinds.map((k) => ({ value: k, label: t(`targetKind.${k}`) }))} />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start" plain>
          {t('plan.filter')}
        </Divider>
        {(places.data?.streets.length ?? 0) > 1 && (
          <Form.Item name="streetIds" label={t('plan.streets')} extra={t('plan.allIfEmpty')}>
            <Select
              mode="multiple"
              allowClear
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="housingTypes" label={t('plan.housingTypes')} extra={t('plan.allIfEmpty')}>
          <Select
            mode="multiple"
            allowClear
            options={housingTypes.map((h) => ({ value: h, label: t(`org:housingType.${h}`) }))}
          />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="oldHousingOnly" valuePropName="checked">
            <Checkbox>{t('plan.oldHousingOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="mixedUseOnly" valuePropName="checked">
            <Checkbox>{t('plan.mixedUseOnly')}</Checkbox>
          </Form.Item>
        </Flex>
        {targetKind === 'asset' && (
          <Form.Item name="assetKinds" label={t('plan.assetKinds')}>
            <Select
              mode="multiple"
              options={assetKinds.map((k) => ({ value: k, label: t(`assets:kind.${k}`) }))}
            />
          </Form.Item>
        )}
        <Divider titlePlacement="start" plain>
          {t('plan.schedule')}
        </Divider>
        <Flex gap={12} wrap>
          <Form.Item
            name="cadence"
            label={t('plan.cadence')}
            style={{ minWidth: 150 }}
            extra={cadence !== 'once' ? t('plan.mixedDefault') : undefined}
          >
            <Select options={cadences.map((c) => ({ value: c, label: t(`cadence.${c}`) }))} />
          </Form.Item>
          <Form.Item
            name="startsOn"
            label={t('plan.startsOn')}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <DatePicker />
          </Form.Item>
          {cadence === 'once' ? (
            <Form.Item
              name="dueOn"
              label={t('plan.dueOn')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <DatePicker />
            </Form.Item>
          ) : (
            <Form.Item name="endsOn" label={t('plan.endsOn')}>
              <DatePicker />
            </Form.Item>
          )}
        </Flex>
        <Form.Item
          name="teamId"
          label={t('plan.team')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Select
            options={(teams.data?.items ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.id, label: `${x.name}（${t(`emergency:teamKind.${x.kind}`)}）` }))}
            data-testid="plan-team"
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('plan.checklistTitle')}
        </Divider>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex
                  key={field.key}
                  gap={8}
                  align="flex-start"
                  wrap
                  style={{ paddingBottom: 8, borderBottom: '1px dashed #eee' }}
                >
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                    style={{ flex: '1 1 100%', marginBottom: 4 }}
                  >
                    <Input placeholder={t('plan.itemText', { n: i + 1 })} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'categoryCode']}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                    style={{ flex: '1 1 200px', marginBottom: 4 }}
                  >
                    <Select
                      placeholder={t('plan.itemCategory')}
                      options={categoryOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'grade']} style={{ width: 100, marginBottom: 4 }}>
                    <Select
                      options={hazardGrades.map((g) => ({ value: g, label: t(`hazards:grade.${g}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'assetKind']} style={{ width: 150, marginBottom: 4 }}>
                    <Select
                      allowClear
                      placeholder={t('plan.itemAsset')}
                      options={assetKinds.map((k) => ({ value: k, label: t(`assets:kind.${k}`) }))}
                    />
                  </Form.Item>
                  <Flex align="center" gap={6} style={{ height: 32 }}>
                    <Form.Item name={[field.name, 'createsCase']} valuePropName="checked" noStyle>
                      <Switch size="small" />
                    </Form.Item>
                    <span>{t('form.createsCase')}</span>
                  </Flex>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('plan.removeItem')}
                    />
                  )}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ grade: 'general' })}>
                {t('plan.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
