import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CaseSummary } from '../../../contracts/cases';
import type { CommunityProfile } from '../../../contracts/org';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { Pager } from '../../components/Pager';
import { useCursorPages } from '../../components/useCursorPages';
import { CaseStateTag, DueText, SlaTag } from './components';

/** The cases of one community, on its profile page (one file per community). */
export function CommunityCasesSection({ community }: { community: CommunityProfile }) {
  const { t, i18n } = useTranslation('cases');
  const en = i18n.language === 'en-US';
  const can = useCan();
  const navigate = useNavigate();
  const list = useCursorPages<CaseSummary>('/cases', { communityId: community.id }, 10);
  return (
    <Flex vertical gap={8} data-testid="profile-cases">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">
          {list.total !== null ? t('profile.count', { count: list.total }) : ''}
        </Typography.Text>
        {can('cases.report') && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/cases/new?communityId=${community.id}`)}
          >
            {t('console.report')}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={list.items}
        locale={{ emptyText: t('console.empty') }}
        columns={[
          { title: t('field.title'), render: (_v, c) => <Link to={`/cases/${c.id}`}>{c.title}</Link> },
          {
            title: t('field.category'),
            render: (_v, c) => (en ? c.category.nameEn : c.category.name),
            responsive: ['md'],
          },
          { title: t('field.state'), render: (_v, c) => <CaseStateTag state={c.state} /> },
          {
            title: t('field.dueAt'),
            render: (_v, c) =>
              c.stage ? (
                <>
                  <DueText at={c.stageDueAt} sla={c.sla} /> <SlaTag sla={c.sla} />
                </>
              ) : null,
          },
          { title: t('field.createdAt'), render: (_v, c) => formatDateTime(c.createdAt), responsive: ['lg'] },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </Flex>
  );
}
