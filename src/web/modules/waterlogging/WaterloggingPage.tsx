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
import { type point, remediationStatuses, waterloggingCauses } from '../../../contracts/waterlogging';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { CommunitySelect } from '../../components/CommunitySelect';
import { showProblem } from '../../components/formErrors';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { RegisterFrame } from '../../components/RegisterFrame';
import { useCursorPages } from '../../components/useCursorPages';

type Point = z.infer<typeof point>;
const statusColors = {
  identified: 'error',
  planned: 'warning',
  in_progress: 'processing',
  done: 'success',
} as const;
const date = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

/** Waterlogging points: cause (municipal drainage, community pipes, low terrain ...) and remediation. */
export default function WaterloggingPage({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('waterlogging');
  const { message } = App.useApp();
  const can = useCan();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ cause?: string; remediationStatus?: string }>({});
  const list = useCursorPages<Point>('/waterlogging-points', { ...filters, communityId }, 20);
  const byStatus =
    (list.data as { byStatus?: { status: string; count: number }[] } | undefined)?.byStatus ?? [];
  const [editing, setEditing] = useState<Point | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const dates = {
        lastFloodedOn: date(v.lastFloodedOn as Dayjs),
        plannedOn: date(v.plannedOn as Dayjs),
        doneOn: date(v.doneOn as Dayjs),
      };
      if (editing === 'new')
        return api.post(
          '/waterlogging-points',
          Object.fromEntries(
            Object.entries({ ...v, ...dates }).filter(([, x]) => x !== null && x !== undefined && x !== ''),
          ),
        );
      const p = editing as Point;
      return api.patch(`/waterlogging-points/${p.id}`, {
        version: p.version,
        cause: v.cause,
        maxDepthCm: v.maxDepthCm ?? null,
        remediationStatus: v.remediationStatus,
        measure: (v.measure as string) || null,
        ...dates,
      });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['/waterlogging-points'] });
      message.success(t('common:saved'));
      setEditing(null);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  const e = editing && editing !== 'new' ? editing : null;
  const body = (
    <>
      {!communityId && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {remediationStatuses.map((s) => (
            <Col xs={12} md={6} key={s}>
              <Card size="small">
                <Statistic
                  title={t(`status.${s}`)}
                  value={byStatus.find((x) => x.status === s)?.count ?? 0}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card
        title={
          <Flex gap={8}>
            <Select
              allowClear
              placeholder={t('filter.cause')}
              style={{ width: 150 }}
              value={filters.cause}
              onChange={(cause) => setFilters({ ...filters, cause })}
              options={waterloggingCauses.map((c) => ({ value: c, label: t(`cause.${c}`) }))}
            />
            <Select
              allowClear
              placeholder={t('filter.status')}
              style={{ width: 130 }}
              value={filters.remediationStatus}
              onChange={(remediationStatus) => setFilters({ ...filters, remediationStatus })}
              options={remediationStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Flex>
        }
        extra={
          <Flex gap={8}>
            <Button
              icon={<DownloadOutlined />}
              href={downloadUrl('/waterlogging-points/export.xlsx', { ...filters, communityId })}
            >
              {t('common:exportExcel')}
            </Button>
            {can('waterlogging.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="point-create"
              >
                {t('create')}
              </Button>
            )}
          </Flex>
        }
      >
        <QueryState loading={list.isLoading} error={list.error}>
          <Table
            rowKey="id"
            size="middle"
            dataSource={list.items}
            pagination={false}
            data-testid="point-table"
            scroll={{ x: true }}
            columns={[
              {
                title: t('field.name'),
                render: (_v, p) => (
                  <Flex vertical>
                    <Typography.Text strong>{p.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.street.name} · {p.community.name}
                      {p.location ? ` · ${p.location}` : ''}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { title: t('field.cause'), render: (_v, p) => t(`cause.${p.cause}`) },
              {
                title: t('field.maxDepth'),
                render: (_v, p) => (p.maxDepthCm === null ? '' : t('cm', { value: p.maxDepthCm })),
                align: 'right',
                responsive: ['md'],
              },
              { title: t('field.lastFloodedOn'), dataIndex: 'lastFloodedOn', responsive: ['lg'] },
              {
                title: t('field.status'),
                render: (_v, p) => (
                  <Tag color={statusColors[p.remediationStatus]}>{t(`status.${p.remediationStatus}`)}</Tag>
                ),
              },
              { title: t('field.measure'), dataIndex: 'measure', responsive: ['lg'] },
              { title: t('field.plannedOn'), render: (_v, p) => p.doneOn ?? p.plannedOn, responsive: ['md'] },
              {
                title: '',
                render: (_v, p) =>
                  p.abilities.edit && (
                    <Button size="small" type="link" onClick={() => setEditing(p)}>
                      {t('common:edit')}
                    </Button>
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
      {editing && (
        <Modal
          title={e ? e.name : t('create')}
          open
          onCancel={() => setEditing(null)}
          onOk={() => form.submit()}
          confirmLoading={save.isPending}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            initialValues={
              e
                ? {
                    cause: e.cause,
                    maxDepthCm: e.maxDepthCm,
                    remediationStatus: e.remediationStatus,
                    measure: e.measure,
                    lastFloodedOn: e.lastFloodedOn ? dayjs(e.lastFloodedOn) : undefined,
                    plannedOn: e.plannedOn ? dayjs(e.plannedOn) : undefined,
                    doneOn: e.doneOn ? dayjs(e.doneOn) : undefined,
                  }
                : { communityId, cause: 'community_pipes', remediationStatus: 'identified' }
            }
          >
            {!e && (
              <>
                <Form.Item name="communityId" label={t('field.community')} rules={required}>
                  <CommunitySelect />
                </Form.Item>
                <Form.Item name="name" label={t('field.name')} rules={required}>
                  <Input maxLength={80} />
                </Form.Item>
                <Form.Item name="location" label={t('field.location')}>
                  <Input maxLength={200} />
                </Form.Item>
              </>
            )}
            <Flex gap={12}>
              <Form.Item name="cause" label={t('field.cause')} style={{ flex: 1 }}>
                <Select options={waterloggingCauses.map((c) => ({ value: c, label: t(`cause.${c}`) }))} />
              </Form.Item>
              <Form.Item name="maxDepthCm" label={t('field.maxDepth')}>
                <InputNumber min={0} max={300} suffix={t('unit.cm')} />
              </Form.Item>
            </Flex>
            <Form.Item name="remediationStatus" label={t('field.status')}>
              <Select options={remediationStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            </Form.Item>
            <Form.Item name="measure" label={t('field.measure')}>
              <Input maxLength={500} />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="lastFloodedOn" label={t('field.lastFloodedOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="plannedOn" label={t('field.plannedOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="doneOn" label={t('field.doneOn')}>
                <DatePicker />
              </Form.Item>
            </Flex>
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
      onCreate={can('waterlogging.manage') ? () => setEditing('new') : undefined}
    >
      {body}
    </RegisterFrame>
  );
}
