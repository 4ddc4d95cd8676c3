import { useMemo } from 'react';
import type { CommunityProfile } from '../../../contracts/org';
import { EChart } from '../../components/EChart';

/** The community outline and its centre point, drawn from its own GeoJSON (no online tiles). */
export function CommunityMap({ community }: { community: CommunityProfile }) {
  const mapName = `community-${community.id}`;
  const maps = useMemo(
    () =>
      community.outline
        ? {
            [mapName]: {
              type: 'FeatureCollection',
              features: [
                { type: 'Feature', properties: { name: community.name }, geometry: community.outline },
              ],
            },
          }
        : {},
    [community, mapName],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName,
        roam: true,
        aspectScale: 0.85,
        label: { show: false },
        itemStyle: { areaColor: '#e6f0ff', borderColor: '#1f5fbf', borderWidth: 2 },
        emphasis: { itemStyle: { areaColor: '#cfe0ff' }, label: { show: false } },
      },
      series: community.location
        ? [
            {
              type: 'scatter',
              coordinateSystem: 'geo',
              symbolSize: 14,
              itemStyle: { color: '#d4380d' },
              data: [{ name: community.name, value: [community.location.lng, community.location.lat] }],
              label: { show: true, formatter: community.name, position: 'right', color: '#333' },
            },
          ]
        : [],
    }),
    [community, mapName],
  );
  if (!community.outline) return null;
  return <EChart option={option} maps={maps} height={260} testId="community-map" />;
}
