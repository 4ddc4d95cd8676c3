import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api/client';
import { uploadFile } from './api';

/**
 * Uploads photos and PDFs as soon as they are chosen (the server checks them by content) and
 * reports the ids of those that were accepted.
 */
export function Uploader({
  onChange,
  testId,
  max = 9,
}: {
  onChange: (fileIds: number[]) => void;
  testId?: string;
  max?: number;
}) {
  const { t } = useTranslation('cases');
  const [files, setFiles] = useState<UploadFile<{ fileId: number }>[]>([]);
  const publish = (list: UploadFile<{ fileId: number }>[]) => {
    setFiles(list);
    onChange(list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.fileId));
  };
  return (
    <Upload
      listType="picture"
      accept="image/jpeg,image/png,image/webp,application/pdf"
      multiple
      maxCount={max}
      fileList={files}
      data-testid={testId}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const uploaded = await uploadFile(file as File);
          onSuccess?.(uploaded);
        } catch (err) {
          onError?.(new Error(err instanceof ProblemError ? err.problem.detail : String(err)));
        }
      }}
      onChange={({ fileList }) =>
        publish(
          fileList.map((f) =>
            f.status === 'error' ? { ...f, response: undefined, error: f.error } : f,
          ) as UploadFile<{ fileId: number }>[],
        )
      }
    >
      <Button icon={<UploadOutlined />}>{t('detail.upload')}</Button>
    </Upload>
  );
}
