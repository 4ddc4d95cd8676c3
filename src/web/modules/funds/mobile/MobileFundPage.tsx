import { Alert, Card, Empty, Flex, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatArea, formatFen } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { Money } from '../../owners/common';
import { useMyFund } from '../api';
import { FundUseStatusTag } from '../components';

/** /m/fund: my unit's maintenance fund balance and my share of each fund use of my community. */
export default function MobileFundPage() {
  const { t } = useTranslation('funds');
  const fund = useMyFund();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('mobile.title')}
      </Typography.Title>
      <QueryState loading={fund.isLoading} error={fund.error} retry={() => void fund.refetch()}>
        {(fund.data?.units ?? []).length === 0 && (
          <Card size="small">
            <Empty description={t('mobile.noUnit')} />
          </Card>
        )}
        {(fund.data?.units ?? []).map((u) => {
          const pct = u.firstDepositFen ? (u.balanceFen / u.firstDepositFen) * 100 : 0;
          return (
            <Flex vertical gap={12} key={u.unitId}>
              <Card size="small" data-testid="m-fund-unit">
                <Typography.Text type="secondary">
                  {u.community.name} {u.label} · {formatArea(u.exclusiveArea)} {t('common:unit.m2')}
                </Typography.Text>
                <Statistic
                  title={t('mobile.balance')}
                  value={formatFen(u.balanceFen)}
                  styles={{ content: { fontSize: 28 } }}
                  data-testid="m-fund-balance"
                />
                <Flex vertical gap={2} style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('mobile.ofFirstDeposit', { amount: formatFen(u.firstDepositFen) })}
                  </Typography.Text>
                  <Progress
                    percent={Math.min(100, Math.round(pct))}
                    status="normal"
                    format={() => `${pct.toFixed(1)}%`}
                    strokeColor={u.depleted ? '#ff4d4f' : '#52c41a'}
                    size="small"
                  />
                </Flex>
                {u.byFundType.length > 1 &&
                  u.byFundType.map((b) => (
                    <Flex key={b.fundType} justify="space-between" style={{ fontSize: 13 }}>
                      <span>{t(`fundType.${b.fundType}`)}</span>
                      <Money fen={b.balanceFen} />
                    </Flex>
                  ))}
                {u.depleted && (
                  <Alert type="warning" showIcon title={t('mobile.depleted')} style={{ marginTop: 8 }} />
                )}
              </Card>
              <Card size="small" title={t('mobile.shares')}>
                {u.costShares.length === 0 ? (
                  <Typography.Text type="secondary">{t('mobile.noShares')}</Typography.Text>
                ) : (
                  <Flex vertical gap={12}>
                    {u.costShares.map((s) => (
                      <Flex vertical gap={4} key={s.fundUse.id} data-testid="m-fund-share">
                        <Flex justify="space-between" gap={8} align="flex-start">
                          <Typography.Text strong>{s.fundUse.title}</Typography.Text>
                          <FundUseStatusTag status={s.fundUse.status} />
                        </Flex>
                        <Flex justify="space-between" style={{ fontSize: 13 }}>
                          <span>{t('mobile.planned')}</span>
                          <Money fen={s.plannedFen} />
                        </Flex>
                        <Flex justify="space-between" style={{ fontSize: 13 }}>
                          <span>{t('mobile.charged')}</span>
                          <Money fen={s.chargedFen} strong />
                        </Flex>
                        {s.fundUse.path === 'emergency' && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('mobile.emergencyNote')}
                          </Typography.Text>
                        )}
                      </Flex>
                    ))}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('mobile.sharesHelp')}
                    </Typography.Text>
                  </Flex>
                )}
              </Card>
            </Flex>
          );
        })}
      </QueryState>
    </Flex>
  );
}
