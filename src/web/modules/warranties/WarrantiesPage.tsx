import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { CommunityProfile } from '../../../contracts/org';
import {
  assessmentGrades,
  type buildingWarranties,
  milestones,
  type Warranty,
  warrantyComponents,
} from '../../../contracts/warranties';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { CommunitySelect } from '../../components/CommunitySelect';
import { showProblem } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';

type BuildingWarranties = z.infer<typeof buildingWarranties>;

export function WarrantyTag({ w }: { w: Pick<Warranty, 'inWarranty' | 'daysLeft'> }) {
  const { t } = useTranslation('warranties');
  if (!w.inWarranty) return <Tag>{t('expired')}</Tag>;
  return (
    <Tag color={(w.daysLeft ?? 0) < 90 ? 'warning' : 'success'}>{t('inWarranty', { days: w.daysLeft })}</Tag>
  );
}

/** New buildings' warranties per component from completion acceptance; defects within warranty go to the developer. */
export default function WarrantiesPage({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('warranties');
  const can = useCan();
  const [inWarranty, setInWarranty] = useState<string>('all');
  const filters = { communityId, inWarranty: inWarranty === 'all' ? undefined : inWarranty === 'yes' };
  const list = useCursorPages<Warranty>('/warranties', filters, communityId ? 50 : 20);
  const [building, setBuilding] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const columns: ColumnsType<Warranty> = [
    {
      title: t('field.building'),
      render: (_v, w) => (
        <Flex vertical>
          <Typography.Link onClick={() => setBuilding(w.building.id)} data-testid="warranty-building">
            {w.community.name} {w.building.name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {w.developer?.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.component'), render: (_v, w) => t(`component.${w.component}`) },
    { title: t('field.acceptedOn'), dataIndex: 'completionAcceptedOn', responsive: ['md'] },
    { title: t('field.statutoryEndsOn'), dataIndex: 'statutoryEndsOn', responsive: ['lg'] },
    { title: t('field.endsOn'), dataIndex: 'endsOn' },
    { title: t('field.status'), render: (_v, w) => <WarrantyTag w={w} /> },
    { title: t('field.defects'), dataIndex: 'defectCount', align: 'right', responsive: ['md'] },
  ];
  const table = (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={inWarranty}
          onChange={(v) => setInWarranty(v as string)}
          options={[
            { value: 'all', label: t('filter.all') },
            { value: 'yes', label: t('filter.in') },
            { value: 'no', label: t('filter.out') },
          ]}
        />
        <Button icon={<DownloadOutlined />} href={downloadUrl('/warranties/export.xlsx', filters)}>
          {t('common:exportExcel')}
        </Button>
        {can('warranties.manage') && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            data-testid="warranty-register"
          >
            {t('register.title')}
          </Button>
        )}
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.items}
          pagination={false}
          data-testid="warranty-table"
          scroll={{ x: true }}
        />
        <Pager
          page={list.page}
          total={list.total}
          hasNext={list.hasNext}
          onPrev={list.prev}
          onNext={list.next}
        />
      </QueryState>
      {building && <BuildingDrawer buildingId={building} onClose={() => setBuilding(null)} />}
      {registering && (
        <RegisterModal communityId={communityId} onClose={() => setRegistering(false)} onDone={setBuilding} />
      )}
    </>
  );
  if (communityId) {
    // on the community profile: a line when there is nothing, the table otherwise
    if (!list.isLoading && list.items.length === 0 && inWarranty === 'all')
      return (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('none')}</Typography.Text>
          {can('warranties.manage') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('register.title')}
            </Button>
          )}
          {registering && (
            <RegisterModal
              communityId={communityId}
              onClose={() => setRegistering(false)}
              onDone={setBuilding}
            />
          )}
        </Flex>
      );
    return table;
  }
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card>{table}</Card>
    </>
  );
}

function RegisterModal({
  communityId,
  onClose,
  onDone,
}: {
  communityId?: number;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t } = useTranslation('warranties');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const chosen = Form.useWatch('communityId', form);
  const community = useQuery({
    queryKey: ['community', chosen],
    queryFn: () => api.get<CommunityProfile>(`/communities/${chosen}`),
    enabled: Boolean(chosen),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<BuildingWarranties>(`/warranties/buildings/${v.buildingId}`, {
        completionAcceptedOn: (v.acceptedOn as Dayjs).format('YYYY-MM-DD'),
        designLifeYears: v.designLifeYears,
      }),
    onSuccess: (b) => {
      void client.invalidateQueries({ queryKey: ['/warranties'] });
      message.success(t('register.done'));
      onClose();
      onDone(b.building.id);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      title={t('register.title')}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('register.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ communityId, designLifeYears: 50 }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="communityId" label={t('field.community')} rules={required}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="buildingId" label={t('field.building')} rules={required}>
          <Select options={(community.data?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="acceptedOn" label={t('field.acceptedOn')} rules={required} initialValue={dayjs()}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="designLifeYears" label={t('field.designLife')}>
          <InputNumber min={5} max={100} suffix={t('years')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BuildingDrawer({ buildingId, onClose }: { buildingId: number; onClose: () => void }) {
  const { t } = useTranslation('warranties');
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['building-warranties', buildingId],
    queryFn: () => api.get<BuildingWarranties>(`/warranties/buildings/${buildingId}`),
  });
  const [defectForm] = Form.useForm();
  const [assessmentForm] = Form.useForm();
  const report = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<{ inWarranty: boolean; routedTo: { name: string }; case: { number: string } }>(
        '/warranties/defects',
        { ...v, buildingId },
      ),
    onSuccess: (r) => {
      message.success(
        r.inWarranty
          ? t('defect.toDeveloper', { unit: r.routedTo.name, number: r.case.number })
          : t('defect.outOfWarranty', { unit: r.routedTo.name, number: r.case.number }),
      );
      defectForm.resetFields();
      void client.invalidateQueries({ queryKey: ['building-warranties', buildingId] });
      void client.invalidateQueries({ queryKey: ['/warranties'] });
    },
    onError: (err) => showProblem(err, defectForm, message),
  });
  const assess = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<BuildingWarranties>(`/warranties/buildings/${buildingId}/assessments`, {
        ...v,
        assessedOn: (v.assessedOn as Dayjs).format('YYYY-MM-DD'),
      }),
    onSuccess: (d) => {
      client.setQueryData(['building-warranties', buildingId], d);
      assessmentForm.resetFields();
      message.success(t('common:saved'));
    },
    onError: (err) => showProblem(err, assessmentForm, message),
  });
  const d = detail.data;
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Drawer
      title={d ? `${d.community.name} ${d.building.name}` : ''}
      open
      onClose={onClose}
      size={720}
      destroyOnHidden
    >
      <QueryState loading={detail.isLoading} error={detail.error}>
        {d && (
          <Flex vertical gap={16}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('field.developer')}>
                {d.developer?.name ?? t('common:none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.completedOn')}>{d.building.completedOn}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.warranties}
              columns={[
                { title: t('field.component'), render: (_v, w) => t(`component.${w.component}`) },
                { title: t('field.endsOn'), dataIndex: 'endsOn' },
                { title: t('field.status'), render: (_v, w) => <WarrantyTag w={w} /> },
              ]}
            />
            <Tabs
              items={[
                {
                  key: 'defects',
                  label: t('defect.title'),
                  children: (
                    <Flex vertical gap={12}>
                      <Table
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={d.defects}
                        locale={{ emptyText: t('defect.none') }}
                        columns={[
                          {
                            title: t('defect.what'),
                            render: (_v, x) => `${t(`component.${x.component}`)} · ${x.title}`,
                          },
                          {
                            title: t('field.status'),
                            render: (_v, x) =>
                              x.inWarranty ? (
                                <Tag color="success">{t('defect.within')}</Tag>
                              ) : (
                                <Tag>{t('expired')}</Tag>
                              ),
                          },
                          {
                            title: t('defect.case'),
                            render: (_v, x) => <Link to={`/cases/${x.case.id}`}>{x.case.number}</Link>,
                          },
                          { title: t('defect.lead'), render: (_v, x) => x.case.lead },
                        ]}
                      />
                      {d.abilities.report && (
                        <Card size="small" title={t('defect.report')}>
                          <Form form={defectForm} layout="vertical" onFinish={(v) => report.mutate(v)}>
                            <Form.Item name="component" label={t('field.component')} rules={required}>
                              <Select
                                options={warrantyComponents.map((c) => ({
                                  value: c,
                                  label: t(`component.${c}`),
                                }))}
                                data-testid="defect-component"
                              />
                            </Form.Item>
                            <Form.Item name="title" label={t('defect.titleField')} rules={required}>
                              <Input maxLength={100} />
                            </Form.Item>
                            <Form.Item name="description" label={t('defect.description')} rules={required}>
                              <Input.TextArea maxLength={2000} />
                            </Form.Item>
                            <Button
                              type="primary"
                              htmlType="submit"
                              loading={report.isPending}
                              data-testid="defect-submit"
                            >
                              {t('defect.submit')}
                            </Button>
                          </Form>
                        </Card>
                      )}
                    </Flex>
                  ),
                },
                {
                  key: 'assessments',
                  label: t('assessment.title'),
                  children: (
                    <Flex vertical gap={12}>
                      <Table
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={d.assessments}
                        locale={{ emptyText: t('assessment.none') }}
                        columns={[
                          {
                            title: t('assessment.milestone'),
                            render: (_v, a) => t(`milestone.${a.milestone}`),
                          },
                          { title: t('assessment.assessedOn'), dataIndex: 'assessedOn' },
                          {
                            title: t('assessment.grade'),
                            render: (_v, a) => (
                              <Tag
                                color={
                                  a.grade === 'unqualified'
                                    ? 'error'
                                    : a.grade === 'good'
                                      ? 'success'
                                      : 'blue'
                                }
                              >
                                {t(`grade.${a.grade}`)}
                              </Tag>
                            ),
                          },
                          { title: t('assessment.findings'), dataIndex: 'findings' },
                          { title: t('assessment.assessor'), dataIndex: 'assessor' },
                        ]}
                      />
                      {d.abilities.manage && (
                        <Card size="small" title={t('assessment.record')}>
                          <Form
                            form={assessmentForm}
                            layout="vertical"
                            initialValues={{ assessedOn: dayjs(), grade: 'qualified' }}
                            onFinish={(v) => assess.mutate(v)}
                          >
                            <Flex gap={12} wrap>
                              <Form.Item
                                name="milestone"
                                label={t('assessment.milestone')}
                                rules={required}
                                style={{ minWidth: 160 }}
                              >
                                <Select
                                  options={milestones.map((m) => ({ value: m, label: t(`milestone.${m}`) }))}
                                />
                              </Form.Item>
                              <Form.Item
                                name="assessedOn"
                                label={t('assessment.assessedOn')}
                                rules={required}
                              >
                                <DatePicker />
                              </Form.Item>
                              <Form.Item name="grade" label={t('assessment.grade')} style={{ minWidth: 120 }}>
                                <Select
                                  options={assessmentGrades.map((g) => ({
                                    value: g,
                                    label: t(`grade.${g}`),
                                  }))}
                                />
                              </Form.Item>
                            </Flex>
                            <Form.Item name="assessor" label={t('assessment.assessor')} rules={required}>
                              <Input maxLength={80} />
                            </Form.Item>
                            <Form.Item name="findings" label={t('assessment.findings')} rules={required}>
                              <Input.TextArea maxLength={2000} />
                            </Form.Item>
                            <Button type="primary" htmlType="submit" loading={assess.isPending}>
                              {t('common:save')}
                            </Button>
                          </Form>
                        </Card>
                      )}
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}
