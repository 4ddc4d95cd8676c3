import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { dispositions, type legacyItem, legacyStatuses } from '../../../contracts/legacy';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { CommunitySelect } from '../../components/CommunitySelect';
import { formatFen } from '../../components/format';
import { showProblem } from '../../components/formErrors';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { RegisterFrame } from '../../components/RegisterFrame';
import { useCursorPages } from '../../components/useCursorPages';

type LegacyItem = z.infer<typeof legacyItem>;
const dispositionColors = { demolish: 'red', buy_back: 'purple', repair: 'blue' } as const;
const statusColors = { pending: 'default', in_progress: 'processing', done: 'success' } as const;
const date = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Expo-600-days legacy items: disposition (demolish, buy back, repair) and follow-up repairs. */
export default function LegacyPage({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('legacy');
  const { message } = App.useApp();
  const can = useCan();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ disposition?: string; status?: string }>({});
  const list = useCursorPages<LegacyItem>('/legacy-items', { ...filters, communityId }, 20);
  const summary =
    (list.data as { byDisposition?: { disposition: string; status: string; count: number }[] } | undefined)
      ?.byDisposition ?? [];
  const [editing, setEditing] = useState<LegacyItem | 'new' | null>(null);
  const [repairing, setRepairing] = useState<LegacyItem | null>(null);
  const [form] = Form.useForm();
  const refresh = () => client.invalidateQueries({ queryKey: ['/legacy-items'] });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = { ...v, decidedOn: date(v.decidedOn as Dayjs), doneOn: date(v.doneOn as Dayjs) };
      if (repairing)
        return api.post(`/legacy-items/${repairing.id}/repairs`, {
          doneOn: date(v.repairOn as Dayjs),
          description: v.repairDescription,
          contractor: (v.contractor as string) || undefined,
          costFen:
            v.costYuan === undefined || v.costYuan === null
              ? undefined
              : Math.round(Number(v.costYuan) * 100),
        });
      if (editing === 'new') return api.post('/legacy-items', body);
      const e = editing as LegacyItem;
      return api.patch(`/legacy-items/${e.id}`, {
        version: e.version,
        disposition: v.disposition,
        status: v.status,
        decidedOn: body.decidedOn ?? null,
        doneOn: body.doneOn ?? null,
        description: v.description,
      });
    },
    onSuccess: () => {
      void refresh();
      message.success(t('common:saved'));
      setEditing(null);
      setRepairing(null);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const count = (d: string, s?: string) =>
    summary.filter((x) => x.disposition === d && (!s || x.status === s)).reduce((n, x) => n + x.count, 0);
  const required = [{ required: true, message: t('errors:field.required') }];
  const body = (
    <>
      {!communityId && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {dispositions.map((d) => (
            <Col xs={24} md={8} key={d}>
              <Card size="small">
                <Statistic
                  title={t(`disposition.${d}`)}
                  value={count(d)}
                  suffix={t('summary.done', { count: count(d, 'done') })}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card
        extra={
          <Flex gap={8}>
            <Button
              icon={<DownloadOutlined />}
              href={downloadUrl('/legacy-items/export.xlsx', { ...filters, communityId })}
            >
              {t('common:exportExcel')}
            </Button>
            {can('legacy.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="legacy-create"
              >
                {t('create')}
              </Button>
            )}
          </Flex>
        }
        title={
          <Flex gap={8}>
            <Select
              allowClear
              placeholder={t('filter.disposition')}
              style={{ width: 130 }}
              value={filters.disposition}
              onChange={(disposition) => setFilters({ ...filters, disposition })}
              options={dispositions.map((d) => ({ value: d, label: t(`disposition.${d}`) }))}
            />
            <Select
              allowClear
              placeholder={t('filter.status')}
              style={{ width: 120 }}
              value={filters.status}
              onChange={(status) => setFilters({ ...filters, status })}
              options={legacyStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Flex>
        }
      >
        <QueryState loading={list.isLoading} error={list.error}>
          <Table
            rowKey="id"
            size="middle"
            dataSource={list.items}
            pagination={false}
            data-testid="legacy-table"
            scroll={{ x: true }}
            expandable={{
              rowExpandable: (i) => i.repairs.length > 0,
              expandedRowRender: (i) => (
                <List
                  size="small"
                  dataSource={i.repairs}
                  renderItem={(r) => (
                    <List.Item>
                      {r.doneOn} · {r.description}
                      {r.contractor && ` · ${r.contractor}`}
                      {r.costFen !== null && ` · ${formatFen(r.costFen)}`}
                    </List.Item>
                  )}
                />
              ),
            }}
            columns={[
              {
                title: t('field.title'),
                render: (_v, i) => (
                  <Flex vertical>
                    <Typography.Text strong>{i.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.street.name} · {i.community.name}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('field.disposition'),
                render: (_v, i) => (
                  <Tag color={dispositionColors[i.disposition]}>{t(`disposition.${i.disposition}`)}</Tag>
                ),
              },
              {
                title: t('field.status'),
                render: (_v, i) => <Tag color={statusColors[i.status]}>{t(`status.${i.status}`)}</Tag>,
              },
              { title: t('field.decidedOn'), dataIndex: 'decidedOn', responsive: ['md'] },
              { title: t('field.doneOn'), dataIndex: 'doneOn', responsive: ['md'] },
              {
                title: t('field.repairs'),
                render: (_v, i) => i.repairs.length,
                align: 'right',
                responsive: ['lg'],
              },
              {
                title: '',
                render: (_v, i) =>
                  i.abilities.edit && (
                    <Flex gap={4}>
                      <Button size="small" type="link" onClick={() => setEditing(i)}>
                        {t('common:edit')}
                      </Button>
                      <Button size="small" type="link" onClick={() => setRepairing(i)}>
                        {t('repair.add')}
                      </Button>
                    </Flex>
                  ),
              },
            ]}
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
      {(editing || repairing) && (
        <Modal
          title={
            repairing
              ? `${t('repair.add')} · ${repairing.title}`
              : editing === 'new'
                ? t('create')
                : (editing as LegacyItem).title
          }
          open
          onCancel={() => {
            setEditing(null);
            setRepairing(null);
          }}
          onOk={() => form.submit()}
          confirmLoading={save.isPending}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            initialValues={
              repairing
                ? { repairOn: dayjs() }
                : editing === 'new'
                  ? { communityId, disposition: 'repair', status: 'pending' }
                  : {
                      disposition: (editing as LegacyItem).disposition,
                      status: (editing as LegacyItem).status,
                      description: (editing as LegacyItem).description,
                      decidedOn: (editing as LegacyItem).decidedOn
                        ? dayjs((editing as LegacyItem).decidedOn)
                        : undefined,
                      doneOn: (editing as LegacyItem).doneOn
                        ? dayjs((editing as LegacyItem).doneOn)
                        : undefined,
                    }
            }
          >
            {repairing ? (
              <>
                <Form.Item name="repairOn" label={t('repair.doneOn')} rules={required}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="repairDescription" label={t('repair.description')} rules={required}>
                  <Input.TextArea maxLength={1000} />
                </Form.Item>
                <Form.Item name="contractor" label={t('repair.contractor')}>
                  <Input maxLength={80} />
                </Form.Item>
                <Form.Item name="costYuan" label={t('repair.cost')}>
                  <InputNumber min={0} precision={2} style={{ width: 200 }} />
                </Form.Item>
              </>
            ) : (
              <>
                {editing === 'new' && (
                  <>
                    <Form.Item name="communityId" label={t('field.community')} rules={required}>
                      <CommunitySelect />
                    </Form.Item>
                    <Form.Item name="title" label={t('field.title')} rules={required}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </>
                )}
                <Form.Item name="description" label={t('field.description')} rules={required}>
                  <Input.TextArea maxLength={2000} />
                </Form.Item>
                <Flex gap={12}>
                  <Form.Item name="disposition" label={t('field.disposition')} style={{ flex: 1 }}>
                    <Select options={dispositions.map((d) => ({ value: d, label: t(`disposition.${d}`) }))} />
                  </Form.Item>
                  <Form.Item name="status" label={t('field.status')} style={{ flex: 1 }}>
                    <Select options={legacyStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
                  </Form.Item>
                </Flex>
                <Flex gap={12}>
                  <Form.Item name="decidedOn" label={t('field.decidedOn')}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="doneOn" label={t('field.doneOn')}>
                    <DatePicker />
                  </Form.Item>
                </Flex>
              </>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
  return (
    <RegisterFrame
      embedded={Boolean(communityId)}
      empty={
        !list.isLoading && list.items.length === 0 && !editing && Object.values(filters).every((v) => !v)
      }
      title={t('title')}
      subtitle={t('subtitle')}
      emptyText={t('none')}
      createText={t('create')}
      onCreate={can('legacy.manage') ? () => setEditing('new') : undefined}
    >
      {body}
    </RegisterFrame>
  );
}
