import { CheckCircleFilled, FileTextOutlined, LeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type BallotChoice, ballotChoices } from '../../../../contracts/votes';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { useMyFund } from '../../funds/api';
import { fileUrl, Money, showProblem } from '../../owners/common';
import { useVote, type VoteDetail } from '../api';
import { RequirementText, TallySummary, VoteStatusTag } from '../tally';

const choiceColor: Record<BallotChoice, string> = { for: '#52c41a', against: '#ff4d4f', abstain: '#8c8c8c' };

/** One unit's ballot: choose, confirm once (final), then see what was cast. */
function UnitBallot({ vote, unit }: { vote: VoteDetail; unit: VoteDetail['myUnits'][number] }) {
  const { t } = useTranslation('votes');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [choice, setChoice] = useState<BallotChoice | null>(null);
  const cast = useMutation({
    mutationFn: (c: BallotChoice) =>
      api.post<VoteDetail>(`/votes/${vote.id}/ballots`, { unitId: unit.unitId, choice: c }),
    onSuccess: (v) => {
      client.setQueryData(['vote', vote.id], v);
      void client.invalidateQueries({ queryKey: ['me-votes'] });
      message.success(t('mobile.castDone'));
    },
    onError: (err) => {
      showProblem(err, message);
      void client.invalidateQueries({ queryKey: ['vote', vote.id] });
    },
  });
  if (unit.choice)
    return (
      <Flex vertical gap={4} data-testid="m-my-ballot">
        <Typography.Text type="secondary">{unit.unitLabel}</Typography.Text>
        <Flex align="center" gap={8}>
          <CheckCircleFilled style={{ color: choiceColor[unit.choice], fontSize: 20 }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('mobile.yourChoice', { choice: t(`choice.${unit.choice}`) })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('mobile.castAt', {
            at: formatDateTime(unit.castAt),
            channel: unit.channel ? t(`channel.${unit.channel}`) : '',
          })}
        </Typography.Text>
      </Flex>
    );
  if (!unit.canCast)
    return (
      <Typography.Text type="secondary">
        {unit.unitLabel} · {t('mobile.cannotCast')}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t('mobile.castFor', { unit: unit.unitLabel })}</Typography.Text>
      <Radio.Group
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        style={{ display: 'flex', gap: 8 }}
        data-testid="m-vote-choices"
      >
        {ballotChoices.map((c) => (
          <Radio.Button
            key={c}
            value={c}
            style={{ flex: 1, textAlign: 'center', height: 44, lineHeight: '42px', fontSize: 16 }}
            data-testid={`m-vote-choice-${c}`}
          >
            {t(`choice.${c}`)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Button
        type="primary"
        size="large"
        block
        disabled={!choice}
        loading={cast.isPending}
        data-testid="m-vote-submit"
        onClick={() =>
          choice &&
          modal.confirm({
            title: t('mobile.confirmTitle', { choice: t(`choice.${choice}`) }),
            content: t('mobile.confirmText', { unit: unit.unitLabel }),
            okText: t('mobile.confirmOk'),
            cancelText: t('common:cancel'),
            okButtonProps: { id: 'm-vote-confirm' },
            onOk: () => cast.mutateAsync(choice),
          })
        }
      >
        {t('mobile.submit')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mobile.finalNote')}
      </Typography.Text>
    </Flex>
  );
}

/** /m/votes/:id: the question, its documents, what it costs my unit, my ballot, and the result. */
export default function MobileVoteDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation('votes');
  const navigate = useNavigate();
  const { data, isLoading, error, refetch } = useVote(Number(id));
  const fund = useMyFund();
  const shares =
    data?.fundUseId && fund.data
      ? fund.data.units.flatMap((u) =>
          u.costShares.filter((s) => s.fundUse.id === data.fundUseId).map((s) => ({ unit: u, share: s })),
        )
      : [];
  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <Flex vertical gap={12}>
          <Button
            type="link"
            icon={<LeftOutlined />}
            onClick={() => navigate('/m/votes')}
            style={{ padding: 0, width: 'fit-content' }}
          >
            {t('mobile.title')}
          </Button>
          <Flex vertical gap={4}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="m-vote-title">
              {data.title}
            </Typography.Title>
            <Flex gap={6} wrap align="center">
              <VoteStatusTag status={data.status} passed={data.passed} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {data.status === 'open'
                  ? t('mobile.closes', { at: formatDateTime(data.closesAt) })
                  : t('mobile.publicUntil', { date: data.publicUntil ?? '' })}
              </Typography.Text>
            </Flex>
          </Flex>
          {data.status === 'closed' && data.result && (
            <Card size="small" title={t('mobile.result')} data-testid="m-vote-result">
              <TallySummary tally={data.result} />
            </Card>
          )}
          <Card size="small" title={t('mobile.question')}>
            <Flex vertical gap={10}>
              <Tag style={{ width: 'fit-content' }}>{t(`matter.${data.matterType}`)}</Tag>
              {data.description && (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {data.description}
                </Typography.Paragraph>
              )}
              <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
                <RequirementText requirement={data.requirement} />
              </div>
              {data.buildings.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('detail.scopeBuildings', {
                    buildings: data.buildings.map((b) => b.name).join(t('common:listSeparator')),
                  })}
                </Typography.Text>
              )}
            </Flex>
          </Card>
          {shares.length > 0 && (
            <Card size="small" title={t('mobile.myShare')} data-testid="m-vote-share">
              {shares.map(({ unit, share }) => (
                <Flex vertical key={unit.unitId} gap={2}>
                  <Typography.Text>
                    {t('mobile.shareText', { unit: unit.label })} <Money fen={share.plannedFen} strong />
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('mobile.shareHelp', { balance: '' })}
                    <Money fen={unit.balanceFen} />
                  </Typography.Text>
                </Flex>
              ))}
            </Card>
          )}
          {data.documents.length > 0 && (
            <Card size="small" title={t('create.documents')}>
              <Flex vertical gap={8}>
                {data.documents.map((d) => (
                  <a
                    key={d.id}
                    href={fileUrl(d.id)}
                    target="_blank"
                    rel="noreferrer"
                    style={{ fontSize: 15 }}
                  >
                    <FileTextOutlined /> {d.name}
                  </a>
                ))}
              </Flex>
            </Card>
          )}
          {data.myUnits.length > 0 && (
            <Card size="small" title={t('mobile.myBallot')}>
              <Flex vertical gap={16}>
                {data.myUnits.map((u) => (
                  <UnitBallot key={u.unitId} vote={data} unit={u} />
                ))}
              </Flex>
            </Card>
          )}
          {data.myUnits.length === 0 && <Alert type="info" showIcon title={t('mobile.notOnRoll')} />}
        </Flex>
      )}
    </QueryState>
  );
}
