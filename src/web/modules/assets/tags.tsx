import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssetBadge, AssetCondition } from '../../../contracts/assets';

export const badgeColors: Record<AssetBadge, string> = {
  maintenance_overdue: 'orange',
  statutory_overdue: 'red',
  risk_assessment_required: 'magenta',
  renewal_plan_required: 'purple',
};

/** The SPEC 5.7 rules an asset breaks, as tags with their explanation. */
export function AssetBadges({ badges }: { badges: AssetBadge[] }) {
  const { t } = useTranslation('assets');
  return (
    <Flex gap={4} wrap data-testid="asset-badges">
      {badges.map((b) => (
        <Tooltip key={b} title={t(`badgeHelp.${b}`)}>
          <Tag color={badgeColors[b]} style={{ marginInlineEnd: 0 }}>
            {t(`badge.${b}`)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

export function ConditionTag({ condition }: { condition: AssetCondition }) {
  const { t } = useTranslation('assets');
  const color = condition === 'intact' ? 'success' : condition === 'defective' ? 'error' : 'default';
  return <Tag color={color}>{t(`condition.${condition}`)}</Tag>;
}
