import {
  ArrowLeftOutlined,
  DownloadOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ballotChoices, MIN_PUBLICITY_DAYS } from '../../../contracts/votes';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatArea, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { FileLink, FileUpload, fileUrl, showProblem } from '../owners/common';
import { type Reproduce, type RollItem, useTally, useVote, type VoteDetail } from './api';
import { RecordedTag, RequirementText, TallyPanel, VoteStatusTag } from './tally';

const choiceColor = { for: 'green', against: 'red', abstain: 'default' } as const;

/** One vote: the question and its documents, the live count or the published result, the roll. */
export default function VoteDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('votes');
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const { data, isLoading, error, refetch } = useVote(Number(id));
  const tally = useTally(Number(id), Boolean(data?.abilities.viewRoll && data.status !== 'cancelled'));
  const [closing, setClosing] = useState(false);
  const [recount, setRecount] = useState<Reproduce | null>(null);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['vote', Number(id)] });
    void client.invalidateQueries({ queryKey: ['vote-tally', Number(id)] });
    void client.invalidateQueries({ queryKey: [`/votes/${id}/roll`] });
    void client.invalidateQueries({ queryKey: ['/votes'] });
  };
  const step = useMutation({
    mutationFn: (action: 'open' | 'cancel') =>
      api.post<VoteDetail>(`/votes/${id}/${action}`, { version: data!.version }),
    onSuccess: (v) => {
      client.setQueryData(['vote', Number(id)], v);
      refresh();
    },
    onError: (err) => showProblem(err, message),
  });
  const doRecount = useMutation({
    mutationFn: () => api.get<Reproduce>(`/votes/${id}/tally`),
    onSuccess: setRecount,
    onError: (err) => showProblem(err, message),
  });

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <>
          <PageHeader
            title={<span data-testid="vote-title">{data.title}</span>}
            subtitle={`${data.community.name} · ${t(`matter.${data.matterType}`)}`}
            tags={
              <>
                <VoteStatusTag status={data.status} passed={data.passed} />
                {data.recorded && <RecordedTag assemblyOn={data.recorded.assemblyOn} />}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {data.abilities.open && (
                  <Button
                    type="primary"
                    onClick={() =>
                      modal.confirm({
                        title: t('detail.openConfirm'),
                        content: t('detail.openHelp'),
                        onOk: () => step.mutateAsync('open'),
                        okButtonProps: { id: 'vote-open-ok' },
                      })
                    }
                    data-testid="vote-open"
                  >
                    {t('detail.open')}
                  </Button>
                )}
                {data.abilities.edit && (
                  <Button danger onClick={() => step.mutate('cancel')} data-testid="vote-cancel">
                    {t('detail.cancel')}
                  </Button>
                )}
                {data.abilities.close && (
                  <Button type="primary" onClick={() => setClosing(true)} data-testid="vote-close">
                    {t('detail.close')}
                  </Button>
                )}
                {data.status === 'closed' && data.abilities.viewRoll && (
                  <Button
                    icon={<SafetyCertificateOutlined />}
                    loading={doRecount.isPending}
                    onClick={() => doRecount.mutate()}
                    data-testid="vote-recount"
                  >
                    {t('detail.recount')}
                  </Button>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card title={t('detail.question')}>
                <Flex vertical gap={12}>
                  {data.description && (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {data.description}
                    </Typography.Paragraph>
                  )}
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('field.matterType')}>
                      {t(`matter.${data.matterType}`)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('detail.scope')}>
                      {data.buildings.length
                        ? t('detail.scopeBuildings', {
                            buildings: data.buildings.map((b) => b.name).join(t('common:listSeparator')),
                          })
                        : t('detail.scopeCommunity')}
                      {data.status !== 'draft' && ` · ${t('detail.rollUnits', { count: data.rollUnits })}`}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('field.ruleSet')}>
                      {data.ruleSet ? t(`ruleSet.${data.ruleSet}`) : t('detail.ruleAtOpening')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('detail.requirement')}>
                      <RequirementText requirement={data.requirement} />
                    </Descriptions.Item>
                    {data.openedOn && (
                      <Descriptions.Item label={t('field.openedOn')}>{data.openedOn}</Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('field.closesAt')}>
                      {formatDateTime(data.closesAt)}
                    </Descriptions.Item>
                    {data.closedAt && (
                      <Descriptions.Item label={t('detail.closedAt')}>
                        {formatDateTime(data.closedAt)}
                      </Descriptions.Item>
                    )}
                    {data.publicUntil && (
                      <Descriptions.Item label={t('field.publicUntil')}>{data.publicUntil}</Descriptions.Item>
                    )}
                    {data.fundUseId && can('fund_use.read') && (
                      <Descriptions.Item label={t('detail.fundUse')}>
                        <Link to={`/fund-uses/${data.fundUseId}`}>{t('detail.fundUseLink')}</Link>
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label={t('history.title')}>
                      <Timeline
                        style={{ marginTop: 8, marginBottom: -24 }}
                        items={data.history.map((h) => ({
                          color: h.event === 'recorded' ? 'orange' : h.event === 'closed' ? 'green' : 'blue',
                          content: (
                            <span data-testid={`vote-history-${h.event}`}>
                              {t(`history.${h.event}`, {
                                at: h.at.length === 10 ? h.at : formatDateTime(h.at),
                              })}
                            </span>
                          ),
                        }))}
                      />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('create.documents')}>
                      {data.documents.length ? (
                        <Flex vertical>
                          {data.documents.map((d) => (
                            <FileLink key={d.id} file={d} />
                          ))}
                        </Flex>
                      ) : (
                        t('common:none')
                      )}
                    </Descriptions.Item>
                  </Descriptions>
                </Flex>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card
                title={data.status === 'closed' ? t('detail.result') : t('detail.liveTally')}
                extra={
                  data.status === 'open' &&
                  data.abilities.viewRoll && (
                    <Button size="small" icon={<ReloadOutlined />} onClick={() => void tally.refetch()}>
                      {t('detail.refresh')}
                    </Button>
                  )
                }
              >
                {data.status === 'closed' && data.result ? (
                  <TallyPanel tally={data.result} />
                ) : data.status === 'open' && tally.data ? (
                  <TallyPanel tally={tally.data.recomputed} live />
                ) : (
                  <Empty
                    description={data.status === 'draft' ? t('detail.notOpenYet') : t('detail.noTally')}
                  />
                )}
              </Card>
            </Col>
            {data.abilities.viewRoll && (
              <Col span={24}>
                <RollCard vote={data} onChange={refresh} />
              </Col>
            )}
          </Row>
          {closing && (
            <CloseModal
              vote={data}
              onClose={() => setClosing(false)}
              onDone={(v) => {
                client.setQueryData(['vote', Number(id)], v);
                refresh();
                setClosing(false);
              }}
            />
          )}
          {recount && (
            <Modal
              open
              title={t('detail.recount')}
              footer={null}
              onCancel={() => setRecount(null)}
              width={760}
            >
              <Alert
                type={recount.reproducible ? 'success' : 'error'}
                showIcon
                title={t(recount.reproducible ? 'detail.reproducible' : 'detail.notReproducible')}
                style={{ marginBottom: 16 }}
                data-testid="vote-recount-result"
              />
              <TallyPanel tally={recount.recomputed} />
            </Modal>
          )}
        </>
      )}
    </QueryState>
  );
}

function RollCard({ vote, onChange }: { vote: VoteDetail; onChange: () => void }) {
  const { t } = useTranslation('votes');
  const [voted, setVoted] = useState<'all' | 'true' | 'false'>('all');
  const [q, setQ] = useState<string | undefined>();
  const list = useCursorPages<RollItem>(
    `/votes/${vote.id}/roll`,
    { ...(voted === 'all' ? {} : { voted }), q },
    20,
  );
  const [paper, setPaper] = useState<RollItem | null>(null);
  return (
    <Card
      title={t('detail.roll')}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={downloadUrl(`/votes/${vote.id}/roll/export.xlsx`)}
        >
          {t('common:exportExcel')}
        </Button>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
        <Segmented
          value={voted}
          onChange={(v) => setVoted(v as typeof voted)}
          options={[
            { value: 'all', label: t('detail.rollAll') },
            { value: 'false', label: t('detail.rollNotVoted') },
            { value: 'true', label: t('detail.rollVoted') },
          ]}
          data-testid="roll-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('detail.rollSearch')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 220 }}
          data-testid="roll-search"
        />
        {vote.abilities.enterPaperBallot && (
          <Typography.Text type="secondary">{t('detail.paperHint')}</Typography.Text>
        )}
      </Flex>
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        data-testid="roll-table"
        columns={[
          { title: t('field.unit'), render: (_v, r) => `${r.building}${r.number}` },
          { title: t('field.exclusiveArea'), render: (_v, r) => formatArea(r.exclusiveArea), align: 'right' },
          {
            title: t('field.choice'),
            render: (_v, r) =>
              r.ballot ? (
                <Tag color={choiceColor[r.ballot.choice]}>{t(`choice.${r.ballot.choice}`)}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('detail.notVoted')}</Typography.Text>
              ),
          },
          {
            title: t('field.channel'),
            render: (_v, r) =>
              r.ballot && (
                <Space size={4}>
                  {t(`channel.${r.ballot.channel}`)}
                  {r.ballot.scanFileId && (
                    <a href={fileUrl(r.ballot.scanFileId)} target="_blank" rel="noreferrer">
                      {t('detail.scan')}
                    </a>
                  )}
                  {r.ballot.signedBy && (
                    <Typography.Text type="secondary">
                      {t('detail.signedBy', { name: r.ballot.signedBy })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            responsive: ['md'],
          },
          {
            title: t('field.castAt'),
            render: (_v, r) => formatDateTime(r.ballot?.castAt),
            responsive: ['lg'],
          },
          ...(vote.abilities.enterPaperBallot
            ? [
                {
                  title: '',
                  render: (_v: unknown, r: RollItem) =>
                    !r.ballot && (
                      <Button size="small" onClick={() => setPaper(r)} data-testid="paper-ballot">
                        {t('detail.enterPaper')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
      {paper && (
        <PaperBallotModal
          vote={vote}
          unit={paper}
          onClose={() => setPaper(null)}
          onDone={() => {
            setPaper(null);
            onChange();
          }}
        />
      )}
    </Card>
  );
}

/** A paper ballot collected by the owners' committee: the owner's choice and the scan of the signed paper. */
function PaperBallotModal({
  vote,
  unit,
  onClose,
  onDone,
}: {
  vote: VoteDetail;
  unit: RollItem;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('votes');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [scan, setScan] = useState<number[]>([]);
  const save = useMutation({
    mutationFn: (v: { choice: string; signedBy: string }) =>
      api.post<VoteDetail>(`/votes/${vote.id}/paper-ballots`, {
        unitId: unit.unitId,
        choice: v.choice,
        signedBy: v.signedBy,
        scanFileId: scan[0],
      }),
    onSuccess: () => {
      message.success(t('detail.paperSaved', { unit: `${unit.building}${unit.number}` }));
      onDone();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={t('detail.enterPaperFor', { unit: `${unit.building}${unit.number}` })}
      onCancel={onClose}
      onOk={() => {
        if (!scan[0]) {
          message.error(t('detail.scanRequired'));
          return;
        }
        form.submit();
      }}
      confirmLoading={save.isPending}
      okText={t('detail.paperSave')}
      okButtonProps={{ id: 'paper-save' }}
    >
      <Alert type="warning" showIcon title={t('detail.finalWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="choice"
          label={t('field.choice')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Radio.Group data-testid="paper-choice">
            {ballotChoices.map((c) => (
              <Radio.Button key={c} value={c} data-testid={`paper-choice-${c}`}>
                {t(`choice.${c}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="signedBy"
          label={t('detail.signedByLabel')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={50} data-testid="paper-signed-by" />
        </Form.Item>
        <Form.Item label={t('detail.scanLabel')} required extra={t('detail.scanHelp')}>
          <FileUpload communityId={vote.community.id} onChange={setScan} max={1} testId="paper-scan" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({
  vote,
  onClose,
  onDone,
}: {
  vote: VoteDetail;
  onClose: () => void;
  onDone: (v: VoteDetail) => void;
}) {
  const { t } = useTranslation('votes');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const allVoted = vote.ballots >= vote.rollUnits;
  const due = new Date(vote.closesAt) <= new Date();
  const save = useMutation({
    mutationFn: (v: { publicityDays: number }) =>
      api.post<VoteDetail>(`/votes/${vote.id}/close`, {
        version: vote.version,
        publicityDays: v.publicityDays,
      }),
    onSuccess: (v) => {
      message.success(t('detail.closed'));
      onDone(v);
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={t('detail.close')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('detail.closeAndPublish')}
      okButtonProps={{ id: 'vote-close-ok', disabled: !allVoted && !due }}
    >
      {!allVoted && !due ? (
        <Alert type="warning" showIcon title={t('detail.notDue', { at: formatDateTime(vote.closesAt) })} />
      ) : (
        <Typography.Paragraph>{t('detail.closeHelp')}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ publicityDays: MIN_PUBLICITY_DAYS }}
      >
        <Form.Item
          name="publicityDays"
          label={t('detail.publicityDays')}
          extra={t('detail.publicityHelp', { days: MIN_PUBLICITY_DAYS })}
        >
          <InputNumber min={MIN_PUBLICITY_DAYS} max={365} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
