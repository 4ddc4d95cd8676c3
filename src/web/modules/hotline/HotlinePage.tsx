import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ApiClientView,
  deliveryLogEntry,
  HotlineImportReport,
  IntegrationChannel,
} from '../../../contracts/integrations';
import { hotlineChannels, integrationChannels } from '../../../contracts/integrations';
import { api, downloadUrl, ProblemError } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

type Delivery = z.infer<typeof deliveryLogEntry>;

/** Hotline integration: import hotline tickets from Excel; API clients, their callbacks and the delivery log. */
export default function HotlinePage() {
  const { t } = useTranslation('hotline');
  const can = useCan();
  const items = [
    can('hotline.import') && { key: 'import', label: t('page.tabs.import'), children: <ImportTab /> },
    can('integrations.manage') && { key: 'clients', label: t('page.tabs.clients'), children: <ClientsTab /> },
    can('integrations.manage') && {
      key: 'deliveries',
      label: t('page.tabs.deliveries'),
      children: <DeliveriesTab />,
    },
  ].filter(Boolean) as { key: string; label: string; children: React.ReactNode }[];
  return (
    <>
      <PageHeader title={t('page.title')} subtitle={t('page.subtitle')} />
      <Tabs items={items} destroyOnHidden />
    </>
  );
}

function ImportTab() {
  const { t } = useTranslation('hotline');
  const { message } = App.useApp();
  const [source, setSource] = useState<string>('hotline_12345');
  const [report, setReport] = useState<HotlineImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    try {
      const body = new FormData();
      body.append('file', file);
      setReport(await api.post<HotlineImportReport>(`/hotline/import?source=${source}`, body));
    } catch (err) {
      message.error(err instanceof ProblemError ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('import.source')}</Typography.Text>
          <Select
            value={source}
            onChange={setSource}
            style={{ width: 220 }}
            options={hotlineChannels.map((c) => ({ value: c, label: t(`sources.${c}`) }))}
            data-testid="hotline-source"
          />
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="hotline-upload">
              {t('import.file')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={downloadUrl('/hotline/import/template.xlsx')}>
            {t('import.template')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('import.hint')}
        </Typography.Paragraph>
      </Card>
      {report &&
        (report.ok ? (
          <>
            <Alert type="success" showIcon title={t('import.ok', report)} data-testid="hotline-result" />
            <Table
              size="small"
              rowKey="ticketNumber"
              dataSource={report.results}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('import.ticket'), dataIndex: 'ticketNumber' },
                { title: t('import.case'), dataIndex: 'caseNumber' },
                {
                  title: t('import.status'),
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={s === 'created' ? 'green' : 'default'}>{t(`import.${s}`)}</Tag>
                  ),
                },
              ]}
            />
          </>
        ) : (
          <>
            <Alert
              type="error"
              showIcon
              title={t('import.failed', { count: report.errors.length })}
              data-testid="hotline-result"
            />
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
              dataSource={report.errors}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                { title: t('import.ticket'), dataIndex: 'ticketNumber' },
                {
                  title: t('import.field'),
                  dataIndex: 'field',
                  render: (f: string) =>
                    t(`columns.${f === 'categoryCode' ? 'category' : f}`, { defaultValue: f }),
                },
                { title: t('import.message'), dataIndex: 'message' },
              ]}
            />
          </>
        ))}
    </Flex>
  );
}

function ClientsTab() {
  const { t } = useTranslation('hotline');
  const { message } = App.useApp();
  const client = useQueryClient();
  const clients = useQuery({
    queryKey: ['api-clients'],
    queryFn: () => api.get<{ items: ApiClientView[] }>('/integrations/api-clients'),
  });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ apiKey?: string; callbackSecret: string | null } | null>(null);
  const [editing, setEditing] = useState<ApiClientView | null>(null);
  const [form] = Form.useForm();
  const [callbackForm] = Form.useForm();
  const refresh = () => client.invalidateQueries({ queryKey: ['api-clients'] });
  const fail = (err: unknown, f: typeof form) => {
    if (err instanceof ProblemError && Object.keys(err.fieldErrors()).length)
      f.setFields(Object.entries(err.fieldErrors()).map(([name, msg]) => ({ name, errors: [msg] })));
    else message.error(err instanceof ProblemError ? err.problem.detail : String(err));
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="client-create"
        >
          {t('clients.create')}
        </Button>
      </Flex>
      <Table
        size="small"
        rowKey="id"
        loading={clients.isLoading}
        dataSource={clients.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('clients.name'), dataIndex: 'name' },
          {
            title: t('clients.channel'),
            dataIndex: 'channel',
            render: (c: IntegrationChannel) => t(`sources.${c}`),
          },
          { title: t('clients.key'), dataIndex: 'keyPrefix', render: (k: string) => <code>{k}…</code> },
          {
            title: t('clients.callback'),
            dataIndex: 'callbackUrl',
            render: (u: string | null) => u ?? t('clients.none'),
          },
          {
            title: t('clients.rateLimit'),
            dataIndex: 'rateLimitPerMinute',
            render: (n: number | null) => n ?? t('clients.none'),
          },
          { title: t('clients.lastUsed'), dataIndex: 'lastUsedAt', render: formatDateTime },
          {
            title: t('clients.state'),
            dataIndex: 'revokedAt',
            render: (r: string | null) =>
              r ? <Tag>{t('clients.revoked')}</Tag> : <Tag color="green">{t('clients.active')}</Tag>,
          },
          {
            key: 'actions',
            render: (_: unknown, c: ApiClientView) =>
              c.revokedAt ? null : (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(c);
                      callbackForm.setFieldsValue({ callbackUrl: c.callbackUrl ?? '' });
                    }}
                  >
                    {t('clients.setCallback')}
                  </Button>
                  <Popconfirm
                    title={t('clients.revokeConfirm')}
                    onConfirm={async () => {
                      await api.post(`/integrations/api-clients/${c.id}/revoke`);
                      await refresh();
                    }}
                  >
                    <Button size="small" danger>
                      {t('clients.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('clients.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channel: 'hotline_12345' }}
          onFinish={async (v) => {
            try {
              const created = await api.post<{ apiKey: string; callbackSecret: string | null }>(
                '/integrations/api-clients',
                {
                  name: v.name,
                  channel: v.channel,
                  callbackUrl: v.callbackUrl?.trim() ? v.callbackUrl.trim() : null,
                  rateLimitPerMinute: v.rateLimitPerMinute ?? null,
                },
              );
              setCreating(false);
              form.resetFields();
              setShown(created);
              await refresh();
            } catch (err) {
              fail(err, form);
            }
          }}
        >
          <Form.Item name="name" label={t('clients.name')} rules={[{ required: true }]}>
            <Input data-testid="client-name" />
          </Form.Item>
          <Form.Item name="channel" label={t('clients.channel')}>
            <Select options={integrationChannels.map((c) => ({ value: c, label: t(`sources.${c}`) }))} />
          </Form.Item>
          <Form.Item name="callbackUrl" label={t('clients.callback')}>
            <Input inputMode="url" />
          </Form.Item>
          <Form.Item name="rateLimitPerMinute" label={t('clients.rateLimit')}>
            <InputNumber min={1} max={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={editing !== null}
        title={t('clients.setCallback')}
        onCancel={() => setEditing(null)}
        onOk={() => callbackForm.submit()}
        destroyOnHidden
      >
        <Form
          form={callbackForm}
          layout="vertical"
          onFinish={async (v) => {
            try {
              const answer = await api.put<{ callbackSecret: string | null }>(
                `/integrations/api-clients/${editing!.id}/callback`,
                {
                  callbackUrl: v.callbackUrl?.trim() ? v.callbackUrl.trim() : null,
                  rotateSecret: Boolean(v.rotate),
                },
              );
              setEditing(null);
              if (answer.callbackSecret) setShown({ callbackSecret: answer.callbackSecret });
              await refresh();
            } catch (err) {
              fail(err, callbackForm);
            }
          }}
        >
          <Form.Item name="callbackUrl" label={t('clients.callback')}>
            <Input inputMode="url" />
          </Form.Item>
          <Form.Item name="rotate" valuePropName="checked">
            <Checkbox>{t('clients.rotate')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={shown !== null} footer={null} onCancel={() => setShown(null)} title={t('clients.created')}>
        {shown?.apiKey && (
          <>
            <Typography.Text type="secondary">{t('clients.apiKey')}</Typography.Text>
            <Typography.Paragraph copyable code data-testid="client-key">
              {shown.apiKey}
            </Typography.Paragraph>
          </>
        )}
        {shown?.callbackSecret && (
          <>
            <Typography.Text type="secondary">{t('clients.secret')}</Typography.Text>
            <Typography.Paragraph copyable code>
              {shown.callbackSecret}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Flex>
  );
}

function DeliveriesTab() {
  const { t } = useTranslation('hotline');
  const log = useInfiniteQuery({
    queryKey: ['deliveries'],
    queryFn: ({ pageParam }) =>
      api.get<{ items: Delivery[]; nextCursor: string | null }>('/integrations/deliveries', {
        limit: 50,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const color = { pending: 'processing', sent: 'success', failed: 'error' } as const;
  return (
    <Flex vertical gap={12}>
      <Table
        size="small"
        rowKey="id"
        loading={log.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (d) => d.log.length > 0,
          expandedRowRender: (d) => (
            <Flex vertical gap={4}>
              {d.log.map((a) => (
                <Typography.Text key={a.at} type={a.ok ? 'success' : 'danger'}>
                  {[formatDateTime(a.at), a.statusCode ?? '—', `${a.durationMs} ms`, a.error]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              ))}
            </Flex>
          ),
        }}
        columns={[
          { title: t('deliveries.createdAt'), dataIndex: 'createdAt', render: formatDateTime, width: 150 },
          {
            title: t('deliveries.kind'),
            dataIndex: 'kind',
            render: (k: Delivery['kind']) => t(`deliveries.kinds.${k}`),
            width: 80,
          },
          {
            title: t('deliveries.topic'),
            dataIndex: 'topic',
            render: (topic: string) =>
              topic === 'case.state_changed'
                ? t('deliveries.stateChanged')
                : topic.startsWith('case.case_')
                  ? t(`notifications:kind.${topic.slice(5)}.title`, { defaultValue: topic })
                  : topic,
          },
          { title: t('deliveries.target'), dataIndex: 'target', ellipsis: true },
          {
            title: t('deliveries.status'),
            dataIndex: 'status',
            render: (s: Delivery['status']) => <Tag color={color[s]}>{t(`deliveries.statuses.${s}`)}</Tag>,
            width: 90,
          },
          { title: t('deliveries.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('deliveries.lastError'), dataIndex: 'lastError', ellipsis: true },
        ]}
      />
      {log.hasNextPage && (
        <Button onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('deliveries.more')}
        </Button>
      )}
    </Flex>
  );
}
