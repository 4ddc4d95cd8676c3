import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { hazardGrades, type reinspectionSettings } from '../../../contracts/hazards';
import { api } from '../../api/client';
import { showProblem } from '../../components/formErrors';

type Settings = z.infer<typeof reinspectionSettings>;

/** Re-inspection intervals by grade; the district administrator may change them. */
export function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('hazards');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['hazard-settings'],
    queryFn: () => api.get<Settings>('/hazards/settings'),
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ days: settings.data.days });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: { days: Settings['days'] }) =>
      api.put<Settings>('/hazards/settings', { version: settings.data!.version, days: v.days }),
    onSuccess: (s) => {
      client.setQueryData(['hazard-settings'], s);
      message.success(t('common:saved'));
      onClose();
    },
    onError: (err) => showProblem(err, form, message),
  });
  const editable = settings.data?.abilities.edit ?? false;
  return (
    <Modal
      title={t('settings.title')}
      open={open}
      onCancel={onClose}
      onOk={() => (editable ? form.submit() : onClose())}
      okText={editable ? t('common:save') : t('common:confirm')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('settings.help')}</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} onFinish={(v) => save.mutate(v)}>
        {hazardGrades.map((g) => (
          <Form.Item key={g} name={['days', g]} label={t(`grade.${g}`)}>
            <InputNumber
              min={1}
              max={365}
              disabled={!editable}
              suffix={t('settings.days')}
              data-testid={`settings-${g}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
