import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Image, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { SessionView } from '../../../contracts/auth';
import type { Role } from '../../../contracts/roles';
import { api, ProblemError } from '../../api/client';
import { useSession, useSessionActions } from '../../api/session';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'setup'; qrDataUrl: string; secret: string };

function useMode() {
  return useQuery({
    queryKey: ['health'],
    queryFn: async () => (await (await fetch('/api/health')).json()) as { mode: 'demo' | 'production' },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Sign-in: password, then a one-time code when the account uses one (or must set one up). */
/** Inspection and repair teams work on their feet: on a phone they start at the field pages. */
const FIELD_ROLES: readonly Role[] = ['inspector', 'emergency'];

export function landingPath(session: Pick<SessionView, 'roles'>, from: string): string {
  const phone = window.matchMedia('(max-width: 767px)').matches;
  if (from === '/' && phone && session.roles.some((r) => FIELD_ROLES.includes(r.role))) return '/field';
  return from;
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const location = useLocation();
  const actions = useSessionActions();
  const { data: session } = useSession();
  const { data: health } = useMode();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('common:appName')}`;
  }, [t]);
  // the session, once set by the sign-in below, decides where to go
  useEffect(() => {
    if (session) navigate(landingPath(session, from), { replace: true });
  }, [session, from, navigate]);

  async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ProblemError ? err.problem.detail : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function onPassword(values: { username: string; password: string }) {
    const result = await attempt(() => actions.login(values.username.trim(), values.password));
    if (!result) return;
    if (result.stage === 'active') return;
    if (result.stage === 'totp_required') setStep({ kind: 'totp' });
    else {
      const setup = await attempt(() => api.post<{ qrDataUrl: string; secret: string }>('/auth/totp/setup'));
      if (setup) setStep({ kind: 'setup', ...setup });
    }
  }

  async function onCode(values: { code: string }) {
    const path = step.kind === 'setup' ? '/auth/totp/enable' : '/auth/totp/verify';
    await attempt(() => actions.completeSecondFactor(path, values.code.trim()));
  }

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #e8f0fc 0%, #f6f8fb 55%, #eef3f8 100%)',
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 30px rgba(31,95,191,0.12)' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Flex align="center" gap={10}>
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('common:appName')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
            </div>
          </Flex>
          <LanguageSwitch signedIn={false} />
        </Flex>
        {error && (
          <Alert type="error" showIcon title={error} style={{ margin: '16px 0' }} data-testid="login-error" />
        )}
        {step.kind === 'password' ? (
          <Form layout="vertical" onFinish={onPassword} requiredMark={false} style={{ marginTop: 16 }}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={onCode} requiredMark={false} style={{ marginTop: 16 }}>
            <Typography.Title level={5}>
              {step.kind === 'setup' ? t('login.setupTitle') : t('login.totpTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {step.kind === 'setup' ? t('login.setupPrompt') : t('login.totpPrompt')}
            </Typography.Paragraph>
            {step.kind === 'setup' && (
              <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
                <Image src={step.qrDataUrl} width={180} preview={false} alt="" />
                <Typography.Text code copyable>
                  {step.secret}
                </Typography.Text>
              </Flex>
            )}
            <Form.Item
              name="code"
              label={t('login.totpCode')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('errors:auth.invalid_totp') }]}
            >
              <Input
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                autoFocus
                data-testid="login-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('login.totpSubmit')}
            </Button>
          </Form>
        )}
        {health?.mode === 'demo' && step.kind === 'password' && (
          <Alert type="info" style={{ marginTop: 16 }} title={t('login.demoHint')} data-testid="demo-hint" />
        )}
      </Card>
    </Flex>
  );
}
