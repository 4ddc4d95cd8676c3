import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { CommunityProfile } from '../../../contracts/org';
import { useCan } from '../../api/session';
import { formatArea, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCommunity } from './api';
import { CommunityEditDrawer } from './CommunityEditDrawer';
import { CommunityMap } from './CommunityMap';
import { profileSections } from './profileSections';
import { HousingTypeTag } from './tags';

/** One file per community: everything about one community on one page. */
export default function CommunityProfilePage() {
  const { id } = useParams();
  const { t } = useTranslation('org');
  const navigate = useNavigate();
  const can = useCan();
  const { data, isLoading, error, refetch } = useCommunity(Number(id));
  const [editing, setEditing] = useState(false);

  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {data && (
        <>
          <PageHeader
            title={data.name}
            subtitle={`${data.code} · ${data.street.name}${data.committee ? ` · ${data.committee.name}` : ''} · ${data.address}`}
            tags={
              <>
                <HousingTypeTag type={data.housingType} />
                <Tag>{t(`managementMode.${data.managementMode}`)}</Tag>
                {data.isMixedUse && <Tag color="volcano">{t('field.isMixedUse')}</Tag>}
                {data.isOldHousing && <Tag color="gold">{t('field.isOldHousing')}</Tag>}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {data.abilities.edit && (
                  <Button
                    type="primary"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(true)}
                    data-testid="community-edit"
                  >
                    {t('common:edit')}
                  </Button>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('profile.stats.buildings')} value={data.buildings.length} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('profile.stats.units')} value={data.unitCount} data-testid="stat-units" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('profile.stats.households')}
                  value={data.households}
                  data-testid="stat-households"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('profile.stats.exclusiveArea')} value={formatArea(data.exclusiveArea)} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('profile.overview')}>
                <Overview data={data} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('profile.map')}>
                {data.outline ? <CommunityMap community={data} /> : <Empty />}
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('profile.buildings')}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={data.buildings.length > 15 ? { pageSize: 15 } : false}
                  dataSource={data.buildings}
                  data-testid="building-table"
                  columns={[
                    { title: t('profile.building'), dataIndex: 'name' },
                    { title: t('profile.floors'), dataIndex: 'floors', align: 'right' },
                    {
                      title: t('profile.elevator'),
                      render: (_v, b) => (b.hasElevator ? t('common:yes') : t('common:no')),
                    },
                    { title: t('profile.completedOn'), dataIndex: 'completedOn' },
                    { title: t('profile.unitCount'), dataIndex: 'unitCount', align: 'right' },
                    {
                      title: t('profile.exclusiveArea'),
                      render: (_v, b) => formatArea(b.exclusiveArea),
                      align: 'right',
                    },
                  ]}
                />
              </Card>
            </Col>
            {profileSections
              .filter((s) => can(s.permission))
              .map((s) => (
                <Col span={24} key={s.key}>
                  <Card title={t(s.title)}>
                    <s.Component community={data} />
                  </Card>
                </Col>
              ))}
          </Row>
          {editing && (
            <CommunityEditDrawer community={data} open={editing} onClose={() => setEditing(false)} />
          )}
        </>
      )}
    </QueryState>
  );
}

function Overview({ data }: { data: CommunityProfile }) {
  const { t } = useTranslation('org');
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="community-overview">
      <Descriptions.Item label={t('field.code')}>{data.code}</Descriptions.Item>
      <Descriptions.Item label={t('field.street')}>{data.street.name}</Descriptions.Item>
      <Descriptions.Item label={t('field.committee')}>
        {data.committee?.name ?? t('common:none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.grid')}>{data.grid?.name ?? t('common:none')}</Descriptions.Item>
      <Descriptions.Item label={t('field.housingType')}>
        {t(`housingType.${data.housingType}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.managementMode')}>
        {t(`managementMode.${data.managementMode}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.buildYear')}>{data.buildYear ?? ''}</Descriptions.Item>
      <Descriptions.Item label={t('field.households')}>{formatNumber(data.households)}</Descriptions.Item>
      <Descriptions.Item label={t('field.floorAreaM2')}>{formatArea(data.floorArea)}</Descriptions.Item>
      <Descriptions.Item label={t('field.developer')}>
        {data.developer?.name ?? t('common:none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.propertyCompany')} span={2}>
        {data.propertyCompany ? (
          <>
            {data.propertyCompany.name}
            {data.propertyCompanyUscc && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('field.uscc')} {data.propertyCompanyUscc}
              </Typography.Text>
            )}
          </>
        ) : (
          t('profile.noPropertyCompany')
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.ownersCommittee')} span={2}>
        {data.ownersCommittee ? (
          <>
            {data.ownersCommittee.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t('field.term')} {data.ownersCommittee.termStart} – {data.ownersCommittee.termEnd}
            </Typography.Text>
          </>
        ) : (
          t('profile.noOwnersCommittee')
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
