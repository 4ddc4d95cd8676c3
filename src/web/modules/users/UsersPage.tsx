import { KeyOutlined, LockOutlined, PlusOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../contracts/roles';
import type { UserView } from '../../../contracts/users';
import { api, ProblemError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { RoleEditor } from './RoleEditor';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserView } | null;

/** Accounts of the district: create, edit roles and places, disable, unlock, reset the second factor. */
export default function UsersPage() {
  const { t } = useTranslation('users');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ q?: string; role?: string; status?: string }>({});
  const list = useCursorPages<UserView>('/users', filters, 20);
  const [editing, setEditing] = useState<Editing>(null);
  const [passwordFor, setPasswordFor] = useState<UserView | null>(null);
  const [form] = Form.useForm();
  const [passwordForm] = Form.useForm();

  const refresh = () => client.invalidateQueries({ queryKey: ['/users'] });
  const showError = (err: unknown, target = form) => {
    if (!(err instanceof ProblemError)) return;
    const fields = err.fieldErrors();
    const entries = Object.entries(fields);
    if (entries.length)
      target.setFields(
        entries.map(([path, msg]) => ({
          name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          errors: [msg],
        })),
      );
    else message.error(err.problem.detail);
  };
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      editing?.mode === 'edit'
        ? api.patch<UserView>(`/users/${editing.user.id}`, values)
        : api.post<UserView>('/users', values),
    onSuccess: () => {
      message.success(t('common:saved'));
      setEditing(null);
      void refresh();
    },
    onError: (err) => showError(err),
  });
  const action = useMutation({
    mutationFn: ({ user, path }: { user: UserView; path: string }) =>
      api.post<UserView>(`/users/${user.id}/${path}`),
    onSuccess: () => {
      message.success(t('common:saved'));
      void refresh();
    },
    onError: (err) => showError(err),
  });
  const toggle = useMutation({
    mutationFn: (user: UserView) =>
      api.patch<UserView>(`/users/${user.id}`, { status: user.status === 'active' ? 'disabled' : 'active' }),
    onSuccess: () => void refresh(),
    onError: (err) => showError(err),
  });
  const setPassword = useMutation({
    mutationFn: (values: { password: string }) =>
      api.post<UserView>(`/users/${passwordFor!.id}/password`, values),
    onSuccess: () => {
      message.success(t('passwordSet'));
      setPasswordFor(null);
      passwordForm.resetFields();
    },
    onError: (err) => showError(err, passwordForm),
  });

  const clean = (values: Record<string, unknown>) => ({
    ...values,
    roles: (values.roles as Record<string, unknown>[] | undefined)?.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== null)),
    ),
    phone: values.phone || undefined,
    password: values.password || undefined,
  });

  const columns: ColumnsType<UserView> = [
    {
      title: t('username'),
      render: (_v, u) => (
        <Flex vertical>
          <Typography.Text strong>{u.username}</Typography.Text>
          <Typography.Text type="secondary">{u.displayName}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('roles'),
      render: (_v, u) => (
        <Flex vertical gap={2}>
          {u.roles.map((r) => (
            <span key={`${r.role}-${r.place?.level}-${r.place?.id}`}>
              <Tag color="blue">{t(`common:roles.${r.role}`)}</Tag>
              {r.place && r.place.level !== 'district' ? r.place.name : ''}
            </span>
          ))}
        </Flex>
      ),
    },
    { title: t('phone'), dataIndex: 'phone', responsive: ['lg'] },
    {
      title: t('status'),
      render: (_v, u) => (
        <Flex gap={4} wrap>
          <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`statuses.${u.status}`)}</Tag>
          {u.totpEnabled && <Tag color="purple">{t('totp')}</Tag>}
          {u.lockedUntil && <Tag color="red">{t('locked')}</Tag>}
          {u.isDemo && <Tag color="orange">{t('demo')}</Tag>}
        </Flex>
      ),
    },
    {
      title: '',
      align: 'right',
      render: (_v, u) => (
        <Flex gap={8} justify="flex-end">
          <Button
            size="small"
            onClick={() => setEditing({ mode: 'edit', user: u })}
            data-testid={`edit-${u.username}`}
          >
            {t('common:edit')}
          </Button>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'toggle',
                  icon: <LockOutlined />,
                  label: u.status === 'active' ? t('disable') : t('enable'),
                  onClick: () => toggle.mutate(u),
                },
                {
                  key: 'unlock',
                  icon: <UnlockOutlined />,
                  label: t('unlock'),
                  disabled: !u.lockedUntil,
                  onClick: () => action.mutate({ user: u, path: 'unlock' }),
                },
                {
                  key: 'totp',
                  icon: <SafetyOutlined />,
                  label: t('resetTotp'),
                  disabled: !u.totpEnabled,
                  onClick: () => action.mutate({ user: u, path: 'reset-totp' }),
                },
                {
                  key: 'password',
                  icon: <KeyOutlined />,
                  label: t('setPassword'),
                  onClick: () => setPasswordFor(u),
                },
              ],
            }}
          >
            <Button size="small">{t('more')}</Button>
          </Dropdown>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="user-create"
          >
            {t('create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('searchPlaceholder')}
            onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder={t('allRoles')}
            style={{ width: 200 }}
            onChange={(role) => setFilters({ ...filters, role })}
            options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
          <Select
            allowClear
            placeholder={t('allStatuses')}
            style={{ width: 140 }}
            onChange={(status) => setFilters({ ...filters, status })}
            options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          />
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            data-testid="user-table"
          />
          <Pager
            page={list.page}
            total={list.total}
            hasNext={list.hasNext}
            onPrev={list.prev}
            onNext={list.next}
          />
        </QueryState>
      </Card>
      <Drawer
        title={editing?.mode === 'edit' ? t('editTitle', { name: editing.user.username }) : t('create')}
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={520}
        destroyOnHidden
        extra={
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-save"
          >
            {t('common:save')}
          </Button>
        }
      >
        {editing && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={
              editing.mode === 'edit'
                ? {
                    displayName: editing.user.displayName,
                    roles: editing.user.roles.map((r) => r.assignment),
                  }
                : { roles: [{}] }
            }
            onFinish={(values) => save.mutate(clean(values))}
          >
            {editing.mode === 'create' && (
              <Form.Item
                name="username"
                label={t('username')}
                rules={[{ required: true, message: t('errors:field.required') }]}
              >
                <Input autoComplete="off" data-testid="user-username" />
              </Form.Item>
            )}
            <Form.Item
              name="displayName"
              label={t('displayName')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <Input data-testid="user-display-name" />
            </Form.Item>
            {editing.mode === 'create' && (
              <>
                <Form.Item
                  name="password"
                  label={t('password')}
                  extra={t('auth:account.newPasswordHint')}
                  rules={[{ required: true, message: t('errors:field.required') }]}
                >
                  <Input.Password autoComplete="new-password" data-testid="user-password" />
                </Form.Item>
                <Form.Item name="phone" label={t('phone')}>
                  <Input inputMode="tel" />
                </Form.Item>
              </>
            )}
            <Form.Item label={t('roles')} required>
              <RoleEditor />
            </Form.Item>
          </Form>
        )}
      </Drawer>
      <Modal
        title={t('setPasswordFor', { name: passwordFor?.username ?? '' })}
        open={passwordFor !== null}
        onCancel={() => setPasswordFor(null)}
        onOk={() => passwordForm.submit()}
        confirmLoading={setPassword.isPending}
        destroyOnHidden
      >
        <Form form={passwordForm} layout="vertical" onFinish={(v) => setPassword.mutate(v)}>
          <Form.Item
            name="password"
            label={t('password')}
            extra={t('auth:account.newPasswordHint')}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
