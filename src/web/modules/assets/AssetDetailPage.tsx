import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tabs,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type AssetDetail,
  fundingSources,
  maintenanceKinds,
  renewalKinds,
  renewalStatuses,
  riskResults,
  statutoryResults,
} from '../../../contracts/assets';
import { api } from '../../api/client';
import { formatFen } from '../../components/format';
import { showProblem } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AssetBreachesTable, AssetCasesCard } from './AssetWork';
import { AssetBadges, ConditionTag } from './tags';

type RecordKind = 'maintenance' | 'statutory' | 'risk' | 'plan';
const paths: Record<RecordKind, string> = {
  maintenance: 'maintenance',
  statutory: 'statutory-inspections',
  risk: 'risk-assessments',
  plan: 'renewal-plans',
};

/** One asset with the rules it breaks and its maintenance, statutory inspections, risk assessments and renewal plans. */
export default function AssetDetailPage() {
  const { id } = useParams();
  const assetId = Number(id);
  const { t } = useTranslation('assets');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const {
    data: a,
    isLoading,
    error,
    refetch,
  } = useQuery({
    queryKey: ['asset', assetId],
    queryFn: () => api.get<AssetDetail>(`/assets/${assetId}`),
  });
  const [adding, setAdding] = useState<RecordKind | null>(null);
  const advance = useMutation({
    mutationFn: ({ planId, version, status }: { planId: number; version: number; status: string }) =>
      api.patch<AssetDetail>(`/assets/${assetId}/renewal-plans/${planId}`, { version, status }),
    onSuccess: (d) => client.setQueryData(['asset', assetId], d),
    onError: (err) => showProblem(err, null, message),
  });
  const add = (kind: RecordKind) =>
    a?.abilities.edit && (
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => setAdding(kind)}
        data-testid={`add-${kind}`}
      >
        {t(`records.add.${kind}`)}
      </Button>
    );
  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {a && (
        <>
          <PageHeader
            title={a.name}
            subtitle={`${a.code} · ${t(`kind.${a.kind}`)} · ${a.street.name} · ${a.community.name}${a.building ? ` ${a.building.name}` : ''}`}
            tags={
              <>
                <ConditionTag condition={a.condition} />
                <AssetBadges badges={a.badges} />
              </>
            }
            extra={
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                {t('common:back')}
              </Button>
            }
          />
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card>
                <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="asset-overview">
                  <Descriptions.Item label={t('field.community')}>
                    <Link to={`/communities/${a.community.id}`}>{a.community.name}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.ownership')}>
                    {t(`ownership.${a.ownership}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.maintainer')}>
                    {a.maintainer.name} ({t(`maintainerKind.${a.maintainer.kind}`)})
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.quantity')}>{a.quantity}</Descriptions.Item>
                  <Descriptions.Item label={t('field.status')}>{t(`status.${a.status}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.installedOn')}>
                    {a.installedOn ?? ''}
                    {a.ageYears !== null && ` (${t('years', { count: a.ageYears })})`}
                  </Descriptions.Item>
                  {a.kind === 'elevator' && (
                    <>
                      <Descriptions.Item label={t('field.registrationCode')}>
                        {a.registrationCode}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('field.manufacturer')}>{a.manufacturer}</Descriptions.Item>
                      <Descriptions.Item label={t('field.maintenanceOrg')}>
                        {a.maintenanceOrg?.name}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('field.lastMaintenanceOn')}>
                        {a.lastMaintenanceOn}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('field.lastStatutoryInspectionOn')}>
                        {a.lastStatutoryInspectionOn}
                      </Descriptions.Item>
                    </>
                  )}
                  {a.note && <Descriptions.Item label={t('field.note')}>{a.note}</Descriptions.Item>}
                </Descriptions>
              </Card>
            </Col>
            <Col span={24}>
              <Card>
                <Tabs
                  items={[
                    {
                      key: 'maintenance',
                      label: t('records.maintenance'),
                      children: (
                        <Table
                          size="small"
                          rowKey="id"
                          title={() => add('maintenance')}
                          dataSource={a.maintenance}
                          pagination={false}
                          columns={[
                            { title: t('records.doneOn'), dataIndex: 'doneOn' },
                            { title: t('records.kind'), render: (_v, r) => t(`maintenanceKind.${r.kind}`) },
                            { title: t('records.company'), dataIndex: 'company' },
                            { title: t('field.note'), dataIndex: 'note' },
                            { title: t('records.by'), dataIndex: 'by' },
                          ]}
                        />
                      ),
                    },
                    {
                      key: 'statutory',
                      label: t('records.statutory'),
                      children: (
                        <Table
                          size="small"
                          rowKey="id"
                          title={() => add('statutory')}
                          dataSource={a.statutoryInspections}
                          pagination={false}
                          columns={[
                            { title: t('records.inspectedOn'), dataIndex: 'inspectedOn' },
                            { title: t('records.agency'), dataIndex: 'agency' },
                            {
                              title: t('records.result'),
                              render: (_v, r) => t(`statutoryResult.${r.result}`),
                            },
                            { title: t('records.certificateNo'), dataIndex: 'certificateNo' },
                            { title: t('records.nextDueOn'), dataIndex: 'nextDueOn' },
                          ]}
                        />
                      ),
                    },
                    {
                      key: 'risk',
                      label: t('records.risk'),
                      children: (
                        <Table
                          size="small"
                          rowKey="id"
                          title={() => a.kind === 'elevator' && add('risk')}
                          dataSource={a.riskAssessments}
                          pagination={false}
                          columns={[
                            { title: t('records.assessedOn'), dataIndex: 'assessedOn' },
                            { title: t('records.agency'), dataIndex: 'agency' },
                            { title: t('records.result'), render: (_v, r) => t(`riskResult.${r.result}`) },
                            { title: t('records.findings'), dataIndex: 'findings' },
                          ]}
                        />
                      ),
                    },
                    {
                      key: 'breaches',
                      label: t('breach.title'),
                      children: <AssetBreachesTable assetId={a.id} />,
                    },
                    {
                      key: 'plans',
                      label: t('records.plans'),
                      children: (
                        <Table
                          size="small"
                          rowKey="id"
                          title={() => add('plan')}
                          dataSource={a.renewalPlans}
                          pagination={false}
                          columns={[
                            { title: t('records.kind'), render: (_v, r) => t(`renewalKind.${r.kind}`) },
                            { title: t('records.plannedYear'), dataIndex: 'plannedYear' },
                            {
                              title: t('records.cost'),
                              render: (_v, r) => formatFen(r.costFen),
                              align: 'right',
                            },
                            {
                              title: t('records.fundingSource'),
                              render: (_v, r) => t(`fundingSource.${r.fundingSource}`),
                            },
                            {
                              title: t('records.status'),
                              render: (_v, r) =>
                                a.abilities.edit ? (
                                  <Select
                                    size="small"
                                    value={r.status}
                                    style={{ width: 110 }}
                                    onChange={(status) =>
                                      advance.mutate({ planId: r.id, version: r.version, status })
                                    }
                                    options={renewalStatuses.map((s) => ({
                                      value: s,
                                      label: t(`renewalStatus.${s}`),
                                    }))}
                                  />
                                ) : (
                                  t(`renewalStatus.${r.status}`)
                                ),
                            },
                          ]}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <AssetCasesCard assetId={a.id} />
            </Col>
          </Row>
          {adding && <RecordModal asset={a} kind={adding} onClose={() => setAdding(null)} />}
        </>
      )}
    </QueryState>
  );
}

function RecordModal({
  asset,
  kind,
  onClose,
}: {
  asset: AssetDetail;
  kind: RecordKind;
  onClose: () => void;
}) {
  const { t } = useTranslation('assets');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined && x !== '')
          .map(([k, x]) => [
            k,
            dayjs.isDayjs(x) ? (x as Dayjs).format('YYYY-MM-DD') : k === 'cost' ? undefined : x,
          ]),
      );
      if (kind === 'plan') body.costFen = Math.round(Number(v.cost ?? 0) * 100);
      delete body.cost;
      return api.post<AssetDetail>(`/assets/${asset.id}/${paths[kind]}`, body);
    },
    onSuccess: (d) => {
      client.setQueryData(['asset', asset.id], d);
      void client.invalidateQueries({ queryKey: ['/assets'] });
      message.success(t('common:saved'));
      onClose();
    },
    onError: (err) => showProblem(err, form, message),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  const today = dayjs();
  return (
    <Modal
      title={t(`records.add.${kind}`)}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          doneOn: today,
          inspectedOn: today,
          assessedOn: today,
          kind: kind === 'maintenance' ? 'routine' : 'replace',
          result: kind === 'risk' ? 'repair' : 'pass',
          plannedYear: today.year() + 1,
          fundingSource: 'maintenance_fund',
          riskAssessmentId: asset.riskAssessments[0]?.id,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        {kind === 'maintenance' && (
          <>
            <Form.Item name="doneOn" label={t('records.doneOn')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="kind" label={t('records.kind')}>
              <Select
                options={maintenanceKinds.map((k) => ({ value: k, label: t(`maintenanceKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="company" label={t('records.company')}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="note" label={t('field.note')}>
              <Input.TextArea maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'statutory' && (
          <>
            <Form.Item name="inspectedOn" label={t('records.inspectedOn')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="agency" label={t('records.agency')} rules={required}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="result" label={t('records.result')}>
              <Select
                options={statutoryResults.map((r) => ({ value: r, label: t(`statutoryResult.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="certificateNo" label={t('records.certificateNo')}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {kind === 'risk' && (
          <>
            <Form.Item name="assessedOn" label={t('records.assessedOn')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="agency" label={t('records.agency')} rules={required}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="result" label={t('records.result')}>
              <Select options={riskResults.map((r) => ({ value: r, label: t(`riskResult.${r}`) }))} />
            </Form.Item>
            <Form.Item name="findings" label={t('records.findings')} rules={required}>
              <Input.TextArea maxLength={2000} />
            </Form.Item>
          </>
        )}
        {kind === 'plan' && (
          <>
            <Form.Item name="riskAssessmentId" label={t('records.risk')}>
              <Select
                allowClear
                options={asset.riskAssessments.map((r) => ({
                  value: r.id,
                  label: `${r.assessedOn} ${t(`riskResult.${r.result}`)}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('records.kind')}>
              <Select options={renewalKinds.map((k) => ({ value: k, label: t(`renewalKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="plannedYear" label={t('records.plannedYear')}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="cost" label={t('records.costYuan')} rules={required}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="fundingSource" label={t('records.fundingSource')}>
              <Select options={fundingSources.map((f) => ({ value: f, label: t(`fundingSource.${f}`) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
