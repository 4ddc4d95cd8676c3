import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type App,
  Button,
  type FormInstance,
  InputNumber,
  Select,
  Space,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CommunityProfile, CommunitySummary } from '../../../contracts/org';
import { api, ProblemError } from '../../api/client';
import { formatFen, SHANGHAI } from '../../components/format';

// Small pieces shared by the owners, votes, funds and mediation pages.

/** Puts a problem's field errors on the form fields (paths like `owners.0.name`), or shows its detail. */
export function showProblem(
  err: unknown,
  message: ReturnType<typeof App.useApp>['message'],
  form?: FormInstance,
): void {
  if (!(err instanceof ProblemError)) {
    message.error(String(err));
    return;
  }
  const entries = Object.entries(err.fieldErrors());
  const known = form
    ? entries.filter(([path]) => {
        const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        return form.getFieldInstance(name) !== undefined || form.getFieldInstance(name[0]!) !== undefined;
      })
    : [];
  if (form && known.length) {
    form.setFields(
      known.map(([path, msg]) => {
        const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        return { name: form.getFieldInstance(name) !== undefined ? name : name[0]!, errors: [msg] };
      }),
    );
    if (known.length === entries.length) return;
  }
  message.error(
    entries.length && known.length !== entries.length
      ? entries.map(([, msg]) => msg).join(' ')
      : err.problem.detail,
  );
}

/** A date picker value as the API's calendar day. */
export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
/** Today in Shanghai, as a picker value. */
export const todayPicker = () => dayjs(dayjs().tz(SHANGHAI).format('YYYY-MM-DD'));

/** Yuan typed in a form → integer fen. */
export const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);

/** An amount in yuan with two decimals; the form holds yuan, the API fen (see toFen). */
export function YuanInput(props: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  testId?: string;
  min?: number;
}) {
  return (
    <InputNumber
      value={props.value}
      onChange={props.onChange}
      min={props.min ?? 0.01}
      precision={2}
      step={100}
      prefix="¥"
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

export function Money({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  const text = formatFen(fen);
  return (
    <span
      style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : 400 }}
    >
      {text}
    </span>
  );
}

export const fileUrl = (id: number) => `/api/v1/files/${id}/content`;

export function FileLink({ file }: { file: { id: number; name: string } }) {
  return (
    <a href={fileUrl(file.id)} target="_blank" rel="noreferrer">
      <PaperClipOutlined /> {file.name}
    </a>
  );
}

/**
 * Uploads photos and PDFs as soon as they are chosen, placed in the community the record belongs
 * to (so the staff of that place, and the residents once published, can read them).
 */
export function FileUpload({
  communityId,
  onChange,
  testId,
  max = 5,
}: {
  communityId?: number;
  onChange: (fileIds: number[]) => void;
  testId?: string;
  max?: number;
}) {
  const { t } = useTranslation('owners');
  const [files, setFiles] = useState<UploadFile<{ fileId: number }>[]>([]);
  const publish = (list: UploadFile<{ fileId: number }>[]) => {
    setFiles(list);
    onChange(list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.fileId));
  };
  return (
    <div data-testid={testId}>
      <Upload
        listType="text"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        multiple={max > 1}
        maxCount={max}
        fileList={files}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const form = new FormData();
            form.append('file', file as File);
            const path = communityId ? `/files?communityId=${communityId}` : '/files';
            onSuccess?.(await api.post<{ fileId: number }>(path, form));
          } catch (err) {
            onError?.(new Error(err instanceof ProblemError ? err.problem.detail : String(err)));
          }
        }}
        onChange={({ fileList }) => publish(fileList as UploadFile<{ fileId: number }>[])}
      >
        <Button icon={<UploadOutlined />}>{t('common.upload')}</Button>
      </Upload>
    </div>
  );
}

/** A community's profile (its buildings ...) once one is chosen. */
export function useCommunityProfile(id: number | undefined) {
  return useQuery({
    queryKey: ['community', id],
    queryFn: () => api.get<CommunityProfile>(`/communities/${id}`),
    enabled: Boolean(id),
  });
}

/** Communities the user can see, searchable by name. */
export function useCommunityOptions(q?: string) {
  return useQuery({
    queryKey: ['communities', 'options', q ?? ''],
    queryFn: () =>
      api.get<{ items: CommunitySummary[] }>('/communities', { limit: 100, ...(q ? { q } : {}) }),
    staleTime: 300_000,
  });
}

export function CommunitySelect({
  value,
  onChange,
  allowClear,
  testId,
  width = 240,
  disabled,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  allowClear?: boolean;
  testId?: string;
  width?: number | string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('owners');
  const [q, setQ] = useState('');
  const options = useCommunityOptions(q);
  const items = options.data?.items ?? [];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear={allowClear}
      disabled={disabled}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('common.chooseCommunity')}
      loading={options.isFetching}
      options={items.map((c) => ({ value: c.id, label: `${c.name} · ${c.street.name}` }))}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/**
 * The community a page is about, kept in the URL (`?communityId=`); a user who sees one community
 * gets it chosen for them.
 */
export function useCommunityParam(): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const options = useCommunityOptions();
  const fromUrl = params.get('communityId') ? Number(params.get('communityId')) : undefined;
  const only = options.data?.items.length === 1 ? options.data.items[0]!.id : undefined;
  const set = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('communityId', String(id));
    else next.delete('communityId');
    setParams(next, { replace: true });
  };
  return [fromUrl ?? only, set];
}

/** Label: value pairs on one line, wrapping on small screens. */
export function Facts({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <Space wrap size={[20, 4]}>
      {items.map(([label, value]) => (
        <span key={label}>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>{label}</span> {value}
        </span>
      ))}
    </Space>
  );
}
