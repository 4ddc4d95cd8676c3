import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type NotificationPreferences, notificationEvents } from '../../../contracts/notifications';
import { api, ProblemError } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { usePreferences } from './api';

/** Notification settings: SMS and e-mail per moment; messages in the app always arrive. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation('resident');
  const { message } = App.useApp();
  const client = useQueryClient();
  const prefs = usePreferences();
  const [form] = Form.useForm<NotificationPreferences>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (prefs.data) form.setFieldsValue({ email: prefs.data.email, events: prefs.data.events });
  }, [prefs.data, form]);

  async function save(values: NotificationPreferences) {
    setBusy(true);
    try {
      const saved = await api.put<NotificationPreferences>('/notifications/preferences', {
        email: values.email?.trim() ? values.email.trim() : null,
        events: values.events,
      });
      client.setQueryData(['notifications', 'preferences'], saved);
      message.success(t('settings.saved'));
    } catch (err) {
      if (err instanceof ProblemError && err.fieldErrors().email)
        form.setFields([{ name: 'email', errors: [err.fieldErrors().email!] }]);
      else message.error(err instanceof ProblemError ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  }

  const emailAvailable = prefs.data?.emailAvailable ?? false;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('settings.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('settings.intro')}</Typography.Text>
      <QueryState loading={prefs.isLoading} error={prefs.error}>
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {prefs.data?.phone ? t('settings.phone', { phone: prefs.data.phone }) : t('settings.noPhone')}
            </Typography.Paragraph>
            <Form.Item
              name="email"
              label={t('settings.email')}
              extra={emailAvailable ? undefined : t('settings.emailUnavailable')}
              rules={[{ type: 'email' }]}
              style={{ marginBottom: 0 }}
            >
              <Input
                inputMode="email"
                placeholder={t('settings.emailPlaceholder')}
                data-testid="m-pref-email"
              />
            </Form.Item>
          </Card>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Flex justify="end" gap={16} style={{ paddingBottom: 6 }}>
              <Typography.Text type="secondary" style={{ width: 44, textAlign: 'center' }}>
                {t('settings.sms')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ width: 44, textAlign: 'center' }}>
                {t('settings.byEmail')}
              </Typography.Text>
            </Flex>
            {notificationEvents.map((e) => (
              <Flex key={e} justify="space-between" align="center" style={{ padding: '6px 0' }}>
                <Typography.Text>{t(`settings.events.${e}`)}</Typography.Text>
                <Flex gap={16}>
                  <Form.Item name={['events', e, 'sms']} valuePropName="checked" noStyle>
                    <Switch size="small" style={{ width: 44 }} data-testid={`m-pref-${e}-sms`} />
                  </Form.Item>
                  <Form.Item name={['events', e, 'email']} valuePropName="checked" noStyle>
                    <Switch size="small" style={{ width: 44 }} disabled={!emailAvailable} />
                  </Form.Item>
                </Flex>
              </Flex>
            ))}
          </Card>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="m-pref-save"
          >
            {t('settings.save')}
          </Button>
        </Form>
      </QueryState>
    </Flex>
  );
}
