import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Image, Input, Rate, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ProblemError } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useMyCase } from './api';
import { stateColor } from './format';

/** One report: the progress in plain words, the expected completion, photos, and the rating once it is closed. */
export default function MyReportPage() {
  const { t } = useTranslation('resident');
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const report = useMyCase(id);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const c = report.data;

  async function rate() {
    if (!c) return;
    setBusy(true);
    try {
      await api.post(`/cases/${id}/actions/rate`, {
        version: c.version,
        score,
        ...(comment.trim() ? { note: comment.trim() } : {}),
      });
      message.success(t('detail.thanks'));
      await client.invalidateQueries({ queryKey: ['resident', 'cases'] });
    } catch (err) {
      message.error(err instanceof ProblemError ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <QueryState loading={report.isLoading} error={report.error} retry={() => report.refetch()}>
      {c && (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Title level={4} style={{ margin: '4px 0 0' }} ellipsis>
              {c.title}
            </Typography.Title>
            <Tag color={stateColor[c.state]} data-testid="m-detail-state">
              {t(`progress:state.${c.state}`)}
            </Tag>
          </Flex>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('detail.number')}>{c.number}</Descriptions.Item>
              <Descriptions.Item label={t('detail.category')}>{c.category}</Descriptions.Item>
              <Descriptions.Item label={t('detail.community')}>
                {c.community}
                {c.address ? ` · ${c.address}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.reportedAt')}>
                {formatDateTime(c.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.expected')}>
                <span data-testid="m-detail-expected">
                  {c.expectedAt ? formatDateTime(c.expectedAt) : t('detail.expectedNone')}
                </span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {c.canRate && (
            <Card size="small" title={t('detail.rateTitle')} data-testid="m-rate">
              <Flex vertical gap={10}>
                <Rate value={score} onChange={setScore} style={{ fontSize: 30 }} data-testid="m-rate-stars" />
                <Input.TextArea
                  rows={2}
                  maxLength={500}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  placeholder={t('detail.rateComment')}
                  data-testid="m-rate-comment"
                />
                <Button
                  type="primary"
                  block
                  disabled={score === 0}
                  loading={busy}
                  onClick={rate}
                  data-testid="m-rate-submit"
                >
                  {t('detail.rateSubmit')}
                </Button>
              </Flex>
            </Card>
          )}
          {c.satisfaction && (
            <Card size="small" title={t('detail.rated')} data-testid="m-rated">
              <Rate disabled value={c.satisfaction.score} />
              {c.satisfaction.comment && (
                <Typography.Paragraph>{c.satisfaction.comment}</Typography.Paragraph>
              )}
            </Card>
          )}
          <Card size="small" title={t('detail.progress')}>
            <Timeline
              data-testid="m-timeline"
              items={[...c.timeline].reverse().map((e, i) => ({
                color: i === 0 ? 'blue' : 'gray',
                content: (
                  <Flex vertical gap={2}>
                    <Typography.Text strong={i === 0}>{e.text}</Typography.Text>
                    {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at)}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={t('detail.description')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: c.photos.length ? 12 : 0 }}>
              {c.description}
            </Typography.Paragraph>
            {c.photos.length > 0 && (
              <Image.PreviewGroup>
                <Flex wrap gap={8} data-testid="m-detail-photos">
                  {c.photos.map((p) => (
                    <Image
                      key={p.fileId}
                      width={88}
                      height={88}
                      style={{ objectFit: 'cover', borderRadius: 6 }}
                      src={`/api/v1/cases/${id}/files/${p.fileId}${p.hasThumbnail ? '?thumbnail=true' : ''}`}
                      preview={{ src: `/api/v1/cases/${id}/files/${p.fileId}` }}
                      alt={p.name}
                    />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            )}
          </Card>
        </Flex>
      )}
    </QueryState>
  );
}
