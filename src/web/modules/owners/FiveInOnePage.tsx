import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fiveInOneParties } from '../../../contracts/owners';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import type { FiveInOneIssue, FiveInOneMeeting } from './api';
import { CommunitySelect, day, showProblem, todayPicker } from './common';

type Issue = FiveInOneMeeting['issues'][number];

function IssueStatus({ issue }: { issue: Pick<Issue, 'status' | 'overdue' | 'resolvedOn'> }) {
  const { t } = useTranslation('owners');
  if (issue.status === 'resolved')
    return <Tag color="green">{t('fiveInOne.resolvedOn', { date: issue.resolvedOn ?? '' })}</Tag>;
  return (
    <Tag color={issue.overdue ? 'red' : 'blue'}>
      {t(issue.overdue ? 'fiveInOne.overdue' : 'issueStatus.open')}
    </Tag>
  );
}

/** Five-in-one: joint meetings of the five parties per community, the issues they assigned, follow-ups. */
export default function FiveInOnePage() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'issues' ? 'issues' : 'meetings';
  const [communityId, setCommunityId] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={t('title.fiveInOne')}
        subtitle={t('fiveInOne.subtitle')}
        extra={
          can('five_in_one.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="five-add"
            >
              {t('fiveInOne.add')}
            </Button>
          )
        }
      />
      <Card>
        <Flex style={{ marginBottom: 8 }}>
          <CommunitySelect allowClear value={communityId} onChange={setCommunityId} />
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'meetings',
              label: t('fiveInOne.meetings'),
              children: <Meetings communityId={communityId} />,
            },
            { key: 'issues', label: t('fiveInOne.issues'), children: <Issues communityId={communityId} /> },
          ]}
        />
      </Card>
      {adding && <MeetingModal onClose={() => setAdding(false)} />}
    </>
  );
}

function Meetings({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('owners');
  const list = useCursorPages<FiveInOneMeeting>('/five-in-one/meetings', { communityId }, 10);
  const [followUp, setFollowUp] = useState<Issue | null>(null);
  return (
    <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
      <List
        dataSource={list.items}
        loading={list.isFetching}
        locale={{ emptyText: t('fiveInOne.empty') }}
        renderItem={(m) => (
          <List.Item key={m.id}>
            <Flex vertical gap={8} style={{ width: '100%' }}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>{m.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {m.community.name} · {m.heldOn}
                </Typography.Text>
              </Flex>
              <Flex gap={4} wrap>
                {m.parties.map((p) => (
                  <Tag key={p}>{t(`party.${p}`)}</Tag>
                ))}
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {m.minutes}
              </Typography.Paragraph>
              {m.issues.length > 0 && (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={m.issues}
                  expandable={{
                    rowExpandable: (i) => i.followUps.length > 0,
                    expandedRowRender: (i) => (
                      <Timeline
                        items={i.followUps.map((f) => ({
                          content: (
                            <span>
                              {f.note}{' '}
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {f.by} · {formatDateTime(f.at)}
                              </Typography.Text>
                            </span>
                          ),
                        }))}
                      />
                    ),
                  }}
                  columns={[
                    { title: t('fiveInOne.issue'), dataIndex: 'title' },
                    {
                      title: t('field.responsibleParty'),
                      render: (_v, i) => t(`party.${i.responsibleParty}`),
                    },
                    { title: t('field.dueOn'), dataIndex: 'dueOn', width: 110 },
                    { title: t('field.issueStatus'), render: (_v, i) => <IssueStatus issue={i} /> },
                    ...(m.abilities.followUp
                      ? [
                          {
                            title: '',
                            render: (_v: unknown, i: Issue) =>
                              i.status === 'open' && (
                                <Button size="small" onClick={() => setFollowUp(i)}>
                                  {t('fiveInOne.followUp')}
                                </Button>
                              ),
                          },
                        ]
                      : []),
                  ]}
                />
              )}
            </Flex>
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
      {followUp && <FollowUpModal issue={followUp} onClose={() => setFollowUp(null)} />}
    </QueryState>
  );
}

function Issues({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('owners');
  const [filters, setFilters] = useState<{ status?: string; overdue?: string }>({ status: 'open' });
  const list = useCursorPages<FiveInOneIssue>('/five-in-one/issues', { communityId, ...filters }, 20);
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
        <Select
          allowClear
          placeholder={t('fiveInOne.allIssues')}
          value={filters.status}
          onChange={(v) => setFilters({ ...filters, status: v })}
          options={(['open', 'resolved'] as const).map((s) => ({ value: s, label: t(`issueStatus.${s}`) }))}
          style={{ width: 130 }}
        />
        <Flex gap={6} align="center">
          <Switch
            size="small"
            checked={filters.overdue === 'true'}
            onChange={(on) => setFilters({ ...filters, overdue: on ? 'true' : undefined })}
          />
          <Typography.Text>{t('fiveInOne.onlyOverdue')}</Typography.Text>
        </Flex>
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        columns={[
          { title: t('fiveInOne.issue'), dataIndex: 'title' },
          { title: t('field.community'), render: (_v, i) => i.community.name },
          { title: t('field.responsibleParty'), render: (_v, i) => t(`party.${i.responsibleParty}`) },
          { title: t('field.dueOn'), dataIndex: 'dueOn' },
          { title: t('field.issueStatus'), render: (_v, i) => <IssueStatus issue={i} /> },
          {
            title: t('fiveInOne.meeting'),
            render: (_v, i) => `${i.meeting.heldOn} ${i.meeting.title}`,
            responsive: ['xl'],
          },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </>
  );
}

function FollowUpModal({ issue, onClose }: { issue: Issue; onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { note: string; resolve: boolean }) =>
      api.post(`/five-in-one/issues/${issue.id}/follow-ups`, v),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['/five-in-one/meetings'] });
      void client.invalidateQueries({ queryKey: ['/five-in-one/issues'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={`${t('fiveInOne.followUp')} · ${issue.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ resolve: false }}
      >
        <Form.Item
          name="note"
          label={t('fiveInOne.note')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="resolve" valuePropName="checked">
          <Checkbox>{t('fiveInOne.resolve')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MeetingModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: {
      communityId: number;
      heldOn: Dayjs;
      title: string;
      parties: string[];
      minutes: string;
      issues?: { title: string; responsibleParty: string; dueOn: Dayjs }[];
    }) =>
      api.post('/five-in-one/meetings', {
        ...v,
        heldOn: day(v.heldOn),
        issues: (v.issues ?? []).map((i) => ({ ...i, dueOn: day(i.dueOn) })),
      }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['/five-in-one/meetings'] });
      void client.invalidateQueries({ queryKey: ['/five-in-one/issues'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={760}
      title={t('fiveInOne.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ heldOn: todayPicker(), parties: [...fiveInOneParties], issues: [] }}
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
          <Form.Item name="heldOn" label={t('field.heldOn')} rules={required}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="parties" label={t('fiveInOne.parties')} extra={t('fiveInOne.partiesHelp')}>
          <Checkbox.Group options={fiveInOneParties.map((p) => ({ value: p, label: t(`party.${p}`) }))} />
        </Form.Item>
        <Form.Item name="minutes" label={t('field.minutes')} rules={required}>
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Typography.Text strong>{t('fiveInOne.issues')}</Typography.Text>
        <Form.List name="issues">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={required}
                    style={{ flex: 1, minWidth: 200, marginBottom: 8 }}
                  >
                    <Input placeholder={t('fiveInOne.issue')} maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'responsibleParty']}
                    rules={required}
                    style={{ width: 150, marginBottom: 8 }}
                  >
                    <Select
                      placeholder={t('field.responsibleParty')}
                      options={fiveInOneParties.map((p) => ({ value: p, label: t(`party.${p}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={required} style={{ marginBottom: 8 }}>
                    <DatePicker placeholder={t('field.dueOn')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('fiveInOne.addIssue')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
