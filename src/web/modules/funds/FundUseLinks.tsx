import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { emergencyKindOfCategory } from '../../../contracts/funds';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { Money } from '../owners/common';
import type { FundUseSummary } from './api';
import { FundUseStatusTag } from './components';

type Source = { caseId: number; hazardId?: undefined } | { hazardId: number; caseId?: undefined };

/** Where the emergency fund-use form opens, prefilled from the case or hazard behind it. */
export function emergencyUseHref(source: Source & { communityId: number; categoryCode: string }) {
  const params = new URLSearchParams({ create: String(source.communityId), path: 'emergency' });
  if (source.caseId) params.set('caseId', String(source.caseId));
  if (source.hazardId) params.set('hazardId', String(source.hazardId));
  const kind = emergencyKindOfCategory(source.categoryCode);
  if (kind) params.set('kind', kind);
  return `/fund-uses?${params}`;
}

/** "Use the maintenance fund": opens the emergency fund-use form linked to this case or hazard. */
export function UseFundButton(props: Source & { communityId: number; categoryCode: string }) {
  const { t } = useTranslation('funds');
  const navigate = useNavigate();
  return (
    <Button
      danger
      icon={<SafetyCertificateOutlined />}
      onClick={() => navigate(emergencyUseHref(props))}
      data-testid="use-fund"
    >
      {t('link.useFund')}
    </Button>
  );
}

/** The fund uses that came from a case or hazard; shown only to those who may read fund uses. */
export function LinkedFundUses({ style, ...source }: Source & { style?: React.CSSProperties }) {
  const { t } = useTranslation('funds');
  const can = useCan();
  const query = source.caseId ? { caseId: source.caseId } : { hazardId: source.hazardId };
  const list = useQuery({
    queryKey: ['/fund-uses', query],
    queryFn: () => api.get<{ items: FundUseSummary[] }>('/fund-uses', { ...query, limit: 20 }),
    enabled: can('fund_use.read'),
  });
  if (!can('fund_use.read') || !list.data?.items.length) return null;
  return (
    <Card title={t('link.linkedUses')} style={style} data-testid="linked-fund-uses">
      <List
        size="small"
        dataSource={list.data.items}
        renderItem={(u) => (
          <List.Item extra={<Money fen={u.approvedFen ?? u.budgetFen} />}>
            <Flex vertical gap={2}>
              <Link to={`/fund-uses/${u.id}`}>{u.title}</Link>
              <Flex gap={6} wrap align="center">
                <FundUseStatusTag status={u.status} />
                {u.emergencyKind && <Tag color="red">{t(`emergencyKind.${u.emergencyKind}`)}</Tag>}
                {u.disclosureOverdue && <Tag color="error">{t('disclosure.overdue')}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(u.createdAt)}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
