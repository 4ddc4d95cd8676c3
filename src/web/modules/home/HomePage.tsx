import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { housingTypes } from '../../../contracts/org';
import { useSession } from '../../api/session';
import { EChart } from '../../components/EChart';
import { formatArea } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCommunityStats, usePlaceMap } from '../org/api';

const typeColors: Record<string, string> = {
  commercial: '#1f5fbf',
  sold_public_estate: '#13a8a8',
  old_public: '#d4a017',
  scattered_public: '#e8684a',
  mixed: '#8a5cd1',
};

/** The rings of the grids' polygons as polylines for an ECharts `lines` series. */
function gridLines(features: unknown[]) {
  return (
    features as { properties: { name: string }; geometry: { type: string; coordinates: number[][][] } }[]
  )
    .filter((f) => f.geometry?.type === 'Polygon')
    .flatMap((f) => f.geometry.coordinates.map((ring) => ({ name: f.properties.name, coords: ring })));
}

/** The console's start page: the caller's communities at a glance, on the district's own map. */
export default function HomePage() {
  const { t, i18n } = useTranslation('home');
  const navigate = useNavigate();
  const { data: session } = useSession();
  const stats = useCommunityStats();
  const map = usePlaceMap();
  const en = i18n.language === 'en-US';

  const maps = useMemo(() => (map.data ? { 'anju-streets': map.data.streets } : undefined), [map.data]);
  const mapOption = useMemo(() => {
    if (!map.data) return {};
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => p.name },
      legend: {
        bottom: 0,
        data: [t('gridLayer'), ...housingTypes.map((h) => t(`org:housingType.${h}`))],
      },
      geo: {
        map: 'anju-streets',
        roam: true,
        aspectScale: 0.86, // cos 31°: metres per degree of longitude at Shanghai's latitude
        layoutCenter: ['50%', '46%'],
        layoutSize: '92%',
        nameProperty: en ? 'nameEn' : 'name',
        label: { show: true, fontSize: 11, color: '#4a5b70' },
        itemStyle: { areaColor: '#eef4fc', borderColor: '#8fb0e0' },
        emphasis: { itemStyle: { areaColor: '#dce9fb' } },
      },
      series: [
        {
          // the grid layer: each grid's outline drawn over the streets, hidden from the legend
          name: t('gridLayer'),
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: false,
          lineStyle: { color: '#d48806', width: 1.5, type: 'dashed' },
          tooltip: { formatter: (p: { name: string }) => p.name },
          data: gridLines(map.data.grids.features),
        },
        ...housingTypes.map((h) => ({
          name: t(`org:housingType.${h}`),
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 9,
          itemStyle: { color: typeColors[h] },
          data: map.data.communities
            .filter((c) => c.housingType === h)
            .map((c) => ({ name: c.name, value: [c.lng, c.lat], id: c.id })),
        })),
      ],
    };
  }, [map.data, t, en]);

  const typeOption = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: {
        orient: 'vertical',
        right: 8,
        top: 'middle',
        itemWidth: 12,
        itemHeight: 12,
        formatter: (name: string) =>
          `${name}  ${stats.data?.byHousingType.find((b) => t(`org:housingType.${b.key}`) === name)?.communities ?? ''}`,
      },
      series: [
        {
          type: 'pie',
          center: ['30%', '50%'],
          radius: ['45%', '78%'],
          label: { show: false },
          data: (stats.data?.byHousingType ?? []).map((b) => ({
            name: t(`org:housingType.${b.key}`),
            value: b.communities,
            itemStyle: { color: typeColors[b.key] },
          })),
        },
      ],
    }),
    [stats.data, t],
  );
  const modeOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: (stats.data?.byManagementMode ?? []).map((b) => t(`org:managementMode.${b.key}`)),
      },
      series: [
        {
          type: 'bar',
          data: (stats.data?.byManagementMode ?? []).map((b) => b.communities),
          itemStyle: { color: '#1f5fbf' },
          barWidth: 18,
        },
      ],
    }),
    [stats.data, t],
  );

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle', { name: session?.user.displayName ?? '' })} />
      <QueryState loading={stats.isLoading} error={stats.error} retry={() => void stats.refetch()}>
        {stats.data && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('stats.communities')}
                  value={stats.data.communities}
                  data-testid="stat-communities"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('stats.households')} value={stats.data.households} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('stats.floorArea')} value={formatArea(stats.data.floorArea)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('stats.ownersCommittees')}
                  value={stats.data.withOwnersCommittee}
                  suffix={`/ ${stats.data.communities}`}
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title={t('map')}>
                <QueryState loading={map.isLoading} error={map.error}>
                  <EChart
                    option={mapOption}
                    maps={maps}
                    height={460}
                    testId="district-map"
                    onClick={(p) => {
                      const id = (p.data as { id?: number } | undefined)?.id;
                      if (p.seriesType === 'scatter' && id) navigate(`/communities/${id}`);
                    }}
                  />
                </QueryState>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Row gutter={[16, 16]}>
                <Col span={24}>
                  <Card title={t('byHousingType')}>
                    <EChart option={typeOption} height={220} />
                  </Card>
                </Col>
                <Col span={24}>
                  <Card title={t('byManagementMode')}>
                    <EChart option={modeOption} height={180} />
                  </Card>
                </Col>
              </Row>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
