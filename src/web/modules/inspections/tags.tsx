import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanType, RoundStatus } from '../../../contracts/inspections';

export const planTypeColors: Record<PlanType, string> = {
  old_housing: 'gold',
  fire_patrol: 'red',
  equipment: 'blue',
  flood_campaign: 'cyan',
  greening: 'green',
};

export function PlanTypeTag({ type }: { type: PlanType }) {
  const { t } = useTranslation('inspections');
  return <Tag color={planTypeColors[type]}>{t(`planType.${type}`)}</Tag>;
}

export function RoundStatusTag({ status, overdue }: { status: RoundStatus; overdue?: boolean }) {
  const { t } = useTranslation('inspections');
  if (overdue) return <Tag color="error">{t('round.overdue')}</Tag>;
  const color = status === 'done' ? 'success' : status === 'in_progress' ? 'processing' : 'default';
  return <Tag color={color}>{t(`roundStatus.${status}`)}</Tag>;
}
