import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunitySummary } from '../../contracts/org';
import { api } from '../api/client';

/** Picks one of the caller's communities by name, address or code (searched on the server). */
export function CommunitySelect({
  value,
  onChange,
  streetId,
  placeholder,
  testId,
  allowClear,
  style,
}: {
  value?: number;
  onChange?: (id: number | undefined, community?: CommunitySummary) => void;
  streetId?: number;
  placeholder?: string;
  testId?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['community-options', q, streetId],
    queryFn: () =>
      api.get<{ items: CommunitySummary[] }>('/communities', { q: q || undefined, streetId, limit: 30 }),
    staleTime: 60_000,
  });
  const selected = useQuery({
    queryKey: ['community-option', value],
    queryFn: () => api.get<CommunitySummary>(`/communities/${value}`),
    enabled: Boolean(value) && !list.data?.items.some((c) => c.id === value),
    staleTime: 60_000,
  });
  const items = [...(list.data?.items ?? [])];
  if (selected.data && !items.some((c) => c.id === selected.data.id)) items.unshift(selected.data);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      value={value}
      placeholder={placeholder ?? t('org:list.searchPlaceholder')}
      onChange={(id?: number) =>
        onChange?.(
          id,
          items.find((c) => c.id === id),
        )
      }
      options={items.map((c) => ({ value: c.id, label: `${c.name}（${c.street.name}）` }))}
      loading={list.isFetching}
      data-testid={testId}
      style={style}
    />
  );
}
