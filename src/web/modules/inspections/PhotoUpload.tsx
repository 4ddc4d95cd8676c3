import { CameraOutlined, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { App, Flex, Image, theme } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api/client';

export interface Photo {
  fileId: number;
  /** where to show it from: the record's route once attached, /files/:id while it is a fresh upload */
  url: string;
}

/**
 * Takes photos on a phone (the camera opens directly) or picks images, uploads each to /files
 * and answers the file ids; shows thumbnails with a remove button.
 */
export function PhotoUpload({
  value = [],
  onChange,
  max = 6,
  testId,
  disabled,
}: {
  value?: Photo[];
  onChange?: (photos: Photo[]) => void;
  max?: number;
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('inspections');
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    const added: Photo[] = [];
    for (const file of [...files].slice(0, max - value.length)) {
      const body = new FormData();
      body.append('file', file);
      setBusy((n) => n + 1);
      try {
        const r = await api.post<{ fileId: number }>('/files', body);
        added.push({ fileId: r.fileId, url: `/api/v1/files/${r.fileId}/content?thumbnail=true` });
      } catch (err) {
        message.error(err instanceof ProblemError ? err.problem.detail : String(err));
      } finally {
        setBusy((n) => n - 1);
      }
    }
    onChange?.([...value, ...added]);
    if (input.current) input.current.value = '';
  };
  const size = 72;
  return (
    <Flex gap={8} wrap data-testid={testId}>
      {value.map((p) => (
        <div key={p.fileId} style={{ position: 'relative', width: size, height: size }}>
          <Image
            src={p.url}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            alt={t('form.photo')}
          />
          {!disabled && (
            <CloseCircleFilled
              role="button"
              aria-label={t('form.removePhoto')}
              onClick={() => onChange?.(value.filter((x) => x.fileId !== p.fileId))}
              style={{
                position: 'absolute',
                top: -6,
                right: -6,
                fontSize: 18,
                color: token.colorError,
                cursor: 'pointer',
              }}
            />
          )}
        </div>
      ))}
      {!disabled && value.length < max && (
        <button
          type="button"
          onClick={() => input.current?.click()}
          aria-label={t('form.addPhoto')}
          data-testid={testId ? `${testId}-add` : undefined}
          style={{
            width: size,
            height: size,
            border: `1px dashed ${token.colorBorder}`,
            borderRadius: 6,
            background: token.colorFillQuaternary,
            color: token.colorTextSecondary,
            cursor: 'pointer',
            fontSize: 12,
          }}
        >
          {busy ? <LoadingOutlined /> : <CameraOutlined style={{ fontSize: 22 }} />}
          <div>{t('form.addPhoto')}</div>
        </button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        hidden
        data-testid={testId ? `${testId}-input` : undefined}
        onChange={(e) => void upload(e.target.files)}
      />
    </Flex>
  );
}
