import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Select, theme } from 'antd';
import dayjs from 'dayjs';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { kpiCatalogue } from '../../../contracts/assessment';
import {
  backlogStates,
  DEFAULT_SCREEN_KPI,
  type ScreenFeedItem,
  type ScreenMap,
  type ScreenSummary,
  screenKpiCodes,
} from '../../../contracts/screen';
import { useSession } from '../../api/session';
import { EChart } from '../../components/EChart';
import { formatNumber, SHANGHAI } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { useScreenFeed, useScreenMap, useScreenSummary } from './api';

const c = {
  page: '#07122a',
  panel: 'rgba(13, 34, 72, 0.82)',
  border: '#1d3f78',
  title: '#8fc4ff',
  text: '#e6f0ff',
  dim: '#8aa2c8',
  accent: '#3dd6f5',
  onTime: '#36cf8f',
  warning: '#f7b733',
  overdue: '#ff5a4f',
  line: ['#3dd6f5', '#f7b733', '#36cf8f'],
};

const KPI_KEY = 'anju.screen.kpi';
const column: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: 16,
  minHeight: 0,
  minWidth: 0,
};

function Panel({
  title,
  extra,
  children,
  style,
  testId,
  query,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  /** The query the panel shows: a skeleton while it loads, its error with a retry if it fails. */
  query?: { isLoading: boolean; error: unknown; refetch: () => unknown };
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      style={{
        background: c.panel,
        border: `1px solid ${c.border}`,
        borderRadius: 10,
        padding: '14px 18px',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        boxShadow: 'inset 0 0 24px rgba(61, 214, 245, 0.06)',
        ...style,
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 10 }}>
        <span style={{ width: 4, height: 22, background: c.accent, borderRadius: 2 }} />
        <h2 style={{ margin: 0, fontSize: 24, fontWeight: 600, color: c.title, flex: 1 }}>{title}</h2>
        {extra}
      </header>
      <div style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
        {query ? (
          <QueryState loading={query.isLoading} error={query.error} retry={() => query.refetch()}>
            {children}
          </QueryState>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

function Big({
  label,
  value,
  color = c.text,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId?: string;
}) {
  return (
    <div style={{ flex: 1, textAlign: 'center' }} data-testid={testId}>
      <div
        style={{ fontSize: 46, fontWeight: 700, color, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }}
      >
        {formatNumber(value)}
      </div>
      <div style={{ fontSize: 19, color: c.dim, marginTop: 4 }}>{label}</div>
    </div>
  );
}

function Clock() {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const timer = setInterval(() => setNow(dayjs()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span
      style={{ fontSize: 26, color: c.text, fontVariantNumeric: 'tabular-nums' }}
      data-testid="screen-clock"
    >
      {now.tz(SHANGHAI).format('YYYY-MM-DD HH:mm:ss')}
    </span>
  );
}

function useKpiText() {
  const { t } = useTranslation('assessment');
  return {
    name: (code: string) => t(`kpi.${code}.name`),
    value: (code: string, value: number | null) => {
      const unit = kpiCatalogue.find((k) => k.code === code)?.unit ?? 'cases';
      if (value === null) return '—';
      return `${formatNumber(value)}${unit === 'percent' ? '%' : ` ${t(`unitKind.${unit}`)}`}`;
    },
  };
}

function ScreenMapChart({
  map,
  summary,
  kpi,
}: {
  map: ScreenMap;
  summary: ScreenSummary | undefined;
  kpi: string;
}) {
  const { t, i18n } = useTranslation('screen');
  const text = useKpiText();
  const en = i18n.language === 'en-US';
  const maps = useMemo(() => ({ 'anju-screen': map.regions }), [map]);
  const direction = kpiCatalogue.find((k) => k.code === kpi)?.direction ?? 'higher';
  const option = useMemo(() => {
    const values = (summary?.regions ?? []).filter((r) => r.value !== null).map((r) => r.value!);
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : 1;
    const good = ['#1b4f8a', '#1f8fb8', '#3dd6f5'];
    return {
      tooltip: {
        trigger: 'item',
        backgroundColor: '#0d2248',
        borderColor: c.border,
        textStyle: { color: c.text, fontSize: 18 },
        formatter: (p: { name: string; seriesType: string; data?: { value: number | null } }) =>
          p.seriesType === 'map' ? `${p.name}<br/>${text.value(kpi, p.data?.value ?? null)}` : p.name,
      },
      visualMap: {
        type: 'continuous',
        show: values.length > 0,
        seriesIndex: 0,
        // With one value for every street, stretch the scale away from it so that value reads as
        // the good end of the scale rather than the bad one.
        min: max === min && direction === 'higher' ? min - 1 : min,
        max: max === min && direction !== 'higher' ? max + 1 : max,
        calculable: false,
        orient: 'vertical',
        left: 16,
        bottom: 16,
        itemHeight: 160,
        text: [text.value(kpi, max), text.value(kpi, min)],
        textStyle: { color: c.text, fontSize: 16 },
        inRange: {
          color: direction === 'higher' ? ['#5a2a4a', ...good] : [...good].reverse().concat('#5a2a4a'),
        },
        outOfRange: { color: '#23324f' },
      },
      geo: {
        map: 'anju-screen',
        roam: false,
        aspectScale: 0.86, // cos 31°: metres per degree of longitude at Shanghai's latitude
        layoutCenter: ['52%', '50%'],
        layoutSize: '96%',
        nameProperty: en ? 'nameEn' : 'name',
        silent: true,
        itemStyle: { areaColor: '#23324f', borderColor: '#6fb6ff', borderWidth: 1.5 },
      },
      series: [
        {
          type: 'map',
          geoIndex: 0,
          data: (summary?.regions ?? []).map((r) => ({ name: en ? r.nameEn : r.name, value: r.value })),
        },
        {
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          lineStyle: { color: 'rgba(160, 200, 255, 0.35)', width: 1, type: 'dashed' },
          data: map.gridLines.map((coords) => ({ coords })),
        },
        {
          type: 'scatter',
          name: t('map.communities'),
          coordinateSystem: 'geo',
          symbolSize: 6,
          itemStyle: { color: '#ffe58f', shadowBlur: 6, shadowColor: '#ffe58f' },
          data: map.communities.map((p) => ({ name: p.name, value: [p.lng, p.lat] })),
        },
      ],
    };
  }, [map, summary, kpi, en, direction, t, text]);
  const labelled = useMemo(
    () => ({
      ...option,
      geo: {
        ...option.geo,
        label: {
          show: true,
          color: '#ffffff',
          fontSize: map.regions.features.length > 20 ? 12 : en ? 14 : 17,
          textBorderColor: '#07122a',
          textBorderWidth: 3,
          // English street names are long: wrap them inside their street instead of over the next one.
          ...(en
            ? {
                width: map.regions.features.length > 20 ? 80 : 124,
                overflow: 'break' as const,
                lineHeight: 16,
              }
            : {}),
        },
      },
    }),
    [option, map, en],
  );
  return <EChart option={labelled} maps={maps} height="100%" testId="screen-map" />;
}

function Backlog({ summary }: { summary: ScreenSummary }) {
  const { t } = useTranslation(['screen', 'cases']);
  const total = summary.backlog.states.reduce((n, s) => n + s.count, 0);
  const sla = summary.backlog.sla;
  const slaTotal = sla.onTime + sla.warning + sla.overdue || 1;
  return (
    <div
      data-testid="screen-backlog"
      style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%' }}
    >
      <div style={{ display: 'flex', gap: 10 }}>
        {(
          [
            ['on_time', sla.onTime, c.onTime],
            ['warning', sla.warning, c.warning],
            ['overdue', sla.overdue, c.overdue],
          ] as const
        ).map(([key, n, color]) => (
          <div
            key={key}
            data-testid={`screen-sla-${key}`}
            style={{
              flex: 1,
              border: `1px solid ${color}`,
              borderRadius: 8,
              padding: '6px 0',
              textAlign: 'center',
              background: `${color}1a`,
            }}
          >
            <div style={{ fontSize: 40, fontWeight: 700, color, lineHeight: 1.1 }}>{formatNumber(n)}</div>
            <div style={{ fontSize: 18, color: c.text }}>{t(`cases:sla.${key}`)}</div>
          </div>
        ))}
      </div>
      <div
        style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', background: '#1a2a48' }}
      >
        <span style={{ width: `${(sla.onTime / slaTotal) * 100}%`, background: c.onTime }} />
        <span style={{ width: `${(sla.warning / slaTotal) * 100}%`, background: c.warning }} />
        <span style={{ width: `${(sla.overdue / slaTotal) * 100}%`, background: c.overdue }} />
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8 }}>
        <div style={{ gridColumn: 'span 1', textAlign: 'center' }} data-testid="screen-backlog-total">
          <div style={{ fontSize: 30, fontWeight: 700, color: c.accent }}>{formatNumber(total)}</div>
          <div style={{ fontSize: 16, color: c.dim }}>{t('backlog.total')}</div>
        </div>
        {backlogStates.map((state) => (
          <div key={state} style={{ textAlign: 'center' }} data-testid={`screen-state-${state}`}>
            <div style={{ fontSize: 30, fontWeight: 600, color: c.text }}>
              {formatNumber(summary.backlog.states.find((s) => s.state === state)?.count ?? 0)}
            </div>
            <div style={{ fontSize: 16, color: c.dim }}>{t(`cases:state.${state}`)}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

function Trend({ summary }: { summary: ScreenSummary }) {
  const { t } = useTranslation('screen');
  const option = useMemo(
    () => ({
      color: c.line,
      grid: { left: 56, right: 20, top: 44, bottom: 34 },
      legend: { top: 0, right: 0, textStyle: { color: c.text, fontSize: 17 }, itemWidth: 22 },
      tooltip: { trigger: 'axis', textStyle: { fontSize: 16 } },
      xAxis: {
        type: 'category',
        data: summary.trend.map((d) => d.day.slice(5)),
        axisLabel: { color: c.dim, fontSize: 15 },
        axisLine: { lineStyle: { color: c.border } },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: c.dim, fontSize: 15 },
        splitLine: { lineStyle: { color: '#16305a' } },
      },
      series: (['reported', 'handled', 'closed'] as const).map((k, i) => ({
        name: t(`trend.${k}`),
        type: 'line',
        smooth: true,
        symbol: 'none',
        lineStyle: { width: 3 },
        areaStyle: i === 0 ? { opacity: 0.15 } : undefined,
        data: summary.trend.map((d) => d[k]),
      })),
    }),
    [summary, t],
  );
  return <EChart option={option} height="100%" testId="screen-trend" />;
}

function Ranking({ summary }: { summary: ScreenSummary }) {
  const { i18n } = useTranslation();
  const text = useKpiText();
  const en = i18n.language === 'en-US';
  const rows = summary.ranking.slice(0, 16);
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const size = rows.length > 10 ? 17 : 20;
  return (
    <ol
      data-testid="screen-ranking"
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'flex',
        flexDirection: 'column',
        gap: rows.length > 10 ? 4 : 8,
      }}
    >
      {rows.map((r) => (
        <li
          key={r.id}
          data-unit={r.name}
          style={{ display: 'flex', alignItems: 'center', gap: 10, fontSize: size }}
        >
          <span
            style={{
              width: 30,
              height: 30,
              borderRadius: 15,
              textAlign: 'center',
              lineHeight: '30px',
              fontWeight: 700,
              fontSize: 17,
              background: r.rank !== null && r.rank <= 3 ? c.accent : '#1b3460',
              color: r.rank !== null && r.rank <= 3 ? c.page : c.text,
              flex: 'none',
            }}
          >
            {r.rank ?? '·'}
          </span>
          <span
            style={{
              width: 150,
              color: c.text,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {en ? r.nameEn : r.name}
          </span>
          <span style={{ flex: 1, height: 12, background: '#142a50', borderRadius: 6, overflow: 'hidden' }}>
            <span
              style={{
                display: 'block',
                height: '100%',
                width: `${((r.value ?? 0) / max) * 100}%`,
                background: 'linear-gradient(90deg, #1f8fb8, #3dd6f5)',
              }}
            />
          </span>
          <span
            data-testid="screen-rank-value"
            style={{ width: 110, textAlign: 'right', color: c.text, fontVariantNumeric: 'tabular-nums' }}
          >
            {text.value(summary.kpi, r.value)}
          </span>
        </li>
      ))}
    </ol>
  );
}

function lateness(t: (k: string, o?: Record<string, unknown>) => string, dueAt: string, now: number) {
  const hours = Math.max(0, (now - Date.parse(dueAt)) / 3_600_000);
  return hours >= 48
    ? t('overdue.days', { n: Math.floor(hours / 24) })
    : t('overdue.hours', { n: Math.max(1, Math.floor(hours)) });
}

function Overdue({ summary }: { summary: ScreenSummary }) {
  const { t } = useTranslation(['screen', 'cases']);
  const now = Date.parse(summary.generatedAt);
  if (!summary.overdue.length)
    return <div style={{ color: c.dim, fontSize: 20, padding: 12 }}>{t('overdue.none')}</div>;
  return (
    <ul
      data-testid="screen-overdue"
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      {summary.overdue.slice(0, 6).map((o) => (
        <li
          key={o.id}
          style={{
            display: 'flex',
            gap: 12,
            alignItems: 'center',
            borderLeft: `4px solid ${c.overdue}`,
            paddingLeft: 10,
          }}
        >
          <div style={{ flex: 1, minWidth: 0 }}>
            <div
              style={{
                fontSize: 19,
                color: c.text,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {o.title}
            </div>
            <div
              style={{
                fontSize: 15,
                color: c.dim,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {o.number} · {o.streetName} · {o.communityName} · {t(`cases:state.${o.state}`)}
            </div>
          </div>
          <span style={{ color: c.overdue, fontSize: 19, fontWeight: 700, whiteSpace: 'nowrap' }}>
            {t('overdue.late', { time: lateness(t, o.stageDueAt, now) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Feed({ items }: { items: ScreenFeedItem[] }) {
  const { t, i18n } = useTranslation(['screen', 'cases']);
  const en = i18n.language === 'en-US';
  if (!items.length) return <div style={{ color: c.dim, fontSize: 20, padding: 12 }}>{t('feed.empty')}</div>;
  return (
    <ul
      data-testid="screen-feed"
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      {items.map((e, i) => (
        <li
          key={e.eventId}
          data-case={e.number}
          style={{
            display: 'flex',
            gap: 12,
            alignItems: 'flex-start',
            padding: '6px 8px',
            borderRadius: 6,
            background: i === 0 ? 'rgba(61, 214, 245, 0.12)' : 'transparent',
          }}
        >
          <span
            style={{
              fontSize: 16,
              color: c.dim,
              width: 56,
              flex: 'none',
              paddingTop: 3,
              fontVariantNumeric: 'tabular-nums',
            }}
          >
            {dayjs(e.at).tz(SHANGHAI).format('HH:mm')}
          </span>
          <span
            style={{
              fontSize: 15,
              flex: 'none',
              padding: '2px 8px',
              borderRadius: 4,
              color: e.action === 'report' ? c.page : c.text,
              background: e.action === 'report' ? c.warning : '#1f4b8a',
            }}
          >
            {t(`cases:action.${e.action}`)}
          </span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div
              style={{
                fontSize: 18,
                color: c.text,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {e.title}
            </div>
            <div
              style={{
                fontSize: 15,
                color: c.dim,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {e.number} · {e.streetName} · {e.communityName} · {en ? e.categoryNameEn : e.categoryName} ·{' '}
              {e.actor}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The command room's wall screen: 1920 × 1080, dark, no scrolling, refreshing itself. */
export default function ScreenPage() {
  const { t, i18n } = useTranslation('screen');
  const text = useKpiText();
  const { data: session, isLoading } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const allowed = Boolean(session?.permissions.includes('screen.read'));
  const [kpi, setKpi] = useState(() => {
    const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(KPI_KEY);
    return saved && screenKpiCodes.includes(saved) ? saved : DEFAULT_SCREEN_KPI;
  });
  const map = useScreenMap(allowed);
  const summary = useScreenSummary(kpi, allowed);
  const feed = useScreenFeed(allowed);
  const en = i18n.language === 'en-US';

  useEffect(() => {
    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = overflow;
    };
  }, []);

  const s = summary.data;
  const level = map.data?.level ?? s?.level ?? 'district';
  const areaName = map.data ? (en && map.data.area.nameEn ? map.data.area.nameEn : map.data.area.name) : '';
  const title = level === 'city' ? t('cityTitle') : t('title', { area: areaName });
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (isLoading) return null;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!allowed) return <Navigate to="/" replace />;

  return (
    <ConfigProvider
      theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#3dd6f5', fontSize: 16 } }}
    >
      <div
        data-testid="screen"
        style={{
          width: '100%',
          height: '100vh',
          overflow: 'hidden',
          background: `radial-gradient(ellipse at 50% 30%, #10295a 0%, ${c.page} 70%)`,
          color: c.text,
          display: 'flex',
          flexDirection: 'column',
          padding: '0 20px 20px',
          boxSizing: 'border-box',
          fontFamily: '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", system-ui, sans-serif',
        }}
      >
        <header style={{ height: 84, display: 'flex', alignItems: 'center', gap: 20, flex: 'none' }}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('exit')}
            title={t('exit')}
            onClick={() => navigate('/')}
            data-testid="screen-exit"
          />
          <div style={{ flex: 1, minWidth: 0 }}>
            <h1
              data-testid="screen-title"
              style={{
                margin: 0,
                fontSize: 36,
                fontWeight: 700,
                letterSpacing: en ? 0 : 4,
                color: '#ffffff',
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {title}
            </h1>
            <div style={{ fontSize: 17, color: c.dim }} data-testid="screen-as-of">
              {t('subtitle', {
                days: s ? s.trend.length : 30,
                asOf: s?.asOf ? dayjs(s.asOf).tz(SHANGHAI).format('YYYY-MM-DD HH:mm:ss') : '—',
              })}
            </div>
          </div>
          <span style={{ fontSize: 18, color: c.dim }}>{t('kpiPick')}</span>
          <Select
            data-testid="screen-kpi"
            value={kpi}
            style={{ width: 260 }}
            size="large"
            options={screenKpiCodes.map((code) => ({ value: code, label: text.name(code) }))}
            onChange={(value) => {
              setKpi(value);
              localStorage.setItem(KPI_KEY, value);
            }}
          />
          <span
            data-testid="screen-live"
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              fontSize: 18,
              color: feed.live ? c.onTime : c.warning,
            }}
          >
            <span
              style={{ width: 12, height: 12, borderRadius: 6, background: feed.live ? c.onTime : c.warning }}
            />
            {feed.live ? t('live') : t('reconnecting')}
          </span>
          <Clock />
          <LanguageSwitch signedIn />
        </header>

        <main
          style={{
            flex: 1,
            minHeight: 0,
            display: 'grid',
            gridTemplateColumns: '470px minmax(0, 1fr) 520px',
            gridTemplateRows: 'minmax(0, 1fr)',
            gap: 16,
          }}
        >
          <div style={column}>
            <Panel
              title={t('today.title')}
              testId="screen-today"
              style={{ flex: 'none', height: 150 }}
              query={summary}
            >
              {s && (
                <div style={{ display: 'flex', alignItems: 'center', height: '100%' }}>
                  <Big
                    label={t('today.reported')}
                    value={s.today.reported}
                    color={c.accent}
                    testId="screen-today-reported"
                  />
                  <Big label={t('today.dispatched')} value={s.today.dispatched} />
                  <Big label={t('today.handled')} value={s.today.handled} />
                  <Big
                    label={t('today.closed')}
                    value={s.today.closed}
                    color={c.onTime}
                    testId="screen-today-closed"
                  />
                </div>
              )}
            </Panel>
            <Panel title={t('backlog.title')} style={{ flex: 'none', height: 340 }} query={summary}>
              {s && <Backlog summary={s} />}
            </Panel>
            <Panel
              title={t('ranking.title', { kpi: text.name(kpi) })}
              extra={<span style={{ color: c.dim, fontSize: 17 }}>{t(`ranking.${level}`)}</span>}
              style={{ flex: 1 }}
              query={summary}
            >
              {s && <Ranking summary={s} />}
            </Panel>
          </div>
          <div style={column}>
            <Panel title={`${t(`map.${level}`)} · ${text.name(kpi)}`} style={{ flex: 1 }} query={map}>
              {map.data && <ScreenMapChart map={map.data} summary={s} kpi={kpi} />}
            </Panel>
            <Panel
              title={t('trend.title', { days: s?.trend.length ?? 30 })}
              style={{ flex: 'none', height: 320 }}
              query={summary}
            >
              {s && <Trend summary={s} />}
            </Panel>
          </div>
          <div style={column}>
            <Panel title={t('overdue.title')} style={{ flex: 'none', height: 430 }} query={summary}>
              {s && <Overdue summary={s} />}
            </Panel>
            <Panel title={t('feed.title')} testId="screen-feed-panel" style={{ flex: 1 }}>
              <Feed items={feed.items} />
            </Panel>
          </div>
        </main>
      </div>
    </ConfigProvider>
  );
}
