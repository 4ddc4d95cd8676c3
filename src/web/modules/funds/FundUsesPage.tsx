import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  type EmergencyKind,
  emergencyKinds,
  type FundUsePath,
  fundUsePaths,
  fundUseStates,
} from '../../../contracts/funds';
import { api, downloadUrl, ProblemError } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import {
  CommunitySelect,
  FileUpload,
  Money,
  showProblem,
  toFen,
  useCommunityOptions,
  useCommunityProfile,
  YuanInput,
} from '../owners/common';
import type { FundUseDetail, FundUseSummary } from './api';
import { FundUseStatusTag } from './components';

/** Uses of the maintenance fund, normal and emergency, with where each one stands. */
export default function FundUsesPage() {
  const { t } = useTranslation('funds');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const createFor = params.get('create');
  // from a case or hazard page ("use the maintenance fund"): the emergency form, linked to it
  const linked = {
    caseId: Number(params.get('caseId')) || undefined,
    hazardId: Number(params.get('hazardId')) || undefined,
    path: params.get('path') === 'emergency' ? ('emergency' as const) : undefined,
    kind: (emergencyKinds as readonly string[]).includes(params.get('kind') ?? '')
      ? (params.get('kind') as EmergencyKind)
      : undefined,
  };
  const [filters, setFilters] = useState<{
    communityId?: number;
    status?: string;
    path?: string;
    overdue?: 'true';
  }>({});
  const list = useCursorPages<FundUseSummary>('/fund-uses', filters, 20);
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<FundUseSummary> = [
    {
      title: t('field.title'),
      render: (_v, u) => (
        <Flex vertical>
          <Link to={`/fund-uses/${u.id}`} data-testid="fund-use-link">
            {u.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.community.name} · {formatDateTime(u.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.path'),
      render: (_v, u) =>
        u.path === 'emergency' ? (
          <Tag color="red">
            {t('path.emergency')}
            {u.emergencyKind ? ` · ${t(`emergencyKind.${u.emergencyKind}`)}` : ''}
          </Tag>
        ) : (
          <Tag>{t('path.normal')}</Tag>
        ),
    },
    {
      title: t('field.status'),
      render: (_v, u) => (
        <Flex vertical gap={4} align="start">
          <FundUseStatusTag status={u.status} />
          {u.disclosureOverdue ? (
            <Tag color="error" data-testid="fund-use-overdue">
              {t('disclosure.overdueOn', { date: u.disclosureDueOn })}
            </Tag>
          ) : (
            u.status === 'accepted' &&
            u.disclosureDueOn && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('disclosure.dueOn', { date: u.disclosureDueOn })}
              </Typography.Text>
            )
          )}
        </Flex>
      ),
    },
    {
      title: t('uses.amounts'),
      render: (_v, u) => {
        const base = u.approvedFen ?? u.budgetFen;
        return (
          <Flex vertical style={{ minWidth: 170 }}>
            <span>
              <Money fen={u.disbursedFen} /> / <Money fen={base} />
            </span>
            <Progress
              percent={base ? Math.round((u.disbursedFen / base) * 100) : 0}
              size="small"
              showInfo={false}
            />
          </Flex>
        );
      },
      align: 'right',
    },
    {
      title: t('uses.vote'),
      render: (_v, u) =>
        u.vote ? (
          <Link to={`/votes/${u.vote.id}`}>
            {u.vote.status === 'closed'
              ? t(u.vote.passed ? 'votes:result.passed' : 'votes:result.failed')
              : t(`votes:status.${u.vote.status}`)}
          </Link>
        ) : u.path === 'emergency' ? (
          <Typography.Text type="secondary">{t('uses.noVoteEmergency')}</Typography.Text>
        ) : null,
      responsive: ['md'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('uses.title')}
        subtitle={t('uses.subtitle')}
        extra={
          <>
            {can('funds.export') && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/fund-uses/export.xlsx', { ...filters })}
              >
                {t('common:exportExcel')}
              </Button>
            )}
            {can('fund_use.request') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="fund-use-create"
              >
                {t('action.create')}
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
            onChange={(v) => setFilters({ ...filters, communityId: v })}
          />
          <Select
            allowClear
            placeholder={t('uses.allStatuses')}
            value={filters.status}
            onChange={(v) => setFilters({ ...filters, status: v })}
            options={fundUseStates.map((s) => ({ value: s, label: t(`useStatus.${s}`) }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('uses.allPaths')}
            value={filters.path}
            onChange={(v) => setFilters({ ...filters, path: v })}
            options={fundUsePaths.map((p) => ({ value: p, label: t(`path.${p}`) }))}
            style={{ width: 140 }}
          />
          <Checkbox
            checked={filters.overdue === 'true'}
            onChange={(e) => setFilters({ ...filters, overdue: e.target.checked ? 'true' : undefined })}
            data-testid="fund-use-overdue-filter"
          >
            {t('disclosure.onlyOverdue')}
          </Checkbox>
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('uses.empty') }}
            data-testid="fund-use-table"
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
      {(creating || createFor) && (
        <CreateFundUseModal
          communityId={createFor ? Number(createFor) : undefined}
          linked={createFor ? linked : {}}
          onClose={() => {
            setCreating(false);
            if (createFor) setParams({}, { replace: true });
          }}
        />
      )}
    </>
  );
}

interface Linked {
  caseId?: number | undefined;
  hazardId?: number | undefined;
  path?: 'emergency' | undefined;
  kind?: EmergencyKind | undefined;
}

function CreateFundUseModal({
  communityId: preset,
  linked,
  onClose,
}: {
  communityId?: number;
  linked: Linked;
  onClose: () => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const [form] = Form.useForm();
  const communities = useCommunityOptions();
  const only = communities.data?.items.length === 1 ? communities.data.items[0]!.id : undefined;
  const communityId = (Form.useWatch('communityId', form) as number | undefined) ?? preset ?? only;
  const community = useCommunityProfile(communityId);
  const path =
    (Form.useWatch('path', form) as FundUsePath | undefined) ??
    linked.path ??
    (can('votes.manage') ? 'normal' : 'emergency');
  const save = useMutation({
    mutationFn: (v: {
      communityId?: number;
      path: FundUsePath;
      emergencyKind?: string;
      title: string;
      description?: string;
      budgetYuan: number;
      payee?: string;
      buildingIds?: number[];
      evidenceFileIds?: number[];
    }) =>
      api.post<FundUseDetail>('/fund-uses', {
        communityId: v.communityId ?? communityId,
        path: v.path,
        ...(v.path === 'emergency' ? { emergencyKind: v.emergencyKind } : {}),
        title: v.title,
        description: v.description ?? '',
        budgetFen: toFen(v.budgetYuan),
        payee: v.payee ?? '',
        ...(v.buildingIds?.length ? { buildingIds: v.buildingIds } : {}),
        ...(linked.caseId ? { caseId: linked.caseId } : {}),
        ...(linked.hazardId ? { hazardId: linked.hazardId } : {}),
        ...(v.path === 'emergency' && v.evidenceFileIds?.length
          ? { evidenceFileIds: v.evidenceFileIds }
          : {}),
      }),
    onSuccess: (u) => {
      message.success(t('uses.created'));
      navigate(`/fund-uses/${u.id}`);
    },
    onError: (err) => {
      // the evidence upload is not a plain input: its error is put on the field by name
      const evidence = err instanceof ProblemError ? err.fieldErrors().evidenceFileIds : undefined;
      if (evidence) form.setFields([{ name: 'evidenceFileIds', errors: [evidence] }]);
      showProblem(err, message, form);
    },
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={680}
      title={t('action.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('uses.saveDraft')}
      okButtonProps={{ id: 'fund-use-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ communityId: preset ?? only, path, emergencyKind: linked.kind }}
      >
        {!only && (
          <Form.Item name="communityId" label={t('field.community')} rules={required}>
            {/* a linked case or hazard fixes the community */}
            <CommunitySelect width="100%" disabled={Boolean(linked.caseId || linked.hazardId)} />
          </Form.Item>
        )}
        <Form.Item name="path" label={t('field.path')}>
          <Radio.Group
            optionType="button"
            options={fundUsePaths.map((p) => ({ value: p, label: t(`path.${p}`) }))}
            data-testid="fund-use-path"
          />
        </Form.Item>
        <Alert
          type={path === 'emergency' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(path === 'emergency' ? 'uses.emergencyHelp' : 'uses.normalHelp')}
        />
        {(linked.caseId || linked.hazardId) && <LinkedSource linked={linked} />}
        {path === 'emergency' && (
          <Form.Item name="emergencyKind" label={t('uses.emergencyKind')} rules={required}>
            <Select
              options={emergencyKinds.map((k) => ({ value: k, label: t(`emergencyKind.${k}`) }))}
              data-testid="fund-use-kind"
            />
          </Form.Item>
        )}
        {path === 'emergency' && (
          <Form.Item
            name="evidenceFileIds"
            label={t('uses.evidence')}
            extra={t(linked.caseId || linked.hazardId ? 'uses.evidenceHelpLinked' : 'uses.evidenceHelp')}
          >
            <FileUpload
              communityId={communityId}
              max={10}
              onChange={(ids) => form.setFieldValue('evidenceFileIds', ids)}
              testId="fund-use-evidence"
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} data-testid="fund-use-title" />
        </Form.Item>
        <Form.Item name="description" label={t('uses.description')}>
          <Input.TextArea rows={3} maxLength={20000} placeholder={t('uses.descriptionPlaceholder')} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="budgetYuan" label={t('uses.budget')} rules={required} style={{ width: 200 }}>
            <YuanInput testId="fund-use-budget" />
          </Form.Item>
          <Form.Item name="payee" label={t('uses.payee')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={200} data-testid="fund-use-payee" />
          </Form.Item>
        </Flex>
        <Form.Item name="buildingIds" label={t('uses.scope')} extra={t('uses.scopeHelp')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('uses.wholeCommunity')}
            options={(community.data?.buildings ?? []).map((b) => ({
              value: b.id,
              label: t('uses.buildingOption', { name: b.name, units: b.unitCount }),
            }))}
            data-testid="fund-use-buildings"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The case or hazard the form was opened from, as the caller sees it. */
function LinkedSource({ linked }: { linked: Linked }) {
  const { t } = useTranslation('funds');
  const source = useQuery({
    queryKey: ['fund-use-source', linked.caseId, linked.hazardId],
    queryFn: () =>
      linked.hazardId
        ? api.get<{ number: string; title: string }>(`/hazards/${linked.hazardId}`)
        : api.get<{ number: string; title: string }>(`/cases/${linked.caseId}`),
  });
  const href = linked.hazardId ? `/hazards/${linked.hazardId}` : `/cases/${linked.caseId}`;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="fund-use-source"
      title={t(linked.hazardId ? 'link.fromHazard' : 'link.fromCase')}
      description={
        source.data ? (
          <Link to={href} target="_blank">
            {source.data.number} · {source.data.title}
          </Link>
        ) : (
          t('common:loading')
        )
      }
    />
  );
}
