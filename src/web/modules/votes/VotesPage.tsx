import { DownloadOutlined, FileDoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  type MatterType,
  matterTypes,
  requirementFor,
  ruleSetOn,
  voteStatuses,
} from '../../../contracts/votes';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime, pickerToInstant, SHANGHAI, shanghaiNowForPicker } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { CommunitySelect, FileUpload, showProblem, useCommunityOptions } from '../owners/common';
import type { VoteDetail, VoteSummary } from './api';
import { RecordedTag, RequirementText, VoteStatusTag } from './tally';

/** Owner votes: every vote of the communities in view, and drafting a new one. */
export default function VotesPage() {
  const { t } = useTranslation('votes');
  const can = useCan();
  const [filters, setFilters] = useState<{ communityId?: number; status?: string; matterType?: string }>({});
  const list = useCursorPages<VoteSummary>('/votes', filters, 20);
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<VoteSummary> = [
    {
      title: t('field.title'),
      render: (_v, v) => (
        <Flex vertical>
          <Link to={`/votes/${v.id}`} data-testid="vote-link">
            {v.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.community.name} · {t(`matter.${v.matterType}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.status'),
      render: (_v, v) => (
        <Flex vertical gap={4} align="start">
          <VoteStatusTag status={v.status} passed={v.passed} />
          {v.recorded && <RecordedTag assemblyOn={v.recorded.assemblyOn} />}
        </Flex>
      ),
    },
    {
      title: t('list.turnout'),
      render: (_v, v) =>
        v.status === 'draft' || v.status === 'cancelled' ? (
          ''
        ) : (
          <Flex vertical style={{ minWidth: 140 }}>
            <Progress percent={v.rollUnits ? Math.round((v.ballots / v.rollUnits) * 100) : 0} size="small" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('list.ballotsOfRoll', { ballots: v.ballots, roll: v.rollUnits })}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('list.period'),
      render: (_v, v) => (
        <Flex vertical style={{ fontSize: 13 }}>
          {v.openedOn && <span>{t('list.opened', { date: v.openedOn })}</span>}
          <span>{t('list.closes', { at: formatDateTime(v.closesAt) })}</span>
        </Flex>
      ),
      responsive: ['md'],
    },
    {
      title: t('field.ruleSet'),
      render: (_v, v) => (v.ruleSet ? t(`ruleSetShort.${v.ruleSet}`) : ''),
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        extra={
          <>
            {can('votes.export') && (
              <Button icon={<DownloadOutlined />} href={downloadUrl('/votes/export.xlsx', { ...filters })}>
                {t('common:exportExcel')}
              </Button>
            )}
            {can('votes.record') && (
              <Link to="/votes/held">
                <Button icon={<FileDoneOutlined />} data-testid="vote-record-held">
                  {t('held.title')}
                </Button>
              </Link>
            )}
            {can('votes.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="vote-create"
              >
                {t('list.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <CommunitySelect
            allowClear
            value={filters.communityId}
            onChange={(id) => setFilters({ ...filters, communityId: id })}
          />
          <Select
            allowClear
            placeholder={t('list.allStatuses')}
            value={filters.status}
            onChange={(v) => setFilters({ ...filters, status: v })}
            options={voteStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            placeholder={t('list.allMatters')}
            value={filters.matterType}
            onChange={(v) => setFilters({ ...filters, matterType: v })}
            options={matterTypes.map((m) => ({ value: m, label: t(`matter.${m}`) }))}
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
          />
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('list.empty') }}
            data-testid="vote-table"
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
      {creating && <CreateVoteModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateVoteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('votes');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const communities = useCommunityOptions();
  const only = communities.data?.items.length === 1 ? communities.data.items[0]!.id : undefined;
  const communityId = Form.useWatch('communityId', form) ?? only;
  const matter = Form.useWatch('matterType', form) as MatterType | undefined;
  const [documents, setDocuments] = useState<number[]>([]);
  const today = dayjs().tz(SHANGHAI).format('YYYY-MM-DD');
  const save = useMutation({
    mutationFn: (v: {
      communityId?: number;
      title: string;
      matterType: MatterType;
      description?: string;
      closesAt: Dayjs;
    }) =>
      api.post<VoteDetail>('/votes', {
        communityId: v.communityId ?? only,
        title: v.title,
        matterType: v.matterType,
        description: v.description ?? '',
        closesAt: pickerToInstant(v.closesAt),
        documentFileIds: documents,
      }),
    onSuccess: (v) => {
      message.success(t('create.saved'));
      navigate(`/votes/${v.id}`);
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={640}
      title={t('list.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('create.saveDraft')}
      okButtonProps={{ id: 'vote-create-save' }}
    >
      <Typography.Paragraph type="secondary">{t('create.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ closesAt: shanghaiNowForPicker().add(14, 'day').hour(17).minute(0).second(0) }}
      >
        {!only && (
          <Form.Item name="communityId" label={t('field.community')} rules={required}>
            <CommunitySelect width="100%" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} data-testid="vote-title" />
        </Form.Item>
        <Form.Item name="matterType" label={t('field.matterType')} rules={required}>
          <Select
            options={matterTypes.map((m) => ({ value: m, label: t(`matter.${m}`) }))}
            data-testid="vote-matter"
          />
        </Form.Item>
        {matter && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('create.threshold', { rule: t(`ruleSet.${ruleSetOn(today)}`) })}
            description={<RequirementText requirement={requirementFor(ruleSetOn(today), matter)} />}
          />
        )}
        <Form.Item name="description" label={t('create.description')}>
          <Input.TextArea rows={4} maxLength={20000} placeholder={t('create.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label={t('field.closesAt')}
          rules={required}
          extra={t('create.closesHelp')}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item label={t('create.documents')} extra={t('create.documentsHelp')}>
          <FileUpload communityId={communityId} onChange={setDocuments} max={10} testId="vote-documents" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
