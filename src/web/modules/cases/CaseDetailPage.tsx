import { ArrowLeftOutlined, DownOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Empty,
  Flex,
  Image,
  List,
  Progress,
  Rate,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaseAction, CaseDetail } from '../../../contracts/cases';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { useActorName } from '../../components/actorName';
import { formatDateTime, formatFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { LinkedFundUses, UseFundButton } from '../funds/FundUseLinks';
import { ActionModal } from './ActionModal';
import { caseFileUrl, useCase } from './api';
import { CaseMap } from './CaseMap';
import { CaseStateTag, DueText, SlaTag, UrgencyTag } from './components';
import { EnforcementPanel } from './EnforcementPanel';
import { SupervisionList } from './SupervisionList';

/** The main path of a case, for the progress bar at the top. */
const mainPath = ['reported', 'registered', 'dispatched', 'handled', 'closed'] as const;
const stepOf: Record<string, number> = {
  reported: 0,
  registered: 1,
  dispatched: 2,
  in_progress: 2,
  handled: 3,
  closed: 4,
  reopened: 2,
  suspended: 1,
};
/** Actions shown as buttons; the rest are in "more". */
const primary: CaseAction[] = [
  'register',
  'dispatch',
  'accept',
  'handle',
  'close',
  'rate',
  'follow_up',
  'resume',
];

export default function CaseDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('cases');
  const actorName = useActorName();
  const en = i18n.language === 'en-US';
  const navigate = useNavigate();
  const { data, isLoading, error, refetch } = useCase(Number(id));
  const [action, setAction] = useState<CaseAction | null>(null);
  const can = useCan();

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <>
          <PageHeader
            title={<span data-testid="case-title">{data.title}</span>}
            subtitle={`${data.number} · ${en ? data.category.nameEn : data.category.name} · ${data.community.name} · ${formatDateTime(data.createdAt)}`}
            tags={
              <>
                <CaseStateTag state={data.state} />
                <UrgencyTag urgency={data.urgency} />
                <SlaTag sla={data.sla} />
                {data.isEnforcement && <Tag color="red">{t('detail.enforcement')}</Tag>}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {data.availableActions
                  .filter((a) => primary.includes(a))
                  .map((a) => (
                    <Button key={a} type="primary" onClick={() => setAction(a)} data-testid={`action-${a}`}>
                      {t(`action.${a}`)}
                    </Button>
                  ))}
                {data.availableActions.some((a) => !primary.includes(a)) && (
                  <Dropdown
                    menu={{
                      items: data.availableActions
                        .filter((a) => !primary.includes(a))
                        .map((a) => ({
                          key: a,
                          label: <span data-testid={`action-${a}`}>{t(`action.${a}`)}</span>,
                          onClick: () => setAction(a),
                        })),
                    }}
                  >
                    <Button data-testid="more-actions">
                      {t('detail.moreActions')} <DownOutlined />
                    </Button>
                  </Dropdown>
                )}
                {can('fund_use.request') && !['rejected', 'merged'].includes(data.state) && (
                  <UseFundButton
                    caseId={data.id}
                    communityId={data.community.id}
                    categoryCode={data.category.code}
                  />
                )}
              </>
            }
          />
          {!['rejected', 'merged'].includes(data.state) && (
            <Card style={{ marginBottom: 16 }}>
              <Steps
                size="small"
                current={stepOf[data.state] ?? 0}
                // overdue is a deadline state, not a failed step: the current step stays "in progress"
                // and carries its deadline (red when passed) under its title
                status={data.state === 'closed' ? 'finish' : 'process'}
                items={mainPath.map((s, i) => ({
                  title: t(`state.${s}`),
                  description:
                    i === (stepOf[data.state] ?? 0) && data.state !== 'closed' && data.stageDueAt ? (
                      <span data-testid="step-deadline">
                        <SlaTag sla={data.sla} /> <DueText at={data.stageDueAt} sla={data.sla} />
                      </span>
                    ) : undefined,
                }))}
              />
            </Card>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Flex vertical gap={16}>
                <Card title={t('detail.facts')}>
                  <Overview data={data} />
                </Card>
                {data.tasks.length > 0 && (
                  <Card title={t('detail.tasks')}>
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={data.tasks}
                      data-testid="case-tasks"
                      columns={[
                        {
                          title: t('detail.taskRole'),
                          render: (_v, task) => (
                            <Tag color={task.role === 'lead' ? 'blue' : 'default'}>
                              {t(`taskRole.${task.role}`)}
                            </Tag>
                          ),
                        },
                        { title: t('detail.unit'), render: (_v, task) => task.unit.name },
                        {
                          title: t('detail.taskStatus'),
                          render: (_v, task) => t(`taskStatus.${task.status}`),
                        },
                        {
                          title: t('field.dueAt'),
                          render: (_v, task) => (
                            <Space size={4}>
                              <DueText at={task.dueAt} sla={task.sla} />
                              {task.status !== 'done' && <SlaTag sla={task.sla} />}
                            </Space>
                          ),
                        },
                        {
                          title: t('detail.doneAt'),
                          render: (_v, task) => formatDateTime(task.doneAt),
                          responsive: ['lg'],
                        },
                      ]}
                    />
                  </Card>
                )}
                {data.isEnforcement && <EnforcementPanel detail={data} />}
                <Card title={t('detail.timeline')}>
                  <Timeline
                    data-testid="case-timeline"
                    items={[...data.timeline].reverse().map((e) => ({
                      color:
                        e.action === 'escalated' || e.action === 'rework'
                          ? 'red'
                          : e.toState === 'closed'
                            ? 'green'
                            : 'blue',
                      children: (
                        <Flex vertical gap={4}>
                          <Flex gap={8} wrap align="center">
                            <Typography.Text strong>
                              {t(`action.${e.action}`, { defaultValue: e.action })}
                            </Typography.Text>
                            {e.toState && e.toState !== e.fromState && <CaseStateTag state={e.toState} />}
                            <Typography.Text type="secondary">
                              {formatDateTime(e.at)} · {actorName(e.actor)}
                              {e.caseId !== data.id ? ` · ${e.caseNumber}` : ''}
                            </Typography.Text>
                          </Flex>
                          {e.note && <Typography.Text>{e.note}</Typography.Text>}
                          {e.attachments.length > 0 && (
                            <Image.PreviewGroup>
                              <Flex gap={8} wrap>
                                {e.attachments.map((a) =>
                                  a.hasThumbnail ? (
                                    <Image
                                      key={a.fileId}
                                      className="case-thumb"
                                      width={96}
                                      height={96}
                                      src={caseFileUrl(e.caseId, a.fileId, true)}
                                      preview={{ src: caseFileUrl(e.caseId, a.fileId) }}
                                      alt=""
                                    />
                                  ) : (
                                    <a
                                      key={a.fileId}
                                      href={caseFileUrl(e.caseId, a.fileId)}
                                      target="_blank"
                                      rel="noreferrer"
                                    >
                                      <PaperClipOutlined /> {a.name}
                                    </a>
                                  ),
                                )}
                              </Flex>
                            </Image.PreviewGroup>
                          )}
                        </Flex>
                      ),
                    }))}
                  />
                </Card>
              </Flex>
            </Col>
            <Col xs={24} xl={8}>
              <Flex vertical gap={16}>
                <Deadline data={data} />
                <LinkedFundUses caseId={data.id} />
                <Card title={t('detail.location')}>
                  <CaseMap detail={data} />
                  <Typography.Text type="secondary">{data.address ?? data.community.name}</Typography.Text>
                </Card>
                {data.supervisionOrders.length > 0 && (
                  <Card title={t('detail.supervision')}>
                    <SupervisionList orders={data.supervisionOrders} caseId={data.id} />
                  </Card>
                )}
                {(data.possibleDuplicates.length > 0 || data.mergedCases.length > 0 || data.mergedInto) && (
                  <Card title={t('detail.related')}>
                    <List
                      size="small"
                      dataSource={[
                        ...(data.mergedInto
                          ? [
                              {
                                id: data.mergedInto.id,
                                label: t('detail.mergedInto', { number: data.mergedInto.number }),
                              },
                            ]
                          : []),
                        ...data.mergedCases.map((m) => ({
                          id: m.id,
                          label: t('detail.mergedHere', { number: m.number }),
                        })),
                        ...data.possibleDuplicates.map((d) => ({
                          id: d.id,
                          label: t('detail.possibleDuplicate', {
                            number: d.number,
                            title: d.title,
                            distance:
                              d.distanceM === null ? '' : t('detail.metres', { m: Math.round(d.distanceM) }),
                          }),
                        })),
                      ]}
                      renderItem={(item) => (
                        <List.Item>
                          <Link to={`/cases/${item.id}`}>{item.label}</Link>
                        </List.Item>
                      )}
                    />
                  </Card>
                )}
                {(data.satisfaction || data.callbacks.length > 0) && (
                  <Card title={t('detail.satisfaction')}>
                    {data.satisfaction && (
                      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                        <Rate disabled value={data.satisfaction.score} data-testid="case-rating" />
                        {data.satisfaction.comment && (
                          <Typography.Text>{data.satisfaction.comment}</Typography.Text>
                        )}
                      </Flex>
                    )}
                    {data.callbacks.map((c) => (
                      <Typography.Paragraph key={c.id} style={{ marginBottom: 4 }}>
                        {formatDateTime(c.at)} · {c.by} · {t(`callbackOutcome.${c.outcome}`)}
                        {c.note ? ` · ${c.note}` : ''}
                      </Typography.Paragraph>
                    ))}
                  </Card>
                )}
              </Flex>
            </Col>
          </Row>
          {action && <ActionModal detail={data} action={action} onClose={() => setAction(null)} />}
        </>
      )}
    </QueryState>
  );
}

function Overview({ data }: { data: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const en = i18n.language === 'en-US';
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="case-overview">
      <Descriptions.Item label={t('detail.description')} span={2}>
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {data.description}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('field.category')}>
        {en
          ? `${data.category.groupName} / ${data.category.nameEn}`
          : `${data.category.groupName} / ${data.category.name}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.channel')}>{t(`channel.${data.channel}`)}</Descriptions.Item>
      <Descriptions.Item label={t('field.community')}>
        <Link to={`/communities/${data.community.id}`}>{data.community.name}</Link> · {data.street.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.grid')}>
        <span data-testid="case-grid">{data.grid ? data.grid.name : t('common:none')}</span>
      </Descriptions.Item>
      {data.asset && (
        <Descriptions.Item label={t('detail.asset')}>
          <Link to={`/assets/${data.asset.id}`} data-testid="case-asset-link">
            {data.asset.name}
          </Link>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {t(`assets:kind.${data.asset.kind}`)} · {data.asset.code}
          </Typography.Text>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('detail.reporter')}>
        <ReporterContact data={data} />
      </Descriptions.Item>
      <Descriptions.Item label={t('field.lead')}>
        {data.routing.lead.name}
        {data.routing.lead.fallback && <Tag style={{ marginLeft: 6 }}>{t('detail.fallback')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.coUnits')}>
        {data.routing.coUnits.map((u) => u.name).join(t('common:listSeparator')) || t('common:none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.rule')}>
        {t('detail.ruleVersion', {
          key: en ? data.category.nameEn : data.category.name,
          version: data.rule.version,
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.counts')}>
        {t('detail.countsText', { rework: data.reworkCount, wrong: data.wrongDispatchCount })}
      </Descriptions.Item>
      {data.suspension && (
        <Descriptions.Item label={t('state.suspended')} span={2}>
          {t('detail.suspendedText', { reason: data.suspension.reason, date: data.suspension.reviewDate })}
        </Descriptions.Item>
      )}
      {data.followUp && (
        <Descriptions.Item label={t('detail.followUp')} span={2}>
          {data.followUp.doneAt
            ? t('detail.followUpDone', { at: formatDateTime(data.followUp.doneAt) })
            : data.followUp.dueOn
              ? t('detail.followUpDue', { date: data.followUp.dueOn, days: data.followUp.days })
              : t('detail.followUpPlanned', { days: data.followUp.days })}
        </Descriptions.Item>
      )}
      {data.penalties.length > 0 && (
        <Descriptions.Item label={t('detail.penaltyTotal')}>
          {formatFen(data.penalties.reduce((s, p) => s + p.amountFen, 0))}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The current stage's time limit: how much is used, and the SLA colour. */
function Deadline({ data }: { data: CaseDetail }) {
  const { t } = useTranslation('cases');
  const d = data.deadlines;
  if (!d.stage || !d.dueAt || !d.startedAt) {
    return (
      <Card title={t('detail.deadline')}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            data.closedAt
              ? t('detail.closedAt', { at: formatDateTime(data.closedAt) })
              : t('detail.noDeadline')
          }
        />
      </Card>
    );
  }
  const start = Date.parse(d.startedAt);
  const due = Date.parse(d.dueAt);
  const used =
    d.remainingMs !== null
      ? 1 - d.remainingMs / Math.max(1, due - start)
      : (Date.now() - start) / Math.max(1, due - start);
  const percent = Math.max(0, Math.min(100, Math.round(used * 100)));
  return (
    <Card title={t('detail.deadline')} data-testid="case-deadline">
      <Flex vertical gap={6}>
        <Typography.Text>
          {t('detail.currentStage', { stage: t(`stage.${d.stage}`) })} <SlaTag sla={data.sla} />
        </Typography.Text>
        <Progress
          percent={percent}
          status={data.sla === 'overdue' ? 'exception' : 'active'}
          strokeColor={data.sla === 'warning' ? '#faad14' : undefined}
          showInfo={false}
        />
        <Typography.Text type="secondary">
          {t('detail.dueAt', { at: formatDateTime(d.dueAt) })} · <DueText at={d.dueAt} sla={data.sla} />
        </Typography.Text>
        {d.remainingMs !== null && <Typography.Text type="warning">{t('detail.paused')}</Typography.Text>}
      </Flex>
    </Card>
  );
}

/** The reporter, masked; roles that call back or visit may reveal the full contact (each view is audited). */
function ReporterContact({ data }: { data: CaseDetail }) {
  const { t } = useTranslation('cases');
  const reveal = useMutation({
    mutationFn: () => api.post<{ name: string | null; phone: string | null }>(`/cases/${data.id}/reporter`),
  });
  const shown = reveal.data ?? data.reporter;
  return (
    <Space size={6} wrap>
      <span data-testid="case-reporter">
        {[shown.name, shown.phone].filter(Boolean).join(' · ') || t('common:none')}
      </span>
      {data.reporter.canReveal && !reveal.data && (
        <Tooltip title={t('detail.revealHint')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid="reveal-reporter"
          >
            {t('detail.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
