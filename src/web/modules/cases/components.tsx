import { ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../contracts/cases';
import type { Urgency } from '../../../contracts/duties';
import { formatDateTime } from '../../components/format';

dayjs.extend(relativeTime);

const stateColors: Record<CaseState, string> = {
  reported: 'gold',
  registered: 'cyan',
  rejected: 'default',
  dispatched: 'blue',
  in_progress: 'geekblue',
  handled: 'purple',
  closed: 'green',
  suspended: 'orange',
  reopened: 'magenta',
  merged: 'default',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation('cases');
  return (
    <Tag color={stateColors[state]} data-testid="case-state">
      {t(`state.${state}`)}
    </Tag>
  );
}

export const slaColors = { on_time: '#389e0d', warning: '#d48806', overdue: '#cf1322' } as const;

/** The SLA state as a coloured tag: green on time, amber at 80% of the limit, red overdue. */
export function SlaTag({ sla }: { sla: 'on_time' | 'warning' | 'overdue' | null }) {
  const { t } = useTranslation('cases');
  if (!sla) return null;
  const icon =
    sla === 'overdue' ? (
      <ExclamationCircleOutlined />
    ) : sla === 'warning' ? (
      <WarningOutlined />
    ) : (
      <ClockCircleOutlined />
    );
  return (
    <Tag
      color={sla === 'on_time' ? 'success' : sla === 'warning' ? 'warning' : 'error'}
      icon={icon}
      data-testid="case-sla"
    >
      {t(`sla.${sla}`)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation('cases');
  if (urgency === 'normal') return null;
  return <Tag color={urgency === 'emergency' ? 'red' : 'volcano'}>{t(`urgency.${urgency}`)}</Tag>;
}

/** A deadline as "in 3 days" / "2 hours ago", coloured by SLA, the exact Shanghai time on hover. */
export function DueText({ at, sla }: { at: string | null; sla: 'on_time' | 'warning' | 'overdue' | null }) {
  const { i18n } = useTranslation();
  if (!at) return null;
  const relative = dayjs(at)
    .locale(i18n.language === 'en-US' ? 'en' : 'zh-cn')
    .fromNow();
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography.Text style={{ color: sla ? slaColors[sla] : undefined }}>{relative}</Typography.Text>
    </Tooltip>
  );
}
