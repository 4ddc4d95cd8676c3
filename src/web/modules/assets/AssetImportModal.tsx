import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../contracts/common';
import { api, downloadUrl, ProblemError } from '../../api/client';

/** Excel import: either every row goes in, or nothing does and each bad row and column is listed. */
export function AssetImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('assets');
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    setImported(null);
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api.post<{ imported: number }>('/assets/import', body);
      setImported(r.imported);
      void client.invalidateQueries({ queryKey: ['/assets'] });
      void client.invalidateQueries({ queryKey: ['asset-stats'] });
    } catch (err) {
      if (err instanceof ProblemError) setProblem(err.problem);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const rows = (problem?.errors ?? []).map((e, i) => {
    const [, row, column] = e.path.split('.');
    return {
      key: i,
      row,
      column: column ? t(`import.column.${column}`, { defaultValue: column }) : '',
      message: e.message,
    };
  });
  return (
    <Modal title={t('import.title')} open={open} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('import.help')} />
        <Button
          icon={<DownloadOutlined />}
          href={downloadUrl('/assets/import-template.xlsx')}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('import.template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.drop')}</p>
        </Upload.Dragger>
        {imported !== null && (
          <Alert
            type="success"
            showIcon
            title={t('import.done', { count: imported })}
            data-testid="import-done"
          />
        )}
        {problem && (
          <>
            <Alert type="error" showIcon title={problem.detail} data-testid="import-failed" />
            {rows.length > 0 && (
              <Table
                size="small"
                dataSource={rows}
                pagination={rows.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  { title: t('import.columnTitle'), dataIndex: 'column', width: 160 },
                  { title: t('import.reason'), dataIndex: 'message' },
                ]}
                data-testid="import-errors"
              />
            )}
          </>
        )}
      </Flex>
    </Modal>
  );
}
