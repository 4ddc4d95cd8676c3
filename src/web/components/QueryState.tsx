import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/client';

/** Loading skeleton or error with retry; renders children once the data is there. */
export function QueryState({
  loading,
  error,
  retry,
  children,
}: {
  loading: boolean;
  error: unknown;
  retry?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (error) {
    const detail = error instanceof ProblemError ? error.problem.detail : String(error);
    return (
      <Alert
        type="error"
        showIcon
        title={t('loadFailed')}
        description={detail}
        action={retry && <Button onClick={retry}>{t('retry')}</Button>}
      />
    );
  }
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  return <>{children}</>;
}
