import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DisclosureCategory, disclosureCategories } from '../../../contracts/owners';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import type { TallyView } from '../votes/api';
import { TallySummary } from '../votes/tally';
import type { Disclosure } from './api';
import { CommunitySelect, day, FileLink, FileUpload, Money, showProblem } from './common';

const categoryColor: Record<DisclosureCategory, string> = {
  notice: 'blue',
  meeting_minutes: 'cyan',
  vote_result: 'purple',
  fund_use: 'orange',
  fund_accounts: 'gold',
  fee_accounts: 'green',
  fee_budget: 'lime',
  annual_report: 'geekblue',
};

export function CategoryTag({ category }: { category: DisclosureCategory }) {
  const { t } = useTranslation('owners');
  return <Tag color={categoryColor[category]}>{t(`disclosureCategory.${category}`)}</Tag>;
}

/** A disclosure's title in words: fee statements are stored by period ("2025H1"). */
export function disclosureTitle(t: (k: string, o?: Record<string, unknown>) => string, d: Disclosure) {
  if (d.category === 'fee_accounts' && /^\d{4}H[12]$/.test(d.title))
    return t('owners:board.feeAccountsTitle', {
      year: d.title.slice(0, 4),
      half: t(`owners:board.half.${d.title.slice(4)}`),
    });
  return d.title;
}

/** What the numbers of a disclosure say, by its category (vote result, fund use, fee accounts ...). */
export function DisclosureData({ d }: { d: Disclosure }) {
  const { t } = useTranslation('owners');
  const data = d.data as Record<string, unknown> | null;
  if (!data) return null;
  if (d.category === 'vote_result' && 'approval' in data) {
    const recorded = data.recorded as
      | { assemblyOn: string; opensOn: string; closesOn: string; recordedOn: string }
      | undefined;
    return (
      <Flex vertical gap={8}>
        {recorded && (
          <Alert
            type="warning"
            showIcon
            data-testid="disclosure-recorded"
            title={t('votes:held.boardMark', recorded)}
          />
        )}
        <TallySummary tally={data as unknown as TallyView} />
      </Flex>
    );
  }
  if (d.category === 'fund_use') {
    const u = data as {
      budgetFen?: number;
      approvedFen?: number | null;
      disbursedFen?: number;
      scopeUnits?: number;
      path?: string;
    };
    return (
      <Descriptions size="small" column={1} bordered>
        {u.path && <Descriptions.Item label={t('board.path')}>{t(`funds:path.${u.path}`)}</Descriptions.Item>}
        {u.budgetFen !== undefined && (
          <Descriptions.Item label={t('board.budget')}>
            <Money fen={u.budgetFen} />
          </Descriptions.Item>
        )}
        {u.approvedFen !== undefined && u.approvedFen !== null && (
          <Descriptions.Item label={t('board.approved')}>
            <Money fen={u.approvedFen} />
          </Descriptions.Item>
        )}
        {u.disbursedFen !== undefined && (
          <Descriptions.Item label={t('board.disbursed')}>
            <Money fen={u.disbursedFen} strong />
          </Descriptions.Item>
        )}
        {u.scopeUnits !== undefined && (
          <Descriptions.Item label={t('board.scopeUnits')}>{u.scopeUnits}</Descriptions.Item>
        )}
      </Descriptions>
    );
  }
  if (d.category === 'fee_accounts') {
    const s = data as { incomeFen: number; spendingFen: number; commissionFen: number; balanceFen: number };
    return (
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('funds:fees.income')}>
          <Money fen={s.incomeFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('funds:fees.spending')}>
          <Money fen={s.spendingFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('funds:fees.commission')}>
          <Money fen={s.commissionFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('funds:fees.ownersBalance')}>
          <Money fen={s.balanceFen} strong />
        </Descriptions.Item>
      </Descriptions>
    );
  }
  if (d.category === 'fee_budget') {
    const b = data as {
      year: number;
      kind: string;
      lines: { kind: string; category: string; amountFen: number }[];
    };
    return (
      <Descriptions
        size="small"
        column={1}
        bordered
        title={`${b.year} · ${t(`funds:fees.budgetKinds.${b.kind}`)}`}
      >
        {b.lines.map((l) => (
          <Descriptions.Item
            key={`${l.kind}-${l.category}`}
            label={`${t(`funds:fees.${l.kind}`)} · ${t(`funds:feeCategory.${l.category}`)}`}
          >
            <Money fen={l.amountFen} />
          </Descriptions.Item>
        ))}
      </Descriptions>
    );
  }
  return null;
}

export function DisclosureBody({ d }: { d: Disclosure }) {
  const { t } = useTranslation('owners');
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('board.published', { at: formatDateTime(d.publishedAt), by: d.publishedBy })}
        {d.visibleUntil ? ` · ${t('board.until', { date: d.visibleUntil })}` : ''}
      </Typography.Text>
      {d.body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.body}</Typography.Paragraph>
      )}
      <DisclosureData d={d} />
      {d.attachments.length > 0 && (
        <Flex vertical>
          {d.attachments.map((a) => (
            <FileLink key={a.id} file={a} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** Notice boards: what is on the disclosure boards of the communities in view, and publishing a notice. */
export default function DisclosuresPage() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const [filters, setFilters] = useState<{ communityId?: number; category?: string; current?: string }>({
    current: 'true',
  });
  const list = useCursorPages<Disclosure>('/disclosures', filters, 20);
  const [open, setOpen] = useState<Disclosure | null>(null);
  const [publishing, setPublishing] = useState(false);
  return (
    <>
      <PageHeader
        title={t('title.disclosures')}
        subtitle={t('board.subtitle')}
        extra={
          can('disclosures.publish') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setPublishing(true)}
              data-testid="disclosure-publish"
            >
              {t('board.publish')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <CommunitySelect
            allowClear
            value={filters.communityId}
            onChange={(v) => setFilters({ ...filters, communityId: v })}
          />
          <Select
            allowClear
            placeholder={t('board.allCategories')}
            value={filters.category}
            onChange={(v) => setFilters({ ...filters, category: v })}
            options={disclosureCategories.map((c) => ({ value: c, label: t(`disclosureCategory.${c}`) }))}
            style={{ width: 170 }}
          />
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={filters.current === 'true'}
              onChange={(on) => setFilters({ ...filters, current: on ? 'true' : undefined })}
            />
            <Typography.Text>{t('board.currentOnly')}</Typography.Text>
          </Flex>
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <List
            itemLayout="vertical"
            dataSource={list.items}
            loading={list.isFetching}
            locale={{ emptyText: t('board.empty') }}
            data-testid="disclosure-list"
            renderItem={(d) => (
              <List.Item
                key={d.id}
                onClick={() => setOpen(d)}
                style={{ cursor: 'pointer' }}
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {formatDateTime(d.publishedAt)}
                  </Typography.Text>
                }
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <CategoryTag category={d.category} />
                      <span>{disclosureTitle(t, d)}</span>
                    </Flex>
                  }
                  description={
                    <span>
                      {d.community.name} · {d.publishedBy}
                      {d.visibleUntil ? ` · ${t('board.until', { date: d.visibleUntil })}` : ''}
                    </span>
                  }
                />
                {d.body && (
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {d.body}
                  </Typography.Paragraph>
                )}
              </List.Item>
            )}
          />
          <Pager
            page={list.page}
            total={list.total}
            hasNext={list.hasNext}
            onPrev={list.prev}
            onNext={list.next}
          />
        </QueryState>
      </Card>
      {open && (
        <Drawer
          open
          onClose={() => setOpen(null)}
          size="large"
          title={disclosureTitle(t, open)}
          extra={<CategoryTag category={open.category} />}
        >
          <DisclosureBody d={open} />
        </Drawer>
      )}
      {publishing && <PublishModal onClose={() => setPublishing(false)} />}
    </>
  );
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const communityId = Form.useWatch('communityId', form) as number | undefined;
  const [files, setFiles] = useState<number[]>([]);
  const save = useMutation({
    mutationFn: (v: {
      communityId: number;
      category: string;
      title: string;
      body: string;
      visibleUntil?: Dayjs;
    }) =>
      api.post<Disclosure>('/disclosures', {
        communityId: v.communityId,
        category: v.category,
        title: v.title,
        body: v.body,
        attachmentFileIds: files,
        ...(v.visibleUntil ? { visibleUntil: day(v.visibleUntil) } : {}),
      }),
    onSuccess: () => {
      message.success(t('board.published_ok'));
      void client.invalidateQueries({ queryKey: ['/disclosures'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={640}
      title={t('board.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('board.publish')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ category: 'notice' }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="communityId"
            label={t('field.community')}
            rules={required}
            style={{ flex: 1, minWidth: 240 }}
          >
            <CommunitySelect width="100%" />
          </Form.Item>
          <Form.Item name="category" label={t('board.category')} style={{ width: 170 }}>
            <Select
              options={(['notice', 'meeting_minutes', 'annual_report', 'fund_accounts'] as const).map(
                (c) => ({
                  value: c,
                  label: t(`disclosureCategory.${c}`),
                }),
              )}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('board.body')} rules={required}>
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
        <Form.Item name="visibleUntil" label={t('board.visibleUntil')} extra={t('board.visibleUntilHelp')}>
          <DatePicker disabledDate={(x) => x.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t('board.attachments')}>
          <FileUpload communityId={communityId} onChange={setFiles} max={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
