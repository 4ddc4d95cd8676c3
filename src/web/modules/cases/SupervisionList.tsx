import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { supervisionOrder } from '../../../contracts/cases';
import { api, ProblemError } from '../../api/client';
import { useActorName, useSupervisionReason } from '../../components/actorName';
import { formatDateTime } from '../../components/format';
import { DueText, SlaTag } from './components';

type Order = z.infer<typeof supervisionOrder>;

/** Supervision orders with their deadline, and the written response they require. */
export function SupervisionList({ orders, caseId }: { orders: Order[]; caseId?: number }) {
  const { t } = useTranslation('cases');
  const actorName = useActorName();
  const reasonOf = useSupervisionReason();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [responding, setResponding] = useState<Order | null>(null);
  const [text, setText] = useState('');
  const respond = useMutation({
    mutationFn: () => api.post(`/supervision-orders/${responding!.id}/response`, { response: text }),
    onSuccess: () => {
      message.success(t('common:saved'));
      setResponding(null);
      setText('');
      if (caseId) void client.invalidateQueries({ queryKey: ['case', caseId] });
      void client.invalidateQueries({ queryKey: ['/supervision-orders'] });
    },
    onError: (err) => message.error(err instanceof ProblemError ? err.problem.detail : String(err)),
  });
  return (
    <>
      <List
        size="small"
        dataSource={orders}
        data-testid="supervision-orders"
        renderItem={(o) => (
          <List.Item
            actions={
              o.canRespond && !o.respondedAt
                ? [
                    <Button
                      key="respond"
                      size="small"
                      type="primary"
                      onClick={() => setResponding(o)}
                      data-testid="supervision-respond"
                    >
                      {t('supervision.respond')}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical gap={2}>
              <Flex gap={6} wrap align="center">
                <Tag color={o.level === 'district' ? 'red' : 'orange'}>
                  {t(`supervisionLevel.${o.level}`)}
                </Tag>
                <Typography.Text>{reasonOf(o.reason)}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`supervision.source.${o.source}`)} · {actorName(o.issuedBy)} ·{' '}
                {formatDateTime(o.createdAt)}
              </Typography.Text>
              {o.respondedAt ? (
                <Typography.Text type="success" style={{ fontSize: 12 }}>
                  {t('supervision.responded', { by: o.respondedBy, at: formatDateTime(o.respondedAt) })}:{' '}
                  {o.response}
                </Typography.Text>
              ) : (
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('supervision.dueBy')} <DueText at={o.dueAt} sla={o.sla} /> <SlaTag sla={o.sla} />
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={responding !== null}
        title={t('supervision.respondTitle')}
        onCancel={() => setResponding(null)}
        onOk={() => respond.mutate()}
        okButtonProps={{ disabled: text.trim().length < 5 }}
        confirmLoading={respond.isPending}
      >
        <Typography.Paragraph type="secondary">{reasonOf(responding?.reason)}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="supervision-response"
        />
      </Modal>
    </>
  );
}
