import {
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileExcelOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UnitOwnershipStatus, unitOwnershipStatuses } from '../../../contracts/owners';
import { api, downloadUrl, ProblemError } from '../../api/client';
import { useCan } from '../../api/session';
import { formatArea, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import {
  type OwnerContact,
  type OwnerUnit,
  type OwnerUnitDetail,
  useOwnerPerson,
  useOwnerSummary,
  useOwnerUnit,
} from './api';
import {
  CommunitySelect,
  day,
  showProblem,
  todayPicker,
  useCommunityParam,
  useCommunityProfile,
} from './common';

const statusColor: Record<UnitOwnershipStatus, string> = {
  owned: 'green',
  developer_unsold: 'orange',
  developer_undelivered: 'gold',
  unrecorded: 'default',
};

export function OwnershipTag({ status }: { status: UnitOwnershipStatus }) {
  const { t } = useTranslation('owners');
  return <Tag color={statusColor[status]}>{t(`status.${status}`)}</Tag>;
}

/** The owner register: units and their owners per community, masked contacts, import and export. */
export default function OwnersRegisterPage() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const [communityId, setCommunityId] = useCommunityParam();
  const [filters, setFilters] = useState<{
    buildingId?: number;
    status?: UnitOwnershipStatus;
    multiUnit?: 'true';
    q?: string;
  }>({});
  const [unitId, setUnitId] = useState<number | null>(null);
  const [personId, setPersonId] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const community = useCommunityProfile(communityId);
  const summary = useOwnerSummary(communityId);

  const s = summary.data;
  return (
    <>
      <PageHeader
        title={t('title.register')}
        subtitle={t('register.subtitle')}
        extra={
          <>
            {can('owners.manage') && (
              <Button icon={<FileExcelOutlined />} href={downloadUrl('/owners/import-template.xlsx')}>
                {t('register.template')}
              </Button>
            )}
            {can('owners.manage') && communityId && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="owners-import"
              >
                {t('register.import')}
              </Button>
            )}
            {can('owners.export') && communityId && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/owner-units/export.xlsx', { communityId, ...filters })}
                data-testid="export-excel"
              >
                {t('common:exportExcel')}
              </Button>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <CommunitySelect
            value={communityId}
            onChange={(id) => {
              setFilters({});
              setCommunityId(id);
            }}
            testId="owners-community"
          />
          {communityId && (
            <>
              <Select
                allowClear
                placeholder={t('register.allBuildings')}
                value={filters.buildingId}
                onChange={(v) => setFilters({ ...filters, buildingId: v })}
                options={(community.data?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))}
                style={{ width: 130 }}
              />
              <Select
                allowClear
                placeholder={t('register.allStatuses')}
                value={filters.status}
                onChange={(v) => setFilters({ ...filters, status: v })}
                options={unitOwnershipStatuses.map((x) => ({ value: x, label: t(`status.${x}`) }))}
                style={{ width: 150 }}
              />
              <Input.Search
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('register.search')}
                onSearch={(v) => setFilters({ ...filters, q: v.trim() || undefined })}
                style={{ width: 220 }}
              />
              <Flex gap={6} align="center">
                <Switch
                  size="small"
                  checked={filters.multiUnit === 'true'}
                  onChange={(on) => setFilters({ ...filters, multiUnit: on ? 'true' : undefined })}
                />
                <Typography.Text>{t('register.multiUnitOnly')}</Typography.Text>
              </Flex>
            </>
          )}
        </Flex>
      </Card>
      {!communityId ? (
        <Card>
          <Empty description={t('common.chooseCommunityFirst')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {s && (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('register.units')} value={s.units} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={t('register.area')}
                    value={formatArea(s.exclusiveArea)}
                    suffix={t('common:unit.m2')}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t('field.ownerCount')} value={s.ownerCount} data-testid="owner-count" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('register.ownerCountHint')}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Flex vertical gap={2} style={{ fontSize: 13 }}>
                    <span>
                      {t('register.developerUnits', {
                        count: s.developerUnits,
                        area: formatArea(s.developerArea),
                      })}
                    </span>
                    <span>{t('register.multiUnitBuyers', { count: s.multiUnitBuyers })}</span>
                    <span>{t('register.coOwnedUnits', { count: s.coOwnedUnits })}</span>
                    <span>{t('register.unrecordedUnits', { count: s.unrecordedUnits })}</span>
                  </Flex>
                </Card>
              </Col>
            </Row>
          )}
          <Card>
            <UnitTable
              communityId={communityId}
              filters={filters}
              onUnit={setUnitId}
              onPerson={setPersonId}
            />
          </Card>
        </Flex>
      )}
      {unitId !== null && (
        <UnitDrawer unitId={unitId} onClose={() => setUnitId(null)} onPerson={setPersonId} />
      )}
      {personId !== null && <PersonDrawer personId={personId} onClose={() => setPersonId(null)} />}
      {importing && communityId && (
        <ImportModal communityId={communityId} onClose={() => setImporting(false)} />
      )}
    </>
  );
}

function UnitTable({
  communityId,
  filters,
  onUnit,
  onPerson,
}: {
  communityId: number;
  filters: Record<string, string | number | undefined>;
  onUnit: (id: number) => void;
  onPerson: (id: number) => void;
}) {
  const { t } = useTranslation('owners');
  const list = useCursorPages<OwnerUnit>('/owner-units', { communityId, ...filters }, 20);
  const columns: ColumnsType<OwnerUnit> = [
    {
      title: t('field.unit'),
      render: (_v, u) => (
        <Button type="link" size="small" onClick={() => onUnit(u.unitId)} data-testid="owner-unit-link">
          {u.building.name}
          {u.number}
        </Button>
      ),
    },
    { title: t('field.exclusiveArea'), render: (_v, u) => formatArea(u.exclusiveArea), align: 'right' },
    { title: t('field.status'), render: (_v, u) => <OwnershipTag status={u.status} /> },
    {
      title: t('field.owners'),
      render: (_v, u) =>
        u.owners.length === 0 ? (
          <Typography.Text type="secondary">{t('register.noOwner')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {u.owners.map((o) =>
              o.personId ? (
                <Button key={o.id} size="small" type="text" onClick={() => onPerson(o.personId!)}>
                  {o.name}
                  {!o.delivered && <Tag style={{ marginInlineStart: 4 }}>{t('register.undelivered')}</Tag>}
                </Button>
              ) : (
                <Tag key={o.id} color="orange">
                  {o.name}
                </Tag>
              ),
            )}
          </Flex>
        ),
    },
    {
      title: t('field.phone'),
      render: (_v, u) =>
        u.owners
          .map((o) => o.phone ?? '')
          .filter(Boolean)
          .join(t('common:listSeparator')),
      responsive: ['lg'],
    },
  ];

  return (
    <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
      <Table
        rowKey="unitId"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.isFetching}
        pagination={false}
        data-testid="owner-unit-table"
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </QueryState>
  );
}

function RevealButton({ personId }: { personId: number }) {
  const { t } = useTranslation('owners');
  const { message, modal } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => api.post<OwnerContact>(`/owners/${personId}/reveal`),
    onSuccess: (c) =>
      modal.info({
        title: t('register.revealTitle', { name: c.name }),
        content: (
          <Descriptions column={1} size="small" data-testid="revealed-contact">
            <Descriptions.Item label={t('field.phone')}>{c.phone ?? t('common:none')}</Descriptions.Item>
            <Descriptions.Item label={t('field.idNumber')}>
              {c.idNumber ?? t('common:none')}
            </Descriptions.Item>
          </Descriptions>
        ),
      }),
    onError: (err) => showProblem(err, message),
  });
  return (
    <Button
      size="small"
      icon={<EyeOutlined />}
      loading={reveal.isPending}
      onClick={() =>
        modal.confirm({
          title: t('register.revealConfirm'),
          content: t('register.revealAudited'),
          onOk: () => reveal.mutate(),
        })
      }
      data-testid="owner-reveal"
    >
      {t('register.reveal')}
    </Button>
  );
}

function UnitDrawer({
  unitId,
  onClose,
  onPerson,
}: {
  unitId: number;
  onClose: () => void;
  onPerson: (id: number) => void;
}) {
  const { t } = useTranslation('owners');
  const { data, isLoading, error } = useOwnerUnit(unitId);
  const [editing, setEditing] = useState(false);
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={data ? `${data.community.name} ${data.building.name}${data.number}` : ''}
      extra={
        data?.abilities.edit &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="owner-edit">
            {t('register.editOwners')}
          </Button>
        )
      }
    >
      <QueryState loading={isLoading} error={error}>
        {data &&
          (editing ? (
            <OwnersForm unit={data} onDone={() => setEditing(false)} />
          ) : (
            <Flex vertical gap={16}>
              <Descriptions column={2} size="small">
                <Descriptions.Item label={t('field.exclusiveArea')}>
                  {formatArea(data.exclusiveArea)}
                </Descriptions.Item>
                <Descriptions.Item label={t('register.floor')}>{data.floor}</Descriptions.Item>
                <Descriptions.Item label={t('field.status')}>
                  <OwnershipTag status={data.status} />
                </Descriptions.Item>
              </Descriptions>
              <List
                bordered
                dataSource={data.owners}
                locale={{ emptyText: t('register.noOwner') }}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      o.personId && data.abilities.reveal
                        ? [<RevealButton key="r" personId={o.personId} />]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        o.personId ? (
                          <Typography.Link onClick={() => onPerson(o.personId!)}>{o.name}</Typography.Link>
                        ) : (
                          o.name
                        )
                      }
                      description={
                        <Flex vertical>
                          {o.kind === 'developer' ? (
                            <span>{t('register.developer')}</span>
                          ) : (
                            <span>
                              {t('field.phone')} {o.phone ?? t('common:none')} · {t('field.idNumber')}{' '}
                              {o.idNumber ?? t('common:none')}
                            </span>
                          )}
                          <span>
                            {t('register.since', { date: o.since ?? '' })}
                            {!o.delivered && ` · ${t('register.undelivered')}`}
                          </span>
                        </Flex>
                      }
                    />
                  </List.Item>
                )}
              />
            </Flex>
          ))}
      </QueryState>
    </Drawer>
  );
}

function OwnersForm({ unit, onDone }: { unit: OwnerUnitDetail; onDone: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const developer = Form.useWatch('developer', form);
  const save = useMutation({
    mutationFn: (v: {
      since: dayjs.Dayjs;
      developer: 'unsold' | 'undelivered' | 'none';
      owners?: { name: string; idNumber: string; phone?: string }[];
    }) =>
      api.put<OwnerUnitDetail>(`/owner-units/${unit.unitId}/owners`, {
        since: day(v.since),
        developer: v.developer === 'none' ? null : v.developer,
        owners:
          v.developer === 'unsold'
            ? []
            : (v.owners ?? []).map((o) => ({
                name: o.name,
                idNumber: o.idNumber,
                ...(o.phone ? { phone: o.phone } : {}),
              })),
      }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['owner-unit', unit.unitId] });
      void client.invalidateQueries({ queryKey: ['/owner-units'] });
      void client.invalidateQueries({ queryKey: ['owner-summary'] });
      onDone();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => save.mutate(v)}
      initialValues={{
        since: todayPicker(),
        developer:
          unit.status === 'developer_unsold'
            ? 'unsold'
            : unit.status === 'developer_undelivered'
              ? 'undelivered'
              : 'none',
        owners: [{ name: '', idNumber: '', phone: '' }],
      }}
    >
      <Alert type="info" showIcon title={t('register.editHint')} style={{ marginBottom: 16 }} />
      <Flex gap={12} wrap>
        <Form.Item name="since" label={t('register.sinceLabel')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="developer" label={t('register.kind')} style={{ minWidth: 200 }}>
          <Select
            options={[
              { value: 'none', label: t('status.owned') },
              { value: 'unsold', label: t('status.developer_unsold') },
              { value: 'undelivered', label: t('status.developer_undelivered') },
            ]}
          />
        </Form.Item>
      </Flex>
      {developer !== 'unsold' && (
        <Form.List name="owners">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                    style={{ width: 120, marginBottom: 8 }}
                  >
                    <Input placeholder={t('import.column.name')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'idNumber']}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                    style={{ width: 210, marginBottom: 8 }}
                  >
                    <Input placeholder={t('field.idNumber')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} style={{ width: 150, marginBottom: 8 }}>
                    <Input placeholder={t('field.phone')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('register.removeOwner')}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', idNumber: '', phone: '' })}
              >
                {t('register.addCoOwner')}
              </Button>
            </Flex>
          )}
        </Form.List>
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 24 }}>
        <Button onClick={onDone}>{t('common:cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="owner-save">
          {t('common:save')}
        </Button>
      </Flex>
    </Form>
  );
}

function PersonDrawer({ personId, onClose }: { personId: number; onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { data, isLoading, error } = useOwnerPerson(personId);
  return (
    <Drawer open onClose={onClose} title={data?.name} size="default">
      <QueryState loading={isLoading} error={error}>
        {data && (
          <Flex vertical gap={16}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('field.phone')}>{data.phone ?? t('common:none')}</Descriptions.Item>
              <Descriptions.Item label={t('field.idNumber')}>
                {data.idNumber ?? t('common:none')}
              </Descriptions.Item>
            </Descriptions>
            {data.abilities.reveal && <RevealButton personId={data.personId} />}
            {data.units.length > 1 && (
              <Alert type="info" showIcon title={t('register.multiUnitNote', { count: data.units.length })} />
            )}
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={data.units}
              columns={[
                { title: t('field.community'), render: (_v, u) => u.community.name },
                { title: t('field.unit'), render: (_v, u) => `${u.building.name}${u.number}` },
                {
                  title: t('field.exclusiveArea'),
                  render: (_v, u) => formatArea(u.exclusiveArea),
                  align: 'right',
                },
                {
                  title: t('register.coOwners'),
                  render: (_v, u) => (u.coOwners > 0 ? formatNumber(u.coOwners) : ''),
                  align: 'right',
                },
              ]}
            />
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}

interface ImportError {
  row: number;
  column: string;
  message: string;
}

/** Excel import: all rows or none; on errors, the row-by-row report. */
function ImportModal({ communityId, onClose }: { communityId: number; onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<ImportError[] | null>(null);
  const [result, setResult] = useState<{ rows: number; units: number; owners: number } | null>(null);
  const run = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('file', file!);
      return api.post<{ rows: number; units: number; owners: number; personsCreated: number }>(
        `/communities/${communityId}/owners/import`,
        form,
      );
    },
    onSuccess: (r) => {
      setErrors(null);
      setResult(r);
      void client.invalidateQueries({ queryKey: ['/owner-units'] });
      void client.invalidateQueries({ queryKey: ['owner-summary'] });
    },
    onError: (err) => {
      setResult(null);
      if (err instanceof ProblemError && err.problem.errors?.some((e) => e.path.startsWith('row.'))) {
        setErrors(
          err.problem.errors
            .map((e) => {
              const [, row, column] = e.path.split('.');
              return { row: Number(row), column: column ?? '', message: e.message };
            })
            .sort((a, b) => a.row - b.row),
        );
        message.error(err.problem.detail);
      } else {
        setErrors(null);
        showProblem(err, message);
      }
    },
  });
  const columnLabel = (c: string) => {
    const key = `import.column.${c}`;
    return t(key) === key ? c : t(key);
  };
  return (
    <Modal
      open
      width={720}
      title={t('register.importTitle')}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common:back')}
        </Button>,
        <Button
          key="run"
          type="primary"
          disabled={!file}
          loading={run.isPending}
          onClick={() => run.mutate()}
          data-testid="owners-import-run"
        >
          {t('register.importRun')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('register.importHelp')}</Typography.Paragraph>
      <Upload
        accept=".xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setErrors(null);
          setResult(null);
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <Button icon={<UploadOutlined />}>{t('register.chooseFile')}</Button>
      </Upload>
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={t('register.importDone', { rows: result.rows, units: result.units, owners: result.owners })}
          data-testid="owners-import-done"
        />
      )}
      {errors && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(e) => `${e.row}.${e.column}`}
          dataSource={errors}
          pagination={errors.length > 10 ? { pageSize: 10 } : false}
          data-testid="owners-import-errors"
          columns={[
            { title: t('register.row'), dataIndex: 'row', width: 70 },
            { title: t('register.column'), render: (_v, e) => columnLabel(e.column), width: 110 },
            { title: t('register.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
