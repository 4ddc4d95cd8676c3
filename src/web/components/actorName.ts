import { useTranslation } from 'react-i18next';

/**
 * How a person reads the actor of a record: jobs and automatic steps write a code ("system",
 * "sla-sweep", "on-duty") where a person writes their name; those codes are said in words.
 */
export function useActorName() {
  const { t, i18n } = useTranslation('common');
  return (label: string | null | undefined) => {
    if (!label) return '';
    const key = `common:systemActors.${label}`;
    return i18n.exists(key) ? t(key) : label;
  };
}

/** A supervision or accountability reason: the automatic ones are codes, a leader's are their own words. */
export function useSupervisionReason() {
  const { t, i18n } = useTranslation('cases');
  return (reason: string | null | undefined) => {
    if (!reason) return '';
    const key = `cases:supervision.reasons.${reason}`;
    return i18n.exists(key) ? t(key) : reason;
  };
}
