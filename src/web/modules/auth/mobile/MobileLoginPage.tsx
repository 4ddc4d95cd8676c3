import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionView } from '../../../../contracts/auth';
import { DEMO_RESIDENT_PHONE } from '../../../../contracts/auth';
import { api, apiState, ProblemError } from '../../../api/client';
import { useSession, useSessionActions } from '../../../api/session';
import { LanguageSwitch } from '../../../layout/LanguageSwitch';

/** Residents sign in with their phone number and a one-time code sent by SMS. */
export default function MobileLoginPage() {
  const { t } = useTranslation('mobile');
  const navigate = useNavigate();
  const { data: session } = useSession();
  const actions = useSessionActions();
  const [form] = Form.useForm();
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => (await (await fetch('/api/health')).json()) as { mode: 'demo' | 'production' },
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (session) navigate('/m', { replace: true });
  }, [session, navigate]);
  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown(countdown - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const fail = (err: unknown) => {
    if (err instanceof ProblemError) {
      const fields = err.fieldErrors();
      if (Object.keys(fields).length)
        form.setFields(Object.entries(fields).map(([name, msg]) => ({ name, errors: [msg] })));
      else setError(err.problem.detail);
    } else setError(String(err));
  };

  async function sendCode() {
    setError(null);
    try {
      const phone = await form.validateFields(['phone']).then((v) => v.phone as string);
      const result = await api.post<{ sent: true; demoCode?: string }>('/auth/code', { phone });
      setDemoCode(result.demoCode ?? null);
      setCountdown(60);
    } catch (err) {
      if (err instanceof ProblemError || err instanceof Error) fail(err);
    }
  }

  async function submit(values: { phone: string; code: string }) {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<SessionView & { stage: 'active' }>('/auth/code/login', values);
      apiState.setCsrfToken(result.csrfToken);
      await actions.refresh();
      navigate('/m', { replace: true });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        maxWidth: 560,
        margin: '0 auto',
        padding: 20,
        background: 'linear-gradient(180deg, #e8f0fc, #f6f8fb 40%)',
      }}
    >
      <Flex justify="space-between" align="center">
        <Flex align="center" gap={8}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('common:appName')}
          </Typography.Title>
        </Flex>
        <LanguageSwitch signedIn={false} />
      </Flex>
      <Typography.Title level={3} style={{ marginTop: 40 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
      <Card>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="m-login-error"
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="phone"
            label={t('login.phone')}
            rules={[
              {
                required: true,
                pattern: /^(\+?86)?\s*1[3-9]\d{9}$/,
                message: t('errors:field.mobile_phone'),
              },
            ]}
          >
            <Input
              size="large"
              prefix={<MobileOutlined />}
              inputMode="tel"
              autoComplete="tel"
              maxLength={16}
              data-testid="m-phone"
            />
          </Form.Item>
          <Form.Item label={t('login.code')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="code"
                noStyle
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('errors:auth.invalid_code') }]}
              >
                <Input
                  size="large"
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  data-testid="m-code"
                />
              </Form.Item>
              <Button size="large" onClick={sendCode} disabled={countdown > 0} data-testid="m-send-code">
                {countdown > 0 ? t('login.resendIn', { seconds: countdown }) : t('login.sendCode')}
              </Button>
            </Space.Compact>
          </Form.Item>
          {demoCode && (
            <Alert
              type="warning"
              showIcon
              title={t('login.demoCode', { code: demoCode })}
              style={{ marginBottom: 16 }}
              data-testid="m-demo-code"
            />
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="m-login">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      {health.data?.mode === 'demo' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }} data-testid="m-demo-hint">
          {t('login.demoHint', { phone: DEMO_RESIDENT_PHONE })}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}
