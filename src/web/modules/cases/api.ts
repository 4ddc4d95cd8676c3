import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CaseAction,
  CaseActionBody,
  CaseDetail,
  CaseIntake,
  caseIntakeAnswer,
  queueCounts,
} from '../../../contracts/cases';
import type { categoryTree } from '../../../contracts/duties';
import { api } from '../../api/client';

export type CategoryTree = z.infer<typeof categoryTree>;
export type IntakeAnswer = z.infer<typeof caseIntakeAnswer>;
export type UploadedFile = {
  fileId: number;
  name: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
};

export function useQueueCounts() {
  return useQuery({
    queryKey: ['case-queues'],
    queryFn: () => api.get<z.infer<typeof queueCounts>>('/cases/queues'),
    refetchInterval: 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['case-categories'],
    queryFn: () => api.get<CategoryTree>('/case-categories'),
    staleTime: 600_000,
  });
}

export function useCase(id: number) {
  return useQuery({ queryKey: ['case', id], queryFn: () => api.get<CaseDetail>(`/cases/${id}`) });
}

/** Runs one lifecycle action with the version the page shows; the case is refreshed either way. */
export function useCaseAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: CaseAction; body: CaseActionBody }) =>
      api.post<CaseDetail>(`/cases/${id}/actions/${action}`, body),
    onSuccess: (detail) => {
      client.setQueryData(['case', id], detail);
      void client.invalidateQueries({ queryKey: ['/cases'] });
      void client.invalidateQueries({ queryKey: ['case-queues'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: ['case', id] }),
  });
}

export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file);
  return api.post<UploadedFile>('/files', form);
}

/** Reports a case with an idempotency key made once per form, so a retried submit never makes two. */
export async function reportCase(body: CaseIntake, idempotencyKey: string): Promise<IntakeAnswer> {
  return api.post<IntakeAnswer>('/cases', body, { 'idempotency-key': idempotencyKey });
}

export function caseFileUrl(caseId: number, fileId: number, thumbnail = false): string {
  return `/api/v1/cases/${caseId}/files/${fileId}${thumbnail ? '?thumbnail=true' : ''}`;
}
