import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Radio,
  Result,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ItemResult, RoundDetail } from '../../../contracts/inspections';
import { api, ProblemError } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { GradeTag } from '../hazards/tags';
import { roundPhotoUrl, useRound } from './api';
import { type Photo, PhotoUpload } from './PhotoUpload';
import { PlanTypeTag } from './tags';

interface Answer {
  result: ItemResult | null;
  note: string;
  photos: Photo[];
}

function initial(round: RoundDetail): Record<string, Answer> {
  return Object.fromEntries(
    round.items.map((i) => [
      i.key,
      {
        result: i.result,
        note: i.note ?? '',
        photos: i.photos.map((p) => ({ fileId: p.fileId, url: roundPhotoUrl(round.id, p.fileId) })),
      },
    ]),
  );
}

/**
 * The inspection form on a phone: each checklist item pass / fail / not applicable, with a note and
 * photos for what failed. Saving keeps a draft; finishing turns failed items into hazards (and
 * cases where the checklist says so).
 */
export default function RoundFormPage() {
  const { id } = useParams();
  const roundId = Number(id);
  const { t } = useTranslation('inspections');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { token } = theme.useToken();
  const { data: round, isLoading, error, refetch } = useRound(roundId);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (round) setAnswers(initial(round));
  }, [round]);

  const set = (key: string, patch: Partial<Answer>) => {
    setAnswers((a) => ({ ...a, [key]: { ...a[key]!, ...patch } }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const submit = useMutation({
    mutationFn: async (finish: boolean) => {
      const keys = round!.items.map((i) => i.key).filter((k) => answers[k]?.result);
      const items = keys.map((k) => ({
        key: k,
        result: answers[k]!.result!,
        note: answers[k]!.note.trim() || undefined,
        photos: answers[k]!.photos.map((p) => p.fileId),
      }));
      try {
        return await api.put<RoundDetail>(`/inspections/rounds/${roundId}/answers`, {
          version: round!.version,
          items,
          finish,
        });
      } catch (err) {
        // field errors name items by their place in what was sent
        if (err instanceof ProblemError)
          setErrors(
            Object.fromEntries(
              (err.problem.errors ?? [])
                .map((e) => {
                  const m = /^body\.items\.(\d+)/.exec(e.path);
                  return m ? [keys[Number(m[1])]!, e.message] : ['', e.message];
                })
                .filter(([k]) => k),
            ),
          );
        throw err;
      }
    },
    onSuccess: (updated, finish) => {
      client.setQueryData(['inspection-round', roundId], updated);
      void client.invalidateQueries({ queryKey: ['field-rounds'] });
      message.success(finish ? t('form.finished') : t('form.saved'));
    },
    onError: (err) => {
      if (err instanceof ProblemError) message.error(err.problem.detail);
    },
  });

  const tryFinish = () => {
    const local: Record<string, string> = {};
    for (const item of round!.items) {
      const a = answers[item.key];
      if (!a?.result) local[item.key] = t('form.answerRequired');
      else if (a.result === 'fail' && !a.note.trim()) local[item.key] = t('form.noteRequired');
    }
    setErrors(local);
    if (Object.keys(local).length) {
      message.warning(t('form.incomplete'));
      document
        .querySelector(`[data-testid="item-${Object.keys(local)[0]}"]`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    submit.mutate(true);
  };

  const answered = round ? round.items.filter((i) => answers[i.key]?.result).length : 0;
  const failed = round ? round.items.filter((i) => answers[i.key]?.result === 'fail').length : 0;

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {round && (
        <Flex vertical gap={12}>
          <Button
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/field')}
            style={{ alignSelf: 'flex-start', padding: 0 }}
          >
            {t('field.back')}
          </Button>
          <Card size="small">
            <Flex vertical gap={6}>
              <Flex gap={6} wrap>
                <PlanTypeTag type={round.plan.type} />
                {round.overdue && <Tag color="error">{t('round.overdue')}</Tag>}
              </Flex>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="round-target">
                {round.target.name}
              </Typography.Title>
              <Descriptions size="small" column={1} colon={false}>
                <Descriptions.Item label={t('round.plan')}>{round.plan.name}</Descriptions.Item>
                <Descriptions.Item label={t('round.address')}>
                  {round.street.name} · {round.address}
                </Descriptions.Item>
                <Descriptions.Item label={t('round.due')}>{round.dueOn}</Descriptions.Item>
                <Descriptions.Item label={t('round.team')}>{round.team.name}</Descriptions.Item>
              </Descriptions>
            </Flex>
          </Card>

          {round.status === 'done' ? (
            <Result
              status={round.failedCount ? 'warning' : 'success'}
              title={t('form.doneTitle')}
              subTitle={
                round.failedCount
                  ? t('form.doneWithHazards', { count: round.failedCount })
                  : t('form.doneClean')
              }
              extra={
                <Flex vertical gap={8} align="stretch" data-testid="round-hazards">
                  {round.hazards.map((h) => (
                    <Card key={h.id} size="small">
                      <Flex vertical gap={4} align="flex-start">
                        <Flex gap={6}>
                          <GradeTag grade={h.grade} />
                          <Link to={`/hazards/${h.id}`} data-testid="round-hazard-link">
                            {h.number}
                          </Link>
                        </Flex>
                        <Typography.Text>{h.title}</Typography.Text>
                        {h.case && (
                          <Typography.Text type="secondary">
                            {t('form.caseFiled')}{' '}
                            <Link to={`/cases/${h.case.id}`} data-testid="round-case-link">
                              {h.case.number}
                            </Link>
                          </Typography.Text>
                        )}
                      </Flex>
                    </Card>
                  ))}
                  <Button onClick={() => navigate('/field')}>{t('field.back')}</Button>
                </Flex>
              }
            />
          ) : (
            <>
              {!round.abilities.perform && <Alert type="info" showIcon title={t('form.readOnly')} />}
              {round.items.map((item, index) => {
                const a = answers[item.key] ?? { result: null, note: '', photos: [] };
                return (
                  <Card
                    key={item.key}
                    size="small"
                    data-testid={`item-${item.key}`}
                    style={errors[item.key] ? { borderColor: token.colorError } : undefined}
                  >
                    <Flex vertical gap={10}>
                      <Typography.Text strong>
                        {index + 1}. {item.text}
                      </Typography.Text>
                      <Radio.Group
                        block
                        size="large"
                        optionType="button"
                        buttonStyle="solid"
                        disabled={!round.abilities.perform}
                        value={a.result}
                        onChange={(e) => set(item.key, { result: e.target.value as ItemResult })}
                        options={[
                          {
                            value: 'pass',
                            label: (
                              <span data-testid={`item-${item.key}-pass`}>
                                <CheckCircleOutlined /> {t('result.pass')}
                              </span>
                            ),
                          },
                          {
                            value: 'fail',
                            label: (
                              <span data-testid={`item-${item.key}-fail`}>
                                <CloseCircleOutlined /> {t('result.fail')}
                              </span>
                            ),
                            style:
                              a.result === 'fail'
                                ? { background: token.colorError, borderColor: token.colorError }
                                : undefined,
                          },
                          {
                            value: 'na',
                            label: (
                              <span data-testid={`item-${item.key}-na`}>
                                <MinusCircleOutlined /> {t('result.na')}
                              </span>
                            ),
                          },
                        ]}
                      />
                      {a.result === 'fail' && (
                        <Flex vertical gap={8}>
                          <Flex gap={6} wrap>
                            <GradeTag grade={item.grade} />
                            {item.createsCase && <Tag color="purple">{t('form.createsCase')}</Tag>}
                          </Flex>
                          <Input.TextArea
                            value={a.note}
                            onChange={(e) => set(item.key, { note: e.target.value })}
                            placeholder={t('form.notePlaceholder')}
                            autoSize={{ minRows: 2, maxRows: 5 }}
                            maxLength={500}
                            data-testid={`item-${item.key}-note`}
                          />
                          <PhotoUpload
                            value={a.photos}
                            onChange={(photos) => set(item.key, { photos })}
                            testId={`item-${item.key}-photo`}
                          />
                        </Flex>
                      )}
                      {a.result !== 'fail' && a.note && (
                        <Typography.Text type="secondary">{a.note}</Typography.Text>
                      )}
                      {errors[item.key] && (
                        <Typography.Text type="danger" data-testid={`item-${item.key}-error`}>
                          {errors[item.key]}
                        </Typography.Text>
                      )}
                    </Flex>
                  </Card>
                );
              })}
              {round.abilities.perform && (
                <Flex
                  gap={8}
                  align="center"
                  style={{
                    position: 'fixed',
                    left: 0,
                    right: 0,
                    bottom: 0,
                    maxWidth: 560,
                    margin: '0 auto',
                    padding: '10px 12px calc(10px + env(safe-area-inset-bottom))',
                    background: token.colorBgContainer,
                    borderTop: `1px solid ${token.colorBorderSecondary}`,
                  }}
                >
                  <Typography.Text
                    type="secondary"
                    style={{ flex: 1, fontSize: 12 }}
                    data-testid="round-progress"
                  >
                    {t('form.progress', { answered, total: round.items.length, failed })}
                  </Typography.Text>
                  <Button
                    onClick={() => submit.mutate(false)}
                    loading={submit.isPending && !submit.variables}
                    data-testid="round-save"
                  >
                    {t('form.saveDraft')}
                  </Button>
                  <Button
                    type="primary"
                    onClick={tryFinish}
                    loading={submit.isPending && submit.variables}
                    data-testid="round-finish"
                  >
                    {t('form.finish')}
                  </Button>
                </Flex>
              )}
            </>
          )}
        </Flex>
      )}
    </QueryState>
  );
}
