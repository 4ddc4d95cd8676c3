import { useMemo } from 'react';
import type { CaseDetail } from '../../../contracts/cases';
import { EChart } from '../../components/EChart';
import { useCommunity } from '../org/api';

/** The case's point on its community's outline, from the district's own GeoJSON. */
export function CaseMap({ detail }: { detail: CaseDetail }) {
  const community = useCommunity(detail.community.id).data;
  const mapName = `case-community-${detail.community.id}`;
  const maps = useMemo(
    () =>
      community?.outline
        ? {
            [mapName]: {
              type: 'FeatureCollection',
              features: [
                { type: 'Feature', properties: { name: community.name }, geometry: community.outline },
              ],
            },
          }
        : undefined,
    [community, mapName],
  );
  const point = detail.location ?? community?.location ?? null;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName,
        roam: true,
        aspectScale: 0.86,
        itemStyle: { areaColor: '#eef4fc', borderColor: '#1f5fbf', borderWidth: 1.5 },
        emphasis: { disabled: true },
      },
      series: point
        ? [
            {
              type: 'effectScatter',
              coordinateSystem: 'geo',
              symbolSize: 12,
              itemStyle: { color: '#cf1322' },
              data: [{ name: detail.title, value: [point.lng, point.lat] }],
            },
          ]
        : [],
    }),
    [point, mapName, detail.title],
  );
  if (!maps) return null;
  return <EChart option={option} maps={maps} height={220} testId="case-map" />;
}
