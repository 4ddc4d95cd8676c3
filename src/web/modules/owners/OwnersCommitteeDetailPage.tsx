import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  type CommitteeSystem,
  committeeOffices,
  committeeStatuses,
  committeeSystems,
  EVIDENCE_VALID_DAYS,
  meetingKinds,
} from '../../../contracts/owners';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { type CommitteeDetail, type Meeting, type OwnerUnit, useCommittee } from './api';
import { day, FileLink, FileUpload, showProblem, todayPicker } from './common';
import { ComplianceBar, TermText } from './OwnersCommitteesPage';

type Member = CommitteeDetail['members'][number];
type Evidence = CommitteeDetail['systems'][number]['evidence'][number];

const evidenceColor = { pending: 'gold', accepted: 'green', rejected: 'red' } as const;

/** One owners' committee: members and offices, the eight operating systems with evidence, meetings. */
export default function OwnersCommitteeDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('owners');
  const navigate = useNavigate();
  const { data, isLoading, error, refetch } = useCommittee(Number(id));
  const [editing, setEditing] = useState(false);
  const [member, setMember] = useState<Member | 'new' | null>(null);
  const [evidenceFor, setEvidenceFor] = useState<CommitteeSystem | null>(null);
  const [reviewing, setReviewing] = useState<Evidence | null>(null);
  const [meeting, setMeeting] = useState(false);

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <>
          <PageHeader
            title={data.name}
            subtitle={`${data.community.name} · ${data.street.name}`}
            tags={
              <Tag color={data.status === 'active' ? 'green' : 'default'}>
                {t(`committeeStatus.${data.status}`)}
              </Tag>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {data.abilities.edit && (
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => setEditing(true)}
                    data-testid="committee-edit"
                  >
                    {t('common:edit')}
                  </Button>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('field.members')} value={data.memberCount} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('committees.crossCount', { count: data.crossAppointedCount })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('field.compliance')} value={data.compliance.percent} suffix="%" />
                <ComplianceBar compliance={data.compliance} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small">
                <Typography.Text type="secondary">{t('committees.term')}</Typography.Text>
                <TermText c={data} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('field.electedOn')} {data.electedOn ?? t('common:none')} · {t('field.filedOn')}{' '}
                  {data.filedOn ?? t('committees.notFiled')}
                </Typography.Text>
              </Card>
            </Col>
            <Col span={24}>
              <Card
                title={t('committees.members')}
                extra={
                  data.abilities.manageMembers && (
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => setMember('new')}
                      data-testid="member-add"
                    >
                      {t('committees.addMember')}
                    </Button>
                  )
                }
              >
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={data.members}
                  data-testid="member-table"
                  onRow={(m) => ({ style: m.leftOn ? { opacity: 0.55 } : {} })}
                  columns={[
                    { title: t('committees.memberName'), dataIndex: 'name' },
                    { title: t('field.office'), render: (_v, m) => t(`office.${m.office}`) },
                    { title: t('field.unit'), render: (_v, m) => m.unit?.label ?? '' },
                    { title: t('field.phone'), dataIndex: 'phone', responsive: ['md'] },
                    {
                      title: t('committees.crossAppointed'),
                      render: (_v, m) =>
                        m.crossAppointed ? (
                          <Tag color="blue">{m.crossAppointedRole ?? t('committees.crossAppointedYes')}</Tag>
                        ) : null,
                    },
                    {
                      title: t('committees.memberTerm'),
                      render: (_v, m) =>
                        m.leftOn ? (
                          <Typography.Text type="secondary">
                            {t('committees.leftOn', { date: m.leftOn })}
                          </Typography.Text>
                        ) : (
                          `${m.termStart} – ${m.termEnd}`
                        ),
                      responsive: ['lg'],
                    },
                    ...(data.abilities.manageMembers
                      ? [
                          {
                            title: '',
                            render: (_v: unknown, m: Member) =>
                              !m.leftOn && (
                                <Button size="small" type="link" onClick={() => setMember(m)}>
                                  {t('common:edit')}
                                </Button>
                              ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card
                title={t('committees.systems')}
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('committees.systemsHelp', { days: EVIDENCE_VALID_DAYS })}
                  </Typography.Text>
                }
              >
                <Collapse
                  data-testid="system-list"
                  items={data.systems.map((s) => ({
                    key: s.system,
                    label: (
                      <Flex justify="space-between" gap={8} wrap style={{ paddingRight: 16 }}>
                        <Space>
                          {s.compliant ? (
                            <CheckCircleFilled style={{ color: '#52c41a' }} />
                          ) : (
                            <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                          )}
                          <span data-testid={`system-${s.system}`}>{t(`system.${s.system}`)}</span>
                        </Space>
                        <Typography.Text type="secondary">
                          {s.lastEvidenceOn
                            ? t('committees.lastEvidence', {
                                date: s.lastEvidenceOn,
                                count: s.evidence.length,
                              })
                            : t('committees.noEvidence')}
                        </Typography.Text>
                      </Flex>
                    ),
                    extra: data.abilities.addEvidence && (
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        onClick={(e) => {
                          e.stopPropagation();
                          setEvidenceFor(s.system);
                        }}
                        data-testid={`evidence-add-${s.system}`}
                      >
                        {t('committees.addEvidence')}
                      </Button>
                    ),
                    children: (
                      <Table
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={s.evidence}
                        locale={{ emptyText: t('committees.noEvidence') }}
                        columns={[
                          { title: t('field.title'), dataIndex: 'title' },
                          { title: t('field.heldOn'), dataIndex: 'evidenceOn', width: 110 },
                          {
                            title: t('field.evidence'),
                            render: (_v, e) => (e.file ? <FileLink file={e.file} /> : (e.note ?? '')),
                          },
                          {
                            title: t('committees.review'),
                            render: (_v, e) => (
                              <Flex vertical>
                                <Tag color={evidenceColor[e.reviewStatus]} style={{ width: 'fit-content' }}>
                                  {t(`evidenceStatus.${e.reviewStatus}`)}
                                </Tag>
                                {e.reviewNote && (
                                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                    {e.reviewNote}
                                  </Typography.Text>
                                )}
                              </Flex>
                            ),
                          },
                          ...(data.abilities.reviewEvidence
                            ? [
                                {
                                  title: '',
                                  render: (_v: unknown, e: Evidence) =>
                                    e.reviewStatus === 'pending' && (
                                      <Button
                                        size="small"
                                        onClick={() => setReviewing(e)}
                                        data-testid="evidence-review"
                                      >
                                        {t('committees.review')}
                                      </Button>
                                    ),
                                },
                              ]
                            : []),
                        ]}
                      />
                    ),
                  }))}
                />
              </Card>
            </Col>
            <Col span={24}>
              <MeetingsCard committee={data} onAdd={() => setMeeting(true)} />
            </Col>
            {data.reminders.length > 0 && (
              <Col span={24}>
                <Card title={t('committees.reminders')}>
                  {data.reminders.map((r) => (
                    <div key={`${r.kind}-${r.createdAt}`}>
                      <Typography.Text type={r.kind === 'expired' ? 'danger' : 'warning'}>
                        {t(`reminder.${r.kind}`)}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
                    </div>
                  ))}
                </Card>
              </Col>
            )}
          </Row>
          {editing && <EditModal committee={data} onClose={() => setEditing(false)} />}
          {member && <MemberModal committee={data} member={member} onClose={() => setMember(null)} />}
          {evidenceFor && (
            <EvidenceModal committee={data} system={evidenceFor} onClose={() => setEvidenceFor(null)} />
          )}
          {reviewing && (
            <ReviewModal committee={data} evidence={reviewing} onClose={() => setReviewing(null)} />
          )}
          {meeting && <MeetingModal committee={data} onClose={() => setMeeting(false)} />}
        </>
      )}
    </QueryState>
  );
}

function useCommitteeMutation<T>(
  committee: CommitteeDetail,
  fn: (v: T) => Promise<unknown>,
  onDone: () => void,
) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const mutation = useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      message.success(t('common:saved'));
      if (data && typeof data === 'object' && 'members' in data)
        client.setQueryData(['owners-committee', committee.id], data);
      else void client.invalidateQueries({ queryKey: ['owners-committee', committee.id] });
      void client.invalidateQueries({ queryKey: ['/owners-committees'] });
      void client.invalidateQueries({ queryKey: [`/owners-committees/${committee.id}/meetings`] });
      onDone();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return { form, mutation };
}

const required = (t: (k: string) => string) => [{ required: true, message: t('errors:field.required') }];

function EditModal({ committee, onClose }: { committee: CommitteeDetail; onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { form, mutation } = useCommitteeMutation(
    committee,
    (v: { name: string; termEnd: dayjs.Dayjs; filedOn?: dayjs.Dayjs | null; status: string }) =>
      api.patch(`/owners-committees/${committee.id}`, {
        version: committee.version,
        name: v.name,
        termEnd: day(v.termEnd),
        filedOn: v.filedOn ? day(v.filedOn) : null,
        status: v.status,
      }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('common:edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          name: committee.name,
          termEnd: dayjs(committee.termEnd),
          filedOn: committee.filedOn ? dayjs(committee.filedOn) : null,
          status: committee.status,
        }}
      >
        <Form.Item name="name" label={t('committees.name')} rules={required(t)}>
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="termEnd" label={t('field.termEnd')} rules={required(t)}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="filedOn" label={t('field.filedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="status" label={t('field.committeeStatus')} style={{ minWidth: 140 }}>
            <Select
              options={committeeStatuses.map((s) => ({ value: s, label: t(`committeeStatus.${s}`) }))}
            />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** Owners of the committee's community, found by name for the member form. */
function OwnerPicker({
  communityId,
  value,
  onChange,
}: {
  communityId: number;
  value?: number;
  onChange?: (v: number) => void;
}) {
  const { t } = useTranslation('owners');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['owner-picker', communityId, q],
    queryFn: () => api.get<{ items: OwnerUnit[] }>('/owner-units', { communityId, q, limit: 30 }),
    enabled: q.length > 0,
  });
  const options = new Map<number, string>();
  for (const u of found.data?.items ?? [])
    for (const o of u.owners)
      if (o.personId) options.set(o.personId, `${o.name} · ${u.building.name}${u.number}`);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('committees.searchOwner')}
      notFoundContent={q ? t('committees.noOwnerFound') : t('committees.typeToSearch')}
      loading={found.isFetching}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      data-testid="member-person"
    />
  );
}

function MemberModal({
  committee,
  member,
  onClose,
}: {
  committee: CommitteeDetail;
  member: Member | 'new';
  onClose: () => void;
}) {
  const { t } = useTranslation('owners');
  const isNew = member === 'new';
  const { form, mutation } = useCommitteeMutation(
    committee,
    (v: {
      personId?: number;
      office: string;
      crossAppointed: boolean;
      crossAppointedRole?: string;
      leftOn?: dayjs.Dayjs | null;
    }) =>
      isNew
        ? api.post(`/owners-committees/${committee.id}/members`, {
            personId: v.personId,
            office: v.office,
            crossAppointed: v.crossAppointed,
            ...(v.crossAppointed && v.crossAppointedRole ? { crossAppointedRole: v.crossAppointedRole } : {}),
          })
        : api.patch(`/owners-committees/${committee.id}/members/${member.id}`, {
            version: member.version,
            office: v.office,
            crossAppointed: v.crossAppointed,
            crossAppointedRole: v.crossAppointed ? (v.crossAppointedRole ?? null) : null,
            leftOn: v.leftOn ? day(v.leftOn) : null,
          }),
    onClose,
  );
  const cross = Form.useWatch('crossAppointed', form);
  return (
    <Modal
      open
      title={isNew ? t('committees.addMember') : member.name}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common:save')}
      okButtonProps={{ id: 'member-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        initialValues={
          isNew
            ? { office: 'member', crossAppointed: false }
            : {
                office: member.office,
                crossAppointed: member.crossAppointed,
                crossAppointedRole: member.crossAppointedRole ?? undefined,
              }
        }
      >
        {isNew && (
          <Form.Item
            name="personId"
            label={t('committees.memberName')}
            rules={required(t)}
            extra={t('committees.memberMustOwn')}
          >
            <OwnerPicker communityId={committee.community.id} />
          </Form.Item>
        )}
        <Form.Item name="office" label={t('field.office')}>
          <Select options={committeeOffices.map((o) => ({ value: o, label: t(`office.${o}`) }))} />
        </Form.Item>
        <Form.Item name="crossAppointed" label={t('committees.crossAppointed')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {cross && (
          <Form.Item name="crossAppointedRole" label={t('committees.crossAppointedRole')}>
            <Input maxLength={50} placeholder={t('committees.crossAppointedRolePlaceholder')} />
          </Form.Item>
        )}
        {!isNew && (
          <Form.Item name="leftOn" label={t('committees.leftOnLabel')}>
            <DatePicker />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function EvidenceModal({
  committee,
  system,
  onClose,
}: {
  committee: CommitteeDetail;
  system: CommitteeSystem;
  onClose: () => void;
}) {
  const { t } = useTranslation('owners');
  const [fileIds, setFileIds] = useState<number[]>([]);
  const { form, mutation } = useCommitteeMutation(
    committee,
    (v: { system: CommitteeSystem; title: string; evidenceOn: dayjs.Dayjs; note?: string }) =>
      api.post(`/owners-committees/${committee.id}/evidence`, {
        system: v.system,
        title: v.title,
        evidenceOn: day(v.evidenceOn),
        ...(fileIds[0] ? { fileId: fileIds[0] } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('committees.addEvidence')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{ system, evidenceOn: todayPicker() }}
      >
        <Form.Item name="system" label={t('committees.system')}>
          <Select options={committeeSystems.map((s) => ({ value: s, label: t(`system.${s}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')} rules={required(t)}>
          <Input maxLength={200} placeholder={t('committees.evidenceTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="evidenceOn" label={t('committees.evidenceOn')} rules={required(t)}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t('field.evidence')}>
          <FileUpload communityId={committee.community.id} onChange={setFileIds} max={1} />
        </Form.Item>
        <Form.Item name="note" label={t('committees.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewModal({
  committee,
  evidence,
  onClose,
}: {
  committee: CommitteeDetail;
  evidence: Evidence;
  onClose: () => void;
}) {
  const { t } = useTranslation('owners');
  const { form, mutation } = useCommitteeMutation(
    committee,
    (v: { status: 'accepted' | 'rejected'; note?: string }) =>
      api.post(`/owners-committees/${committee.id}/evidence/${evidence.id}/review`, {
        status: v.status,
        ...(v.note ? { note: v.note } : {}),
      }),
    onClose,
  );
  return (
    <Modal
      open
      title={`${t('committees.review')} · ${evidence.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common:save')}
    >
      <Typography.Paragraph>
        {t(`system.${evidence.system}`)} · {evidence.evidenceOn}
        {evidence.file && (
          <>
            {' · '}
            <FileLink file={evidence.file} />
          </>
        )}
      </Typography.Paragraph>
      {evidence.note && <Typography.Paragraph type="secondary">{evidence.note}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{ status: 'accepted' }}
      >
        <Form.Item name="status" label={t('committees.reviewResult')}>
          <Select
            options={(['accepted', 'rejected'] as const).map((s) => ({
              value: s,
              label: t(`evidenceStatus.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('committees.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeetingsCard({ committee, onAdd }: { committee: CommitteeDetail; onAdd: () => void }) {
  const { t } = useTranslation('owners');
  const list = useCursorPages<Meeting>(`/owners-committees/${committee.id}/meetings`, {}, 10);
  return (
    <Card
      title={t('committees.meetings')}
      extra={
        committee.abilities.addMeeting && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="meeting-add">
            {t('committees.addMeeting')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        locale={{ emptyText: t('committees.noMeetings') }}
        expandable={{
          expandedRowRender: (m) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {m.minutes}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('field.heldOn'), dataIndex: 'heldOn', width: 110 },
          { title: t('committees.meetingKind'), render: (_v, m) => t(`meetingKind.${m.kind}`), width: 100 },
          { title: t('field.title'), dataIndex: 'title' },
          { title: t('committees.attendees'), dataIndex: 'attendees', align: 'right', width: 90 },
          {
            title: t('field.minutes'),
            render: (_v, m) => (
              <Space>
                {m.minutesFile && <FileLink file={m.minutesFile} />}
                {m.disclosureId && <Tag color="blue">{t('committees.disclosed')}</Tag>}
              </Space>
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
    </Card>
  );
}

function MeetingModal({ committee, onClose }: { committee: CommitteeDetail; onClose: () => void }) {
  const { t } = useTranslation('owners');
  const [fileIds, setFileIds] = useState<number[]>([]);
  const { form, mutation } = useCommitteeMutation(
    committee,
    (v: {
      kind: string;
      heldOn: dayjs.Dayjs;
      title: string;
      attendees: number;
      minutes: string;
      disclose: boolean;
    }) =>
      api.post(`/owners-committees/${committee.id}/meetings`, {
        ...v,
        heldOn: day(v.heldOn),
        ...(fileIds[0] ? { minutesFileId: fileIds[0] } : {}),
      }),
    onClose,
  );
  return (
    <Modal
      open
      width={640}
      title={t('committees.addMeeting')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        initialValues={{
          kind: 'regular',
          heldOn: todayPicker(),
          attendees: committee.memberCount,
          disclose: true,
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('committees.meetingKind')} style={{ minWidth: 140 }}>
            <Select options={meetingKinds.map((k) => ({ value: k, label: t(`meetingKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('field.heldOn')} rules={required(t)}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="attendees" label={t('committees.attendees')} rules={required(t)}>
            <InputNumber min={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required(t)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="minutes" label={t('field.minutes')} rules={required(t)}>
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
        <Form.Item label={t('committees.minutesFile')}>
          <FileUpload communityId={committee.community.id} onChange={setFileIds} max={1} />
        </Form.Item>
        <Form.Item name="disclose" valuePropName="checked">
          <Checkbox>{t('committees.discloseMinutes')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
