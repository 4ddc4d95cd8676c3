import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { OwnerUnit } from '../../../contracts/owners';
import {
  type BallotChoice,
  ballotChoices,
  type MatterType,
  MIN_PUBLICITY_DAYS,
  matterTypes,
  requirementFor,
  ruleSetOn,
} from '../../../contracts/votes';
import { api, ProblemError } from '../../api/client';
import { formatArea } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { CommunitySelect, FileUpload, showProblem, useCommunityOptions } from '../owners/common';
import type { VoteDetail } from './api';
import { RequirementText } from './tally';

interface BallotDraft {
  choice?: BallotChoice;
  signedBy?: string;
  castOn?: string;
  scanFileId?: number;
}

const DAY = 'YYYY-MM-DD';

/** Every unit of a community, page by page (the register answers at most 200 at a time). */
function useCommunityUnits(communityId: number | undefined) {
  return useQuery({
    queryKey: ['held-vote-units', communityId],
    enabled: Boolean(communityId),
    queryFn: async () => {
      const items: OwnerUnit[] = [];
      let cursor: string | undefined;
      for (;;) {
        const p = await api.get<{ items: OwnerUnit[]; nextCursor: string | null }>('/owner-units', {
          communityId,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        items.push(...p.items);
        if (!p.nextCursor) return items;
        cursor = p.nextCursor;
      }
    },
  });
}

/**
 * /votes/held: staff record a vote that was held on paper at an owners' assembly. The ballot period
 * is over; each unit's paper ballot goes in with who signed it, the day and the scan. The result is
 * tallied by the law in force on the first ballot day and published as recorded after the fact.
 */
export default function RecordHeldVotePage() {
  const { t } = useTranslation('votes');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const communities = useCommunityOptions();
  const only = communities.data?.items.length === 1 ? communities.data.items[0]!.id : undefined;
  const communityId = (Form.useWatch('communityId', form) as number | undefined) ?? only;
  const matter = Form.useWatch('matterType', form) as MatterType | undefined;
  const period = Form.useWatch('period', form) as [Dayjs, Dayjs] | undefined;
  const assembly = Form.useWatch('assemblyOn', form) as Dayjs | undefined;
  const units = useCommunityUnits(communityId);
  const [scans, setScans] = useState<number[]>([]);
  const [ballots, setBallots] = useState<Record<number, BallotDraft>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const opensOn = period?.[0]?.format(DAY);
  const defaultDay = assembly?.format(DAY) ?? opensOn;
  const rule = opensOn ? ruleSetOn(opensOn) : null;

  const entered = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => ballots[u.unitId]?.choice)
        .map((u) => ({ unit: u, ballot: ballots[u.unitId]! })),
    [units.data, ballots],
  );
  const set = (unitId: number, patch: Partial<BallotDraft>) =>
    setBallots((b) => ({ ...b, [unitId]: { ...b[unitId], ...patch } }));

  const save = useMutation({
    mutationFn: (v: {
      communityId?: number;
      title: string;
      matterType: MatterType;
      description?: string;
      assemblyOn: Dayjs;
      period: [Dayjs, Dayjs];
      publicityDays: number;
    }) =>
      api.post<VoteDetail>('/votes/held', {
        communityId: v.communityId ?? only,
        title: v.title,
        matterType: v.matterType,
        description: v.description ?? '',
        assemblyOn: v.assemblyOn.format(DAY),
        opensOn: v.period[0].format(DAY),
        closesOn: v.period[1].format(DAY),
        publicityDays: v.publicityDays,
        ballots: entered.map(({ unit, ballot }) => ({
          unitId: unit.unitId,
          choice: ballot.choice,
          signedBy: ballot.signedBy?.trim() ?? '',
          castOn: ballot.castOn ?? defaultDay,
          scanFileId: ballot.scanFileId ?? scans[0],
        })),
      }),
    onSuccess: (v) => {
      message.success(t('held.saved'));
      navigate(`/votes/${v.id}`);
    },
    onError: (err) => {
      setRowErrors({});
      if (!(err instanceof ProblemError)) return showProblem(err, message, form);
      const fields = err.fieldErrors();
      const rows: Record<number, string> = {};
      const onForm: { name: string; errors: string[] }[] = [];
      for (const [path, msg] of Object.entries(fields)) {
        const row = /^ballots\.(\d+)\./.exec(path);
        if (row) rows[entered[Number(row[1])]!.unit.unitId] = msg;
        else if (path === 'opensOn' || path === 'closesOn') onForm.push({ name: 'period', errors: [msg] });
        else if (path === 'ballots') message.error(msg);
        else onForm.push({ name: path, errors: [msg] });
      }
      setRowErrors(rows);
      form.setFields(onForm);
      if (Object.keys(rows).length)
        message.error(t('held.ballotErrors', { count: Object.keys(rows).length }));
      if (!Object.keys(fields).length) showProblem(err, message);
    },
  });

  const required = [{ required: true, message: t('errors:field.required') }];
  const columns: ColumnsType<OwnerUnit> = [
    {
      title: t('field.unit'),
      render: (_v, u) => (
        <Flex vertical>
          <span>
            {u.building.name} {u.number}
          </span>
          {rowErrors[u.unitId] && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="held-row-error">
              {rowErrors[u.unitId]}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('field.exclusiveArea'), render: (_v, u) => formatArea(u.exclusiveArea), responsive: ['md'] },
    {
      title: t('field.choice'),
      render: (_v, u) => (
        <Select
          allowClear
          placeholder={t('held.noBallot')}
          value={ballots[u.unitId]?.choice}
          onChange={(choice) => set(u.unitId, { choice })}
          options={ballotChoices.map((c) => ({ value: c, label: t(`choice.${c}`) }))}
          style={{ width: 120 }}
          data-testid="held-choice"
        />
      ),
    },
    {
      title: t('held.signedBy'),
      render: (_v, u) => (
        <Input
          maxLength={50}
          value={ballots[u.unitId]?.signedBy ?? ''}
          placeholder={u.owners[0]?.name}
          onChange={(e) => set(u.unitId, { signedBy: e.target.value })}
          disabled={!ballots[u.unitId]?.choice}
          style={{ width: 140 }}
          data-testid="held-signed-by"
        />
      ),
    },
    {
      title: t('held.castOn'),
      render: (_v, u) => {
        const day = ballots[u.unitId]?.castOn ?? defaultDay;
        return (
          <DatePicker
            value={day ? dayjs(day) : null}
            onChange={(d) => set(u.unitId, { castOn: d ? d.format(DAY) : undefined })}
            disabled={!ballots[u.unitId]?.choice}
            allowClear={false}
          />
        );
      },
    },
    {
      title: t('held.scan'),
      render: (_v, u) => (
        <Select
          value={ballots[u.unitId]?.scanFileId ?? scans[0]}
          onChange={(scanFileId) => set(u.unitId, { scanFileId })}
          options={scans.map((id, i) => ({ value: id, label: t('held.scanN', { n: i + 1 }) }))}
          disabled={!ballots[u.unitId]?.choice || scans.length === 0}
          placeholder={t('held.uploadFirst')}
          style={{ width: 130 }}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('held.title')}
        subtitle={t('held.subtitle')}
        extra={
          <Link to="/votes">
            <Button icon={<ArrowLeftOutlined />}>{t('held.back')}</Button>
          </Link>
        }
      />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ publicityDays: MIN_PUBLICITY_DAYS }}
      >
        <Card title={t('held.assembly')} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            {!only && (
              <Form.Item name="communityId" label={t('field.community')} rules={required}>
                <CommunitySelect width={260} />
              </Form.Item>
            )}
            <Form.Item
              name="title"
              label={t('field.title')}
              rules={required}
              style={{ minWidth: 320, flex: 1 }}
            >
              <Input maxLength={200} data-testid="held-title" />
            </Form.Item>
            <Form.Item name="matterType" label={t('field.matterType')} rules={required}>
              <Select
                options={matterTypes.map((m) => ({ value: m, label: t(`matter.${m}`) }))}
                style={{ width: 300 }}
                popupMatchSelectWidth={false}
                data-testid="held-matter"
              />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap>
            <Form.Item name="period" label={t('held.period')} rules={required} extra={t('held.periodHelp')}>
              <DatePicker.RangePicker
                disabledDate={(d) => !d.isBefore(dayjs(), 'day')}
                data-testid="held-period"
              />
            </Form.Item>
            <Form.Item name="assemblyOn" label={t('held.assemblyOn')} rules={required}>
              <DatePicker data-testid="held-assembly" />
            </Form.Item>
            <Form.Item name="publicityDays" label={t('held.publicityDays')} rules={required}>
              <InputNumber min={MIN_PUBLICITY_DAYS} max={365} />
            </Form.Item>
          </Flex>
          {matter && rule && (
            <Alert
              type={rule === 'property_law_2007' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={t('held.rule', { rule: t(`ruleSet.${rule}`), date: opensOn })}
              description={<RequirementText requirement={requirementFor(rule, matter)} />}
            />
          )}
          <Form.Item name="description" label={t('create.description')}>
            <Input.TextArea rows={3} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('held.scans')} extra={t('held.scansHelp')}>
            <FileUpload communityId={communityId} onChange={setScans} max={10} testId="held-scans" />
          </Form.Item>
        </Card>
        <Card
          title={t('held.ballots')}
          extra={
            <Space>
              <Typography.Text type="secondary" data-testid="held-count">
                {t('held.entered', { count: entered.length, units: units.data?.length ?? 0 })}
              </Typography.Text>
              <Button
                type="primary"
                htmlType="submit"
                loading={save.isPending}
                disabled={entered.length === 0 || scans.length === 0}
                data-testid="held-save"
              >
                {t('held.save')}
              </Button>
            </Space>
          }
        >
          <Table
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={units.data ?? []}
            loading={units.isFetching}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: t('held.pickCommunity') }}
            data-testid="held-units"
          />
        </Card>
      </Form>
    </>
  );
}
