import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HazardGrade, HazardStatus } from '../../../contracts/hazards';

export const gradeColors: Record<HazardGrade, string> = {
  major: 'red',
  significant: 'orange',
  general: 'gold',
};
export const statusColors: Record<HazardStatus, string> = {
  open: 'error',
  rectifying: 'processing',
  repaired: 'warning',
  closed: 'success',
};

export function GradeTag({ grade }: { grade: HazardGrade }) {
  const { t } = useTranslation('hazards');
  return <Tag color={gradeColors[grade]}>{t(`grade.${grade}`)}</Tag>;
}

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  const { t } = useTranslation('hazards');
  return (
    <Tag color={statusColors[status]} data-testid="hazard-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
