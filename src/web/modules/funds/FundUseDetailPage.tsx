import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
  Modal,
  Progress,
  Row,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { FundUseAction, FundUseState } from '../../../contracts/funds';
import { api } from '../../api/client';
import { useActorName } from '../../components/actorName';
import {
  formatArea,
  formatDateTime,
  formatFen,
  pickerToInstant,
  shanghaiNowForPicker,
} from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import {
  day,
  FileLink,
  FileUpload,
  Money,
  showProblem,
  todayPicker,
  toFen,
  YuanInput,
} from '../owners/common';
import { type FundUseDetail, type Share, useFundUse } from './api';
import { EntryDrawer, FundUseStatusTag } from './components';

const normalSteps: FundUseState[] = [
  'draft',
  'voting',
  'committee_confirmed',
  'submitted',
  'bureau_approved',
  'disbursing',
  'accepted',
  'disclosed',
];
const emergencySteps: FundUseState[] = [
  'draft',
  'submitted',
  'bureau_approved',
  'disbursing',
  'accepted',
  'disclosed',
];

/** Actions that move the work forward are primary; the others are plain or dangerous. */
const danger = new Set<FundUseAction>(['reject', 'cancel']);

/** One fund use: where it stands on its path, the step the caller may take, tranches and shares. */
export default function FundUseDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('funds');
  const navigate = useNavigate();
  const actorName = useActorName();
  const { data, isLoading, error, refetch } = useFundUse(Number(id));
  const [action, setAction] = useState<FundUseAction | 'start_vote' | 'tranche' | null>(null);
  const [entryId, setEntryId] = useState<number | null>(null);

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <>
          <PageHeader
            title={<span data-testid="fund-use-title">{data.title}</span>}
            subtitle={`${data.community.name} · ${formatDateTime(data.createdAt)}`}
            tags={
              <>
                <FundUseStatusTag status={data.status} />
                {data.disclosureOverdue && <Tag color="error">{t('disclosure.overdue')}</Tag>}
                {data.path === 'emergency' ? (
                  <Tag color="red">
                    {t('path.emergency')}
                    {data.emergencyKind ? ` · ${t(`emergencyKind.${data.emergencyKind}`)}` : ''}
                  </Tag>
                ) : (
                  <Tag>{t('path.normal')}</Tag>
                )}
              </>
            }
            extra={
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                {t('common:back')}
              </Button>
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <PathSteps use={data} />
          </Card>
          <DisclosureDeadline use={data} />
          <NextStep use={data} onAction={setAction} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Flex vertical gap={16}>
                <Card title={t('uses.facts')}>
                  <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="fund-use-facts">
                    <Descriptions.Item label={t('uses.budget')}>
                      <Money fen={data.budgetFen} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('uses.approved')}>
                      {data.approvedFen === null ? t('uses.notYet') : <Money fen={data.approvedFen} strong />}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('uses.disbursed')} span={2}>
                      <Flex vertical style={{ width: '100%' }}>
                        <span data-testid="fund-use-disbursed">
                          <Money fen={data.disbursedFen} />
                        </span>
                        {data.approvedFen !== null && (
                          <Progress
                            percent={
                              data.approvedFen ? Math.round((data.disbursedFen / data.approvedFen) * 100) : 0
                            }
                            size="small"
                          />
                        )}
                      </Flex>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('uses.payee')}>
                      {data.payee || t('common:none')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('uses.scope')}>
                      {data.buildings.length
                        ? data.buildings.map((b) => b.name).join(t('common:listSeparator'))
                        : t('uses.wholeCommunity')}
                      {' · '}
                      {t('uses.scopeSize', { units: data.scopeUnits, area: formatArea(data.scopeArea) })}
                    </Descriptions.Item>
                    {data.vote && (
                      <Descriptions.Item label={t('uses.vote')}>
                        <Link to={`/votes/${data.vote.id}`} data-testid="fund-use-vote-link">
                          {data.vote.status === 'closed'
                            ? t(data.vote.passed ? 'votes:result.passed' : 'votes:result.failed')
                            : t(`votes:status.${data.vote.status}`)}
                        </Link>
                      </Descriptions.Item>
                    )}
                    {data.source.hazard && (
                      <Descriptions.Item label={t('link.sourceHazard')} span={2}>
                        <Link to={`/hazards/${data.source.hazard.id}`} data-testid="fund-use-source-hazard">
                          {data.source.hazard.number} · {data.source.hazard.title}
                        </Link>
                      </Descriptions.Item>
                    )}
                    {data.source.case && (
                      <Descriptions.Item label={t('link.sourceCase')} span={2}>
                        <Link to={`/cases/${data.source.case.id}`} data-testid="fund-use-source-case">
                          {data.source.case.number} · {data.source.case.title}
                        </Link>
                      </Descriptions.Item>
                    )}
                    {/* linked, but outside what the caller may see */}
                    {((data.caseId && !data.source.case) || (data.hazardId && !data.source.hazard)) && (
                      <Descriptions.Item label={t('link.source')} span={2}>
                        {t('link.sourceHidden')}
                      </Descriptions.Item>
                    )}
                    {data.path === 'emergency' && (
                      <Descriptions.Item label={t('uses.evidence')} span={2}>
                        {data.evidence.length ? (
                          <Flex vertical data-testid="fund-use-evidence">
                            {data.evidence.map((f) => (
                              <FileLink key={f.id} file={f} />
                            ))}
                          </Flex>
                        ) : (
                          t('uses.noEvidence')
                        )}
                      </Descriptions.Item>
                    )}
                    {data.disclosureDueOn && (
                      <Descriptions.Item label={t('disclosure.deadline')}>
                        {data.disclosureDueOn}
                      </Descriptions.Item>
                    )}
                    {data.disclosureId && (
                      <Descriptions.Item label={t('uses.disclosure')}>
                        <Link to="/disclosures">{t('uses.disclosed')}</Link>
                      </Descriptions.Item>
                    )}
                    {data.description && (
                      <Descriptions.Item label={t('uses.description')} span={2}>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{data.description}</span>
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                </Card>
                <Card title={t('uses.tranches')}>
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={data.tranches}
                    locale={{ emptyText: t('uses.noTranches') }}
                    data-testid="tranche-table"
                    columns={[
                      { title: t('uses.seq'), render: (_v, x) => t('uses.trancheNo', { seq: x.seq }) },
                      { title: t('uses.paidOn'), dataIndex: 'paidOn' },
                      {
                        title: t('uses.amount'),
                        render: (_v, x) => <Money fen={x.amountFen} />,
                        align: 'right',
                      },
                      { title: t('uses.payee'), dataIndex: 'payee', responsive: ['md'] },
                      {
                        title: t('uses.entry'),
                        render: (_v, x) => (
                          <Button size="small" type="link" onClick={() => setEntryId(x.entryId)}>
                            {t('uses.showEntry')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </Card>
                <SharesCard use={data} />
              </Flex>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('uses.timeline')}>
                <Timeline
                  data-testid="fund-use-timeline"
                  items={data.events.map((e) => ({
                    color:
                      e.action === 'reject' || e.action === 'cancel' || e.action === 'disclosure_overdue'
                        ? 'red'
                        : e.action === 'disclose'
                          ? 'green'
                          : 'blue',
                    content: (
                      <Flex vertical>
                        <Typography.Text strong>{t(`action.${e.action}`)}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {actorName(e.by)} · {formatDateTime(e.at)}
                        </Typography.Text>
                        {e.action.startsWith('disclosure_') ? (
                          <Typography.Text>{t('disclosure.dueOn', { date: e.note })}</Typography.Text>
                        ) : (
                          e.note && e.action !== 'tranche' && <Typography.Text>{e.note}</Typography.Text>
                        )}
                      </Flex>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
          {action && <ActionModal use={data} action={action} onClose={() => setAction(null)} />}
          {entryId !== null && <EntryDrawer entryId={entryId} onClose={() => setEntryId(null)} />}
        </>
      )}
    </QueryState>
  );
}

/** An accepted emergency use must be disclosed by its day: how long is left, or that it is late. */
function DisclosureDeadline({ use }: { use: FundUseDetail }) {
  const { t } = useTranslation('funds');
  if (use.status !== 'accepted' || !use.disclosureDueOn) return null;
  return (
    <Alert
      type={use.disclosureOverdue ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="fund-use-deadline"
      title={
        use.disclosureOverdue
          ? t('disclosure.overdueOn', { date: use.disclosureDueOn })
          : t('disclosure.dueOn', { date: use.disclosureDueOn })
      }
      description={t(
        use.disclosureOverdue
          ? use.disclosureEscalatedAt
            ? 'disclosure.escalated'
            : 'disclosure.overdueHelp'
          : 'disclosure.help',
      )}
    />
  );
}

function PathSteps({ use }: { use: FundUseDetail }) {
  const { t } = useTranslation('funds');
  const steps = use.path === 'normal' ? normalSteps : emergencySteps;
  const terminal = use.status === 'bureau_rejected' || use.status === 'cancelled';
  // where a stopped fund use stopped: the last state its events reached on the path
  const reached = terminal
    ? [...use.events].reverse().find((e) => steps.includes(e.from as FundUseState))?.from
    : use.status;
  const current = Math.max(0, steps.indexOf((reached ?? 'draft') as FundUseState));
  return (
    <Steps
      size="small"
      current={use.status === 'disclosed' ? steps.length : current}
      status={terminal ? 'error' : use.status === 'disclosed' ? 'finish' : 'process'}
      items={steps.map((s, i) => ({
        title: t(`step.${s}`),
        description: terminal && i === current ? t(`useStatus.${use.status}`) : undefined,
      }))}
      data-testid="fund-use-steps"
    />
  );
}

/** The step the caller can take now, or who the fund use is waiting for. */
function NextStep({
  use,
  onAction,
}: {
  use: FundUseDetail;
  onAction: (a: FundUseAction | 'start_vote' | 'tranche') => void;
}) {
  const { t } = useTranslation('funds');
  // the committee confirms only once the owners' vote has closed and passed
  const votePassed = use.vote?.status === 'closed' && use.vote.passed === true;
  const actions = use.abilities.actions.filter((a) => a !== 'confirm' || votePassed);
  const forward = actions.some((a) => !danger.has(a)) || use.abilities.startVote || use.abilities.addTranche;
  const any = actions.length > 0 || use.abilities.startVote || use.abilities.addTranche;
  const waiting = t(
    use.status === 'voting' && use.vote?.status === 'closed' && !votePassed
      ? 'waiting.voteFailed'
      : `waiting.${use.status}`,
    { defaultValue: '' },
  );
  if (!any)
    return waiting ? <Alert type="info" showIcon title={waiting} style={{ marginBottom: 16 }} /> : null;
  return (
    <Card style={{ marginBottom: 16 }} data-testid="fund-use-next">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text>
          {forward ? t(`yourStep.${use.status}`, { defaultValue: t('yourStep.default') }) : waiting}
        </Typography.Text>
        <Flex gap={8} wrap>
          {use.abilities.startVote && (
            <Button type="primary" onClick={() => onAction('start_vote')} data-testid="fund-use-start_vote">
              {t('action.start_vote')}
            </Button>
          )}
          {actions
            .filter((a) => !danger.has(a))
            .map((a) => (
              <Button key={a} type="primary" onClick={() => onAction(a)} data-testid={`fund-use-${a}`}>
                {t(`action.${a}`)}
              </Button>
            ))}
          {use.abilities.addTranche && (
            <Button
              type={actions.length ? 'default' : 'primary'}
              onClick={() => onAction('tranche')}
              data-testid="fund-use-tranche"
            >
              {t('action.tranche')}
            </Button>
          )}
          {actions
            .filter((a) => danger.has(a))
            .map((a) => (
              <Button key={a} danger onClick={() => onAction(a)} data-testid={`fund-use-${a}`}>
                {t(`action.${a}`)}
              </Button>
            ))}
        </Flex>
      </Flex>
    </Card>
  );
}

function ActionModal({
  use,
  action,
  onClose,
}: {
  use: FundUseDetail;
  action: FundUseAction | 'start_vote' | 'tranche';
  onClose: () => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [documents, setDocuments] = useState<number[]>([]);
  const remaining = (use.approvedFen ?? 0) - use.disbursedFen;
  const save = useMutation({
    mutationFn: (v: {
      closesAt?: Dayjs;
      note?: string;
      approvedYuan?: number;
      amountYuan?: number;
      paidOn?: Dayjs;
      payee?: string;
    }) => {
      if (action === 'start_vote')
        return api.post<FundUseDetail>(`/fund-uses/${use.id}/vote`, {
          version: use.version,
          closesAt: pickerToInstant(v.closesAt!),
          documentFileIds: documents,
        });
      if (action === 'tranche')
        return api.post<FundUseDetail>(`/fund-uses/${use.id}/tranches`, {
          version: use.version,
          amountFen: toFen(v.amountYuan),
          paidOn: day(v.paidOn),
          payee: v.payee,
        });
      return api.post<FundUseDetail>(`/fund-uses/${use.id}/transitions`, {
        action,
        version: use.version,
        ...(v.note ? { note: v.note } : {}),
        ...(action === 'approve' && v.approvedYuan ? { approvedFen: toFen(v.approvedYuan) } : {}),
      });
    },
    onSuccess: (u) => {
      message.success(t('uses.done', { action: t(`action.${action}`) }));
      client.setQueryData(['fund-use', use.id], u);
      for (const key of [
        '/fund-uses',
        `/fund-uses/${use.id}/shares`,
        'fund-community',
        'fund-history',
        '/votes',
      ])
        void client.invalidateQueries({ queryKey: [key] });
      void client.invalidateQueries({ queryKey: [`/funds/communities/${use.community.id}/units`] });
      onClose();
    },
    onError: (err) => {
      showProblem(err, message, form);
      void client.invalidateQueries({ queryKey: ['fund-use', use.id] });
    },
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      title={t(`action.${action}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('uses.submit')}
      okButtonProps={{ id: 'fund-use-action-ok', danger: danger.has(action as FundUseAction) }}
    >
      <Typography.Paragraph type="secondary">{t(`actionHelp.${action}`)}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          closesAt: shanghaiNowForPicker().add(14, 'day').hour(17).minute(0).second(0),
          approvedYuan: use.budgetFen / 100,
          amountYuan: remaining > 0 ? remaining / 100 : undefined,
          paidOn: todayPicker(),
          payee: use.payee,
        }}
      >
        {action === 'start_vote' && (
          <>
            <Form.Item name="closesAt" label={t('uses.voteClosesAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item label={t('uses.voteDocuments')} extra={t('uses.voteDocumentsHelp')}>
              <FileUpload
                communityId={use.community.id}
                onChange={setDocuments}
                max={10}
                testId="fund-use-documents"
              />
            </Form.Item>
          </>
        )}
        {action === 'approve' && (
          <Form.Item
            name="approvedYuan"
            label={t('uses.approved')}
            rules={required}
            extra={t('uses.approveHelp', { budget: formatFen(use.budgetFen) })}
          >
            <YuanInput testId="fund-use-approved" />
          </Form.Item>
        )}
        {action === 'tranche' && (
          <>
            <Form.Item
              name="amountYuan"
              label={t('uses.amount')}
              rules={required}
              extra={t('uses.trancheHelp', { remaining: formatFen(remaining) })}
            >
              <YuanInput testId="tranche-amount" />
            </Form.Item>
            <Form.Item name="paidOn" label={t('uses.paidOn')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="payee" label={t('uses.payee')} rules={required}>
              <Input maxLength={200} data-testid="tranche-payee" />
            </Form.Item>
          </>
        )}
        {action !== 'start_vote' && action !== 'tranche' && (
          <Form.Item name="note" label={t('uses.note')} rules={action === 'reject' ? required : []}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="fund-use-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Each unit's share of the cost by exclusive area: planned, and what the tranches took so far. */
function SharesCard({ use }: { use: FundUseDetail }) {
  const { t } = useTranslation('funds');
  const list = useCursorPages<Share>(`/fund-uses/${use.id}/shares`, {}, 20);
  return (
    <Card
      title={t('uses.shares')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('uses.sharesHelp')}
        </Typography.Text>
      }
    >
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        data-testid="share-table"
        onRow={(s) => ({ 'data-unit': `${s.building.name}${s.number}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('field.unit'), render: (_v, s) => `${s.building.name}${s.number}` },
          { title: t('field.exclusiveArea'), render: (_v, s) => formatArea(s.exclusiveArea), align: 'right' },
          {
            title: t(use.approvedFen === null ? 'uses.plannedOfBudget' : 'uses.planned'),
            render: (_v, s) => <Money fen={s.plannedFen} />,
            align: 'right',
          },
          {
            title: t('uses.charged'),
            render: (_v, s) => (
              <span data-testid="share-charged">
                <Money fen={s.chargedFen} />
              </span>
            ),
            align: 'right',
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
