import { useQuery } from '@tanstack/react-query';
import type { HazardDetail } from '../../../contracts/hazards';
import { api } from '../../api/client';

export function useHazard(id: number) {
  return useQuery({
    queryKey: ['hazard', id],
    queryFn: () => api.get<HazardDetail>(`/hazards/${id}`),
  });
}

export const hazardPhotoUrl = (id: number, fileId: number, thumbnail = true) =>
  `/api/v1/hazards/${id}/files/${fileId}${thumbnail ? '?thumbnail=true' : ''}`;
