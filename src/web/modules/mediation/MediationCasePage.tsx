import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { day, FileLink, FileUpload, showProblem, todayPicker } from '../owners/common';
import { type MediationCaseDetail, MediationStatusTag } from './MediationPage';

type Step = 'session' | 'extend' | 'close';

/** One dispute: parties, sessions, the time limit and its extensions, the outcome and agreement. */
export default function MediationCasePage() {
  const { id } = useParams();
  const { t } = useTranslation('mediation');
  const navigate = useNavigate();
  const detail = useQuery({
    queryKey: ['mediation-case', Number(id)],
    queryFn: () => api.get<MediationCaseDetail>(`/mediation/cases/${id}`),
  });
  const [step, setStep] = useState<Step | null>(null);
  const c = detail.data;
  return (
    <QueryState loading={detail.isLoading} error={detail.error} retry={() => void detail.refetch()}>
      {c && (
        <>
          <PageHeader
            title={c.title}
            subtitle={`${c.committee.name} · ${t(`disputeType.${c.disputeType}`)}${c.community ? ` · ${c.community.name}` : ''}`}
            tags={
              <>
                <MediationStatusTag status={c.status} />
                {c.overdue && <Tag color="red">{t('page.overdue')}</Tag>}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {c.abilities.addSession && (
                  <Button onClick={() => setStep('session')} data-testid="mediation-session">
                    {t('case.addSession')}
                  </Button>
                )}
                {c.abilities.extend && <Button onClick={() => setStep('extend')}>{t('case.extend')}</Button>}
                {c.abilities.close && (
                  <Button type="primary" onClick={() => setStep('close')} data-testid="mediation-close">
                    {t('case.close')}
                  </Button>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Flex vertical gap={16}>
                <Card title={t('case.facts')}>
                  <Descriptions column={{ xs: 1, md: 2 }} size="small">
                    <Descriptions.Item label={t('field.receivedOn')}>{c.receivedOn}</Descriptions.Item>
                    <Descriptions.Item label={t('field.dueOn')}>
                      {c.dueOn} {c.overdue && <Tag color="red">{t('page.overdue')}</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('field.mediator')}>
                      {c.mediator?.name ?? t('common:none')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('field.closedOn')}>
                      {c.closedOn ?? t('case.open')}
                    </Descriptions.Item>
                    {c.description && (
                      <Descriptions.Item label={t('page.description')} span={2}>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                </Card>
                <Card title={t('page.parties')}>
                  <Table
                    rowKey={(p) => `${p.role}-${p.name}`}
                    size="small"
                    pagination={false}
                    dataSource={c.parties}
                    columns={[
                      { title: t('case.role'), render: (_v, p) => t(`partyRole.${p.role}`) },
                      { title: t('case.kind'), render: (_v, p) => t(`partyKind.${p.kind}`) },
                      { title: t('page.partyName'), dataIndex: 'name' },
                      { title: t('page.partyPhone'), render: (_v, p) => p.phone ?? '' },
                    ]}
                  />
                </Card>
                {(c.agreement || c.outcomeNote) && (
                  <Card title={t('case.outcome')}>
                    {c.agreement && (
                      <Flex vertical gap={8}>
                        <Typography.Text strong>
                          {t('case.agreementSigned', { date: c.agreement.signedOn })}
                        </Typography.Text>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                          {c.agreement.text}
                        </Typography.Paragraph>
                        {c.agreement.fileId && (
                          <FileLink file={{ id: c.agreement.fileId, name: t('case.agreementFile') }} />
                        )}
                      </Flex>
                    )}
                    {c.outcomeNote && <Typography.Paragraph>{c.outcomeNote}</Typography.Paragraph>}
                  </Card>
                )}
              </Flex>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('case.sessions')}>
                {c.sessions.length === 0 && c.extensions.length === 0 ? (
                  <Typography.Text type="secondary">{t('case.noSessions')}</Typography.Text>
                ) : (
                  <Timeline
                    items={[
                      ...c.sessions.map((s) => ({
                        key: `s${s.id}`,
                        at: s.heldOn,
                        color: 'blue',
                        content: (
                          <Flex vertical>
                            <Typography.Text strong>
                              {s.heldOn} · {s.place}
                            </Typography.Text>
                            <Typography.Text>{s.notes}</Typography.Text>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {s.by}
                            </Typography.Text>
                          </Flex>
                        ),
                      })),
                      ...c.extensions.map((e, i) => ({
                        key: `e${i}`,
                        at: e.at.slice(0, 10),
                        color: 'orange',
                        content: (
                          <Flex vertical>
                            <Typography.Text strong>{t('case.extended', { days: e.days })}</Typography.Text>
                            <Typography.Text>{e.reason}</Typography.Text>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatDateTime(e.at)}
                            </Typography.Text>
                          </Flex>
                        ),
                      })),
                    ]
                      .sort((a, b) => (a.at < b.at ? -1 : 1))
                      .map(({ at: _at, ...item }) => item)}
                  />
                )}
              </Card>
            </Col>
          </Row>
          {step && <StepModal c={c} step={step} onClose={() => setStep(null)} />}
        </>
      )}
    </QueryState>
  );
}

function StepModal({ c, step, onClose }: { c: MediationCaseDetail; step: Step; onClose: () => void }) {
  const { t } = useTranslation('mediation');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [fileIds, setFileIds] = useState<number[]>([]);
  const outcome = Form.useWatch('outcome', form);
  const save = useMutation({
    mutationFn: (v: {
      heldOn?: Dayjs;
      place?: string;
      notes?: string;
      days?: number;
      reason?: string;
      outcome?: string;
      closedOn?: Dayjs;
      note?: string;
      agreementText?: string;
      signedOn?: Dayjs;
    }) => {
      const base = `/mediation/cases/${c.id}`;
      if (step === 'session')
        return api.post<MediationCaseDetail>(`${base}/sessions`, {
          version: c.version,
          heldOn: day(v.heldOn),
          place: v.place,
          notes: v.notes,
        });
      if (step === 'extend')
        return api.post<MediationCaseDetail>(`${base}/extend`, {
          version: c.version,
          days: v.days,
          reason: v.reason,
        });
      return api.post<MediationCaseDetail>(`${base}/close`, {
        version: c.version,
        outcome: v.outcome,
        closedOn: day(v.closedOn),
        ...(v.note ? { note: v.note } : {}),
        ...(v.outcome === 'agreed'
          ? {
              agreement: {
                text: v.agreementText,
                signedOn: day(v.signedOn),
                ...(fileIds[0] ? { fileId: fileIds[0] } : {}),
              },
            }
          : {}),
      });
    },
    onSuccess: (data) => {
      message.success(t('common:saved'));
      client.setQueryData(['mediation-case', c.id], data);
      void client.invalidateQueries({ queryKey: ['/mediation/cases'] });
      void client.invalidateQueries({ queryKey: ['mediation-stats'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={600}
      title={t(`case.${step === 'session' ? 'addSession' : step}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          heldOn: todayPicker(),
          closedOn: todayPicker(),
          signedOn: todayPicker(),
          outcome: 'agreed',
          days: 15,
        }}
      >
        {step === 'session' && (
          <>
            <Form.Item name="heldOn" label={t('case.heldOn')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="place" label={t('case.place')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="notes" label={t('case.notes')} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
          </>
        )}
        {step === 'extend' && (
          <>
            <Alert
              type="info"
              showIcon
              title={t('case.extendHelp', { due: c.dueOn })}
              style={{ marginBottom: 16 }}
            />
            <Form.Item name="days" label={t('case.days')} rules={required}>
              <InputNumber min={1} max={60} />
            </Form.Item>
            <Form.Item name="reason" label={t('case.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        )}
        {step === 'close' && (
          <>
            <Flex gap={12} wrap>
              <Form.Item name="outcome" label={t('case.outcome')} style={{ width: 160 }}>
                <Select
                  options={(['agreed', 'failed', 'withdrawn'] as const).map((o) => ({
                    value: o,
                    label: t(`status.${o}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="closedOn" label={t('field.closedOn')} rules={required}>
                <DatePicker />
              </Form.Item>
            </Flex>
            {outcome === 'agreed' && (
              <>
                <Form.Item name="agreementText" label={t('case.agreement')} rules={required}>
                  <Input.TextArea rows={5} maxLength={20000} />
                </Form.Item>
                <Flex gap={12} wrap align="flex-start">
                  <Form.Item name="signedOn" label={t('case.signedOn')} rules={required}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item label={t('case.agreementFile')}>
                    <FileUpload communityId={c.community?.id} onChange={setFileIds} max={1} />
                  </Form.Item>
                </Flex>
              </>
            )}
            <Form.Item name="note" label={t('case.outcomeNote')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
