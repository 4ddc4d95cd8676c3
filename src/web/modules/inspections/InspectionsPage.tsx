import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { CoverageTab } from './CoverageTab';
import { PlansTab } from './PlansTab';
import { RoundsTab } from './RoundsTab';

/** Inspection rounds, plans and coverage (seed section 2.1.1: rolling inspection with full coverage). */
export default function InspectionsPage() {
  const { t } = useTranslation('inspections');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rounds';
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'rounds', label: t('tabs.rounds'), children: <RoundsTab /> },
          { key: 'plans', label: t('tabs.plans'), children: <PlansTab /> },
          { key: 'coverage', label: t('tabs.coverage'), children: <CoverageTab /> },
        ]}
      />
    </>
  );
}
