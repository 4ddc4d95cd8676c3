import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Previous / next for keyset-paged lists, with the total when known. */
export function Pager({
  page,
  total,
  hasNext,
  onPrev,
  onNext,
}: {
  page: number;
  total: number | null;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary" data-testid="list-total">
        {total !== null ? `${t('totalCount', { count: total })} · ` : ''}
        {t('pageNumber', { page })}
      </Typography.Text>
      <Flex gap={8}>
        <Button icon={<LeftOutlined />} disabled={page === 1} onClick={onPrev} data-testid="prev-page">
          {t('prevPage')}
        </Button>
        <Button disabled={!hasNext} onClick={onNext} data-testid="next-page">
          {t('nextPage')} <RightOutlined />
        </Button>
      </Flex>
    </Flex>
  );
}
