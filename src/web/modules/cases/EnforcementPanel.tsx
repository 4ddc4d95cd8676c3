import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseDetail,
  enforcementStages,
  type InspectionRoom,
  penaltyParties,
  roomKinds,
} from '../../../contracts/cases';
import { api, ProblemError } from '../../api/client';
import { formatDateTime, formatFen, shanghaiNowForPicker } from '../../components/format';

/**
 * Chronic violations (illegal building, damage to load-bearing structure, change of use, group renting): the five stages, penalty
 * decisions on landlords, sub-lessors and agents, and group-renting inspections with the rules broken.
 */
export function EnforcementPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const [penaltyOpen, setPenaltyOpen] = useState(false);
  const [inspectionOpen, setInspectionOpen] = useState(false);
  const current = detail.enforcementStage ? enforcementStages.indexOf(detail.enforcementStage) : 0;
  return (
    <Card title={t('detail.enforcement')} data-testid="case-enforcement">
      <Steps
        size="small"
        current={current}
        status={detail.state === 'reopened' ? 'error' : 'process'}
        items={enforcementStages.map((s) => ({ title: t(`enforcementStage.${s}`) }))}
        style={{ marginBottom: 20 }}
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('detail.penalties')}
        </Typography.Title>
        {detail.abilities.recordPenalty && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setPenaltyOpen(true)}
            data-testid="penalty-add"
          >
            {t('detail.recordPenalty')}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.penalties}
        locale={{ emptyText: t('detail.noPenalties') }}
        columns={[
          {
            title: t('detail.party'),
            render: (_v, p) => `${t(`penaltyParty.${p.partyType}`)} · ${p.partyName}`,
          },
          { title: t('detail.decisionNumber'), dataIndex: 'decisionNumber' },
          { title: t('detail.amount'), render: (_v, p) => formatFen(p.amountFen), align: 'right' },
          { title: t('detail.decidedOn'), dataIndex: 'decidedOn' },
        ]}
      />
      {(detail.category.code.endsWith('group_renting') || detail.inspections.length > 0) && (
        <>
          <Flex justify="space-between" align="center" style={{ margin: '20px 0 8px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('detail.inspections')}
            </Typography.Title>
            {detail.abilities.recordInspection && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setInspectionOpen(true)}
                data-testid="inspection-add"
              >
                {t('detail.recordInspection')}
              </Button>
            )}
          </Flex>
          {detail.inspections.length === 0 && (
            <Typography.Text type="secondary">{t('detail.noInspections')}</Typography.Text>
          )}
          {detail.inspections.map((i) => (
            <Card key={i.id} size="small" style={{ marginBottom: 8 }}>
              <Flex vertical gap={6}>
                <Typography.Text>
                  {i.inspectedOn} · {i.address} · {i.inspector}{' '}
                  {i.compliant ? (
                    <Tag color="green">{t('detail.compliant')}</Tag>
                  ) : (
                    <Tag color="red">{t('detail.violations', { count: i.violations.length })}</Tag>
                  )}
                </Typography.Text>
                {i.violations.map((v) => (
                  <Typography.Text key={`${v.rule}-${v.room}`} type="danger">
                    {t('detail.violationLine', { room: v.room, rule: t(`groupRentingRule.${v.rule}`) })}
                  </Typography.Text>
                ))}
              </Flex>
            </Card>
          ))}
        </>
      )}
      {penaltyOpen && <PenaltyModal caseId={detail.id} onClose={() => setPenaltyOpen(false)} />}
      {inspectionOpen && <InspectionModal caseId={detail.id} onClose={() => setInspectionOpen(false)} />}
    </Card>
  );
}

function useRecord(
  caseId: number,
  path: string,
  onClose: () => void,
  form: ReturnType<typeof Form.useForm>[0],
) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation('cases');
  return useMutation({
    mutationFn: (body: unknown) => api.post(`/cases/${caseId}/${path}`, body),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['case', caseId] });
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ProblemError)) return;
      const fields = Object.entries(err.fieldErrors());
      if (fields.length)
        form.setFields(
          fields.map(([name, msg]) => ({
            name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [msg],
          })),
        );
      else message.error(err.problem.detail);
    },
  });
}

function PenaltyModal({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm();
  const save = useRecord(caseId, 'penalties', onClose, form);
  return (
    <Modal
      open
      title={t('detail.recordPenalty')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ partyType: 'landlord', decidedOn: shanghaiNowForPicker() }}
        onFinish={(v: {
          partyType: string;
          partyName: string;
          decisionNumber: string;
          amountYuan: number;
          decidedOn: Dayjs;
        }) =>
          save.mutate({
            partyType: v.partyType,
            partyName: v.partyName,
            decisionNumber: v.decisionNumber,
            amountFen: Math.round(v.amountYuan * 100),
            decidedOn: v.decidedOn.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item name="partyType" label={t('detail.partyType')}>
          <Select options={penaltyParties.map((p) => ({ value: p, label: t(`penaltyParty.${p}`) }))} />
        </Form.Item>
        <Form.Item
          name="partyName"
          label={t('detail.partyName')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="decisionNumber"
          label={t('detail.decisionNumber')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('detail.amountYuan')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('detail.decidedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function InspectionModal({ caseId, onClose }: { caseId: number; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm();
  const save = useRecord(caseId, 'group-renting-inspections', onClose, form);
  return (
    <Modal
      open
      width={760}
      title={t('detail.recordInspection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          inspectedOn: dayjs(),
          rooms: [{ kind: 'bedroom', occupants: 1, area: '10', familyOnly: false, letByBed: false }],
        }}
        onFinish={(v: { inspectedOn: Dayjs; address: string; note?: string; rooms: InspectionRoom[] }) =>
          save.mutate({
            ...v,
            inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
            rooms: v.rooms.map((r) => ({ ...r, area: String(r.area) })),
          })
        }
      >
        <Flex gap={12}>
          <Form.Item name="inspectedOn" label={t('detail.inspectedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('detail.address')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Form.List name="rooms">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                    style={{ width: 110, marginBottom: 4 }}
                  >
                    <Input placeholder={t('detail.roomName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} style={{ width: 120, marginBottom: 4 }}>
                    <Select options={roomKinds.map((k) => ({ value: k, label: t(`roomKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'area']} style={{ width: 110, marginBottom: 4 }}>
                    <Input suffix={t('common:unit.m2')} placeholder={t('detail.roomArea')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'occupants']} style={{ width: 90, marginBottom: 4 }}>
                    <InputNumber min={0} max={100} placeholder={t('detail.occupants')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'familyOnly']}
                    valuePropName="checked"
                    style={{ marginBottom: 4 }}
                  >
                    <Switch
                      checkedChildren={t('detail.familyOnly')}
                      unCheckedChildren={t('detail.familyOnly')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'letByBed']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Switch checkedChildren={t('detail.letByBed')} unCheckedChildren={t('detail.letByBed')} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" danger onClick={() => remove(f.name)}>
                      {t('detail.removeRoom')}
                    </Button>
                  )}
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ kind: 'bedroom', occupants: 1, area: '10', familyOnly: false, letByBed: false })
                }
              >
                {t('detail.addRoom')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="note" label={t('detail.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('detail.inspectionHint', { at: formatDateTime(new Date().toISOString()) })}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
