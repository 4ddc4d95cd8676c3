import { AimOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, Flex, Input, Segmented, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { HazardSummary } from '../../../contracts/hazards';
import type { Round } from '../../../contracts/inspections';
import { api } from '../../api/client';
import { useCan, useSession } from '../../api/session';
import { EChart } from '../../components/EChart';
import { SHANGHAI } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { GradeTag, HazardStatusTag } from '../hazards/tags';
import { usePlaceMap } from '../org/api';
import { distanceMetres, type FieldGroup, fieldGroupOf, fieldGroups } from './fieldGroups';
import { PlanTypeTag } from './tags';

const groupColors: Record<FieldGroup, string> = {
  overdue: '#cf1322',
  today: '#d46b08',
  week: '#1f5fbf',
  later: '#8c8c8c',
};

type Tab = 'rounds' | 'map' | 'hazards';
type Point = { lng: number; lat: number };

/** All my open rounds (a field worker has a few hundred at most), page by page. */
async function fetchMyOpenRounds(): Promise<Round[]> {
  const items: Round[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await api.get<{ items: Round[]; nextCursor: string | null }>('/inspections/rounds', {
      mine: true,
      status: 'open',
      limit: 200,
      cursor,
    });
    items.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return items;
}

/** Where the phone is, if the worker allows it; nothing otherwise (the page works without it). */
function usePosition(): Point | null {
  const [position, setPosition] = useState<Point | null>(null);
  useEffect(() => {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => undefined,
      { timeout: 10_000, maximumAge: 5 * 60_000 },
    );
  }, []);
  return position;
}

function formatDistance(m: number): string {
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}

/**
 * The field worker's start page: my open rounds grouped by overdue / today / this week / later,
 * searchable, nearest first when the phone shares its position; a map of the targets; and hazards
 * waiting for my teams.
 */
export default function FieldHomePage() {
  const { t, i18n } = useTranslation('inspections');
  const navigate = useNavigate();
  const can = useCan();
  const { data: session } = useSession();
  const [tab, setTab] = useState<Tab>('rounds');
  const [search, setSearch] = useState('');
  const position = usePosition();
  const today = dayjs().tz(SHANGHAI).format('YYYY-MM-DD');
  const en = i18n.language === 'en-US';

  const rounds = useQuery({
    queryKey: ['field-rounds'],
    queryFn: fetchMyOpenRounds,
    enabled: can('inspections.read'),
  });
  const hazards = useQuery({
    queryKey: ['field-hazards'],
    queryFn: () => api.get<{ items: HazardSummary[]; total: number }>('/hazards', { mine: true, limit: 50 }),
    enabled: can('hazards.read'),
  });
  const placeMap = usePlaceMap();
  const coords = useMemo(
    () => new Map((placeMap.data?.communities ?? []).map((c) => [c.id, { lng: c.lng, lat: c.lat }])),
    [placeMap.data],
  );

  const needle = search.trim().toLowerCase();
  const shown = useMemo(
    () =>
      (rounds.data ?? []).filter(
        (r) =>
          !needle ||
          [r.target.name, r.community.name, r.street.name, r.plan.name].some((s) =>
            s.toLowerCase().includes(needle),
          ),
      ),
    [rounds.data, needle],
  );
  const distanceOf = useCallback(
    (r: Round) => {
      const at = coords.get(r.community.id);
      return position && at ? distanceMetres(position, at) : null;
    },
    [coords, position],
  );
  const grouped = useMemo(() => {
    const by = new Map<FieldGroup, Round[]>(fieldGroups.map((g) => [g, []]));
    for (const r of shown) by.get(fieldGroupOf(r, today))?.push(r);
    if (position)
      for (const list of by.values())
        list.sort((a, b) => (distanceOf(a) ?? Number.MAX_VALUE) - (distanceOf(b) ?? Number.MAX_VALUE));
    return by;
  }, [shown, today, position, distanceOf]);

  // one point per community with open rounds, coloured by its most urgent round
  const mapOption = useMemo(() => {
    if (!placeMap.data) return {};
    const points = new Map<number, { name: string; at: Point; group: FieldGroup; count: number }>();
    for (const r of shown) {
      const at = coords.get(r.community.id);
      if (!at) continue;
      const group = fieldGroupOf(r, today);
      const p = points.get(r.community.id);
      if (!p) points.set(r.community.id, { name: r.community.name, at, group, count: 1 });
      else {
        p.count++;
        if (fieldGroups.indexOf(group) < fieldGroups.indexOf(p.group)) p.group = group;
      }
    }
    const all = [...points.values()].map((p) => p.at);
    if (position) all.push(position);
    const center =
      position ?? (all.length ? { lng: avg(all.map((p) => p.lng)), lat: avg(all.map((p) => p.lat)) } : null);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; data?: { count?: number } }) =>
          p.data?.count ? `${p.name}<br/>${t('field.roundsHere', { count: p.data.count })}` : p.name,
      },
      legend: {
        top: 4,
        backgroundColor: 'rgba(255,255,255,0.85)',
        data: fieldGroups.map((g) => t(`field.group.${g}`)),
      },
      geo: {
        map: 'anju-streets',
        roam: true,
        aspectScale: 0.86,
        nameProperty: en ? 'nameEn' : 'name',
        center: center ? [center.lng, center.lat] : undefined,
        zoom: position ? 2.2 : 1.1,
        label: { show: true, fontSize: 10, color: '#4a5b70' },
        itemStyle: { areaColor: '#eef4fc', borderColor: '#8fb0e0' },
        emphasis: { disabled: true },
      },
      series: [
        ...fieldGroups.map((g) => ({
          name: t(`field.group.${g}`),
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: (v: number[]) => 8 + Math.min(10, (v[2] ?? 1) * 2),
          itemStyle: { color: groupColors[g] },
          data: [...points.entries()]
            .filter(([, p]) => p.group === g)
            .map(([id, p]) => ({ name: p.name, value: [p.at.lng, p.at.lat, p.count], id, count: p.count })),
        })),
        ...(position
          ? [
              {
                name: t('field.you'),
                type: 'effectScatter',
                coordinateSystem: 'geo',
                symbolSize: 12,
                itemStyle: { color: '#13a8a8' },
                data: [{ name: t('field.you'), value: [position.lng, position.lat] }],
              },
            ]
          : []),
      ],
    };
  }, [placeMap.data, shown, coords, today, position, t, en]);
  const maps = useMemo(
    () => (placeMap.data ? { 'anju-streets': placeMap.data.streets } : undefined),
    [placeMap.data],
  );

  const roundCard = (r: Round) => {
    const d = distanceOf(r);
    return (
      <Card
        key={r.id}
        size="small"
        hoverable
        onClick={() => navigate(`/field/rounds/${r.id}`)}
        data-testid={`round-card-${r.plan.type}`}
      >
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={6} wrap align="center">
              <PlanTypeTag type={r.plan.type} />
              {r.status === 'in_progress' && <Tag color="processing">{t('roundStatus.in_progress')}</Tag>}
              {r.overdue && <Tag color="error">{t('round.overdue')}</Tag>}
            </Flex>
            <Typography.Text strong ellipsis data-testid="round-card-target">
              {r.target.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.street.name} · {t('round.dueOn', { date: r.dueOn })} ·{' '}
              {t('round.items', { count: r.itemCount })}
              {d !== null && (
                <>
                  {' · '}
                  <span data-testid="round-card-distance">{formatDistance(d)}</span>
                </>
              )}
            </Typography.Text>
          </Flex>
          <RightOutlined />
        </Flex>
      </Card>
    );
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t('field.hello', { name: session?.user.displayName ?? '' })}
      </Typography.Text>
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as Tab)}
        options={[
          { value: 'rounds', label: `${t('field.roundsTab')} ${rounds.data?.length ?? ''}` },
          { value: 'map', label: t('field.map') },
          { value: 'hazards', label: `${t('field.hazardsTab')} ${hazards.data?.total ?? ''}` },
        ]}
        data-testid="field-tabs"
      />
      {tab !== 'hazards' && (
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('field.searchPlaceholder')}
          aria-label={t('field.searchPlaceholder')}
          data-testid="field-search"
        />
      )}
      {tab === 'rounds' && (
        <QueryState loading={rounds.isLoading} error={rounds.error}>
          {rounds.data && shown.length === 0 && (
            <Empty description={needle ? t('field.noMatch') : t('field.noRounds')} />
          )}
          {position && shown.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-nearest-first">
              <AimOutlined /> {t('field.nearestFirst')}
            </Typography.Text>
          )}
          {fieldGroups.map((g) => {
            const list = grouped.get(g) ?? [];
            if (list.length === 0) return null;
            return (
              <Flex vertical gap={8} key={g} data-testid={`field-group-${g}`}>
                <Flex align="center" gap={8} style={{ marginTop: 4 }}>
                  <Badge color={groupColors[g]} />
                  <Typography.Text strong>{t(`field.group.${g}`)}</Typography.Text>
                  <Typography.Text type="secondary" data-testid={`field-group-${g}-count`}>
                    {list.length}
                  </Typography.Text>
                </Flex>
                {list.map(roundCard)}
              </Flex>
            );
          })}
        </QueryState>
      )}
      {tab === 'map' && (
        <QueryState loading={placeMap.isLoading || rounds.isLoading} error={placeMap.error ?? rounds.error}>
          <Card size="small" styles={{ body: { padding: 4 } }}>
            <EChart
              option={mapOption}
              maps={maps}
              height={420}
              testId="field-map"
              onClick={(p) => {
                const name = p.seriesType === 'scatter' ? p.name : undefined;
                if (name) {
                  setSearch(name);
                  setTab('rounds');
                }
              }}
            />
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {position ? t('field.mapHintPosition') : t('field.mapHint')}
          </Typography.Text>
        </QueryState>
      )}
      {tab === 'hazards' && (
        <QueryState loading={hazards.isLoading} error={hazards.error}>
          {hazards.data?.items.length === 0 && <Empty description={t('field.noHazards')} />}
          {hazards.data?.items.map((h) => (
            <Card
              key={h.id}
              size="small"
              hoverable
              onClick={() => navigate(`/field/hazards/${h.id}`)}
              data-testid="field-hazard"
            >
              <Flex vertical gap={4}>
                <Flex gap={6} wrap>
                  <GradeTag grade={h.grade} />
                  <HazardStatusTag status={h.status} />
                </Flex>
                <Typography.Text strong>{h.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.community.name} · {h.number}
                </Typography.Text>
              </Flex>
            </Card>
          ))}
        </QueryState>
      )}
    </Flex>
  );
}

function avg(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
