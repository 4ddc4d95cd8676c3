import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HousingType } from '../../../contracts/org';

export const housingTypeColors: Record<HousingType, string> = {
  commercial: 'blue',
  sold_public_estate: 'cyan',
  old_public: 'gold',
  scattered_public: 'orange',
  mixed: 'purple',
};

export function HousingTypeTag({ type }: { type: HousingType }) {
  const { t } = useTranslation('org');
  return <Tag color={housingTypeColors[type]}>{t(`housingType.${type}`)}</Tag>;
}
