import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Flex, Form, Image, Input, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api/client';
import { useSession, useSessionActions } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';

/** The user's own account: roles and places, one-time codes, password. */
export default function AccountPage() {
  const { t } = useTranslation('auth');
  const { message } = App.useApp();
  const { data: session } = useSession();
  const actions = useSessionActions();
  const [setup, setSetup] = useState<{ qrDataUrl: string; secret: string } | null>(null);
  const [passwordForm] = Form.useForm();

  const startSetup = useMutation({
    mutationFn: () => api.post<{ qrDataUrl: string; secret: string }>('/auth/totp/setup'),
    onSuccess: setSetup,
  });
  const enable = useMutation({
    mutationFn: (code: string) => api.post('/auth/totp/enable', { code }),
    onSuccess: async () => {
      setSetup(null);
      message.success(t('account.totpEnabled'));
      await actions.refresh();
    },
  });
  const disable = useMutation({
    mutationFn: (code: string) => api.post('/auth/totp/disable', { code }),
    onSuccess: async () => {
      message.success(t('account.totpDisabled'));
      await actions.refresh();
    },
  });
  const changePassword = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      api.post('/auth/password', values),
    onSuccess: () => {
      passwordForm.resetFields();
      message.success(t('account.passwordChanged'));
    },
    onError: (err) => {
      if (err instanceof ProblemError) {
        passwordForm.setFields(
          Object.entries(err.fieldErrors()).map(([name, msg]) => ({ name, errors: [msg] })),
        );
      }
    },
  });
  const errorText = (err: unknown) => (err instanceof ProblemError ? err.problem.detail : null);

  if (!session) return null;
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('account.username')}>{session.user.username}</Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>
                {session.user.displayName}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.roles')}>
                <Flex vertical gap={4}>
                  {session.roles.map((r) => (
                    <span key={`${r.role}-${r.place?.id}`}>
                      <Tag color="blue">{t(`common:roles.${r.role}`)}</Tag>
                      {r.place?.name}
                    </span>
                  ))}
                </Flex>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('account.totp')}
            extra={
              session.user.totpEnabled ? (
                <Tag color="green">{t('account.totpOn')}</Tag>
              ) : (
                <Tag>{t('account.totpOff')}</Tag>
              )
            }
          >
            {!session.user.totpEnabled && !setup && (
              <Button type="primary" onClick={() => startSetup.mutate()} loading={startSetup.isPending}>
                {t('account.totpEnable')}
              </Button>
            )}
            {setup && (
              <Flex vertical gap={12}>
                <Typography.Text>{t('account.totpScan')}</Typography.Text>
                <Flex gap={16} align="center" wrap>
                  <Image src={setup.qrDataUrl} width={160} preview={false} alt="" />
                  <Typography.Text code copyable>
                    {setup.secret}
                  </Typography.Text>
                </Flex>
                <Form layout="inline" onFinish={(v: { code: string }) => enable.mutate(v.code)}>
                  <Form.Item
                    name="code"
                    rules={[{ required: true, pattern: /^\d{6}$/, message: t('errors:auth.invalid_totp') }]}
                  >
                    <Input
                      placeholder={t('account.totpConfirm')}
                      maxLength={6}
                      inputMode="numeric"
                      style={{ width: 260 }}
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={enable.isPending}>
                    {t('common:confirm')}
                  </Button>
                </Form>
                {enable.error && <Typography.Text type="danger">{errorText(enable.error)}</Typography.Text>}
              </Flex>
            )}
            {session.user.totpEnabled && session.mode === 'demo' && (
              <Form layout="inline" onFinish={(v: { code: string }) => disable.mutate(v.code)}>
                <Form.Item
                  name="code"
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('errors:auth.invalid_totp') }]}
                >
                  <Input
                    placeholder={t('login.totpCode')}
                    maxLength={6}
                    inputMode="numeric"
                    style={{ width: 180 }}
                  />
                </Form.Item>
                <Button danger htmlType="submit" loading={disable.isPending}>
                  {t('account.totpDisable')}
                </Button>
                {disable.error && <Typography.Text type="danger">{errorText(disable.error)}</Typography.Text>}
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.password')}>
            <Form
              form={passwordForm}
              layout="vertical"
              onFinish={(v) => changePassword.mutate(v)}
              requiredMark={false}
            >
              <Form.Item
                name="currentPassword"
                label={t('account.currentPassword')}
                rules={[{ required: true, message: t('errors:field.required') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                extra={t('account.newPasswordHint')}
                rules={[{ required: true, message: t('errors:field.required') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
                {t('common:save')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
