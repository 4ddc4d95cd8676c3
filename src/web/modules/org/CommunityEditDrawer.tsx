import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CommunityProfile, housingTypes, managementModes } from '../../../contracts/org';
import { api, ProblemError } from '../../api/client';

/** Edits the register fields of a community; sends the version it read (409 if someone was faster). */
export function CommunityEditDrawer({
  community,
  open,
  onClose,
}: {
  community: CommunityProfile;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api.patch<CommunityProfile>(`/communities/${community.id}`, { ...values, version: community.version }),
    onSuccess: (updated) => {
      client.setQueryData(['community', community.id], updated);
      void client.invalidateQueries({ queryKey: ['communities'] });
      message.success(t('common:saved'));
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ProblemError)) return;
      const fields = err.fieldErrors();
      if (Object.keys(fields).length)
        form.setFields(Object.entries(fields).map(([name, msg]) => ({ name, errors: [msg] })));
      else message.error(err.problem.detail);
    },
  });
  return (
    <Drawer
      title={t('profile.editTitle')}
      open={open}
      onClose={onClose}
      size={440}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          data-testid="community-save"
        >
          {t('common:save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: community.name,
          address: community.address,
          housingType: community.housingType,
          managementMode: community.managementMode,
          buildYear: community.buildYear,
          households: community.households,
          isMixedUse: community.isMixedUse,
          isOldHousing: community.isOldHousing,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('field.name')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('field.address')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="housingType" label={t('field.housingType')}>
          <Select options={housingTypes.map((h) => ({ value: h, label: t(`housingType.${h}`) }))} />
        </Form.Item>
        <Form.Item name="managementMode" label={t('field.managementMode')}>
          <Select options={managementModes.map((m) => ({ value: m, label: t(`managementMode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="buildYear" label={t('field.buildYear')}>
          <InputNumber min={1850} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="households" label={t('field.households')}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} data-testid="edit-households" />
        </Form.Item>
        <Form.Item name="isMixedUse" label={t('field.isMixedUse')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="isOldHousing" label={t('field.isOldHousing')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
