import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Dispatch, Material, Team } from '../../../contracts/emergency';
import { movementKinds, teamKinds } from '../../../contracts/emergency';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { showProblem } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

interface OnDuty {
  date: string;
  team: Team | null;
  openDispatches: number;
}

/** The district emergency centre: today's on-duty team and its work, the roster, teams (inspection and repair kept apart), materials. */
export default function EmergencyPage() {
  const { t } = useTranslation('emergency');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'duty';
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'duty', label: t('tabs.duty'), children: <DutyTab /> },
          { key: 'roster', label: t('tabs.roster'), children: <RosterTab /> },
          { key: 'teams', label: t('tabs.teams'), children: <TeamsTab /> },
          { key: 'materials', label: t('tabs.materials'), children: <MaterialsTab /> },
        ]}
      />
    </>
  );
}

function DutyTab() {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const client = useQueryClient();
  const can = useCan();
  const duty = useQuery({ queryKey: ['on-duty'], queryFn: () => api.get<OnDuty>('/emergency/on-duty') });
  const dispatches = useQuery({
    queryKey: ['dispatches'],
    queryFn: () => api.get<{ items: Dispatch[] }>('/emergency/dispatches', { open: true, limit: 100 }),
  });
  const step = useMutation({
    mutationFn: ({ d, step }: { d: Dispatch; step: 'arrive' | 'done' }) =>
      api.post<Dispatch>(`/emergency/dispatches/${d.id}/${step}`, { version: d.version }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['dispatches'] });
      void client.invalidateQueries({ queryKey: ['on-duty'] });
    },
    onError: (err) => showProblem(err, null, message),
  });
  const team = duty.data?.team;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card title={t('duty.today', { date: duty.data?.date ?? '' })} data-testid="on-duty">
          <QueryState loading={duty.isLoading} error={duty.error}>
            {team ? (
              <Flex vertical gap={8}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {team.name} {team.mine && <Tag color="blue">{t('teams.mine')}</Tag>}
                </Typography.Title>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('teams.leader')}>{team.leaderName}</Descriptions.Item>
                  <Descriptions.Item label={t('teams.phone')}>{team.phone}</Descriptions.Item>
                  <Descriptions.Item label={t('teams.members')}>
                    {team.members.map((m) => m.displayName).join('、') || t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('duty.open')}>
                    <Badge count={duty.data?.openDispatches ?? 0} showZero color="#1f5fbf" />
                  </Descriptions.Item>
                </Descriptions>
              </Flex>
            ) : (
              <Empty description={t('duty.none')} />
            )}
          </QueryState>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('duty.work')}>
          <Table
            rowKey="id"
            size="small"
            loading={dispatches.isLoading}
            dataSource={dispatches.data?.items ?? []}
            pagination={false}
            data-testid="dispatch-table"
            locale={{ emptyText: t('duty.noWork') }}
            columns={[
              {
                title: t('duty.what'),
                render: (_v, d) =>
                  d.case ? (
                    <Flex vertical>
                      <Link to={`/cases/${d.case.id}`}>{d.case.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('duty.case')} {d.case.number}
                      </Typography.Text>
                    </Flex>
                  ) : d.hazard ? (
                    <Flex vertical>
                      <Link to={`/hazards/${d.hazard.id}`}>{d.hazard.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('duty.hazard')} {d.hazard.number}
                      </Typography.Text>
                    </Flex>
                  ) : null,
              },
              {
                title: t('duty.where'),
                render: (_v, d) => `${d.street.name} · ${d.community.name}`,
                responsive: ['md'],
              },
              { title: t('duty.team'), render: (_v, d) => d.team.name, responsive: ['lg'] },
              {
                title: t('duty.assignedAt'),
                render: (_v, d) => formatDateTime(d.assignedAt),
                responsive: ['md'],
              },
              {
                title: t('duty.status'),
                render: (_v, d) => (
                  <Tag color={d.status === 'assigned' ? 'warning' : 'processing'}>
                    {t(`dispatchStatus.${d.status}`)}
                  </Tag>
                ),
              },
              {
                title: '',
                render: (_v, d) =>
                  d.mine &&
                  can('emergency.respond') &&
                  d.case && (
                    <Flex gap={4}>
                      {d.status === 'assigned' && (
                        <Button
                          size="small"
                          onClick={() => step.mutate({ d, step: 'arrive' })}
                          data-testid="dispatch-arrive"
                        >
                          {t('duty.arrive')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => step.mutate({ d, step: 'done' })}
                        data-testid="dispatch-done"
                      >
                        {t('duty.done')}
                      </Button>
                    </Flex>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function RosterTab() {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const client = useQueryClient();
  const from = dayjs().subtract(3, 'day').format('YYYY-MM-DD');
  const to = dayjs().add(13, 'day').format('YYYY-MM-DD');
  const roster = useQuery({
    queryKey: ['roster', from, to],
    queryFn: () =>
      api.get<{
        items: { date: string; team: { id: number; name: string }; note: string | null }[];
        today: string;
        abilities: { manage: boolean };
      }>('/emergency/roster', { from, to }),
  });
  const teams = useQuery({
    queryKey: ['emergency-teams'],
    queryFn: () => api.get<{ items: Team[] }>('/emergency/teams'),
  });
  const set = useMutation({
    mutationFn: ({ date, teamId }: { date: string; teamId: number }) =>
      api.put(`/emergency/roster/${date}`, { teamId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['roster'] });
      void client.invalidateQueries({ queryKey: ['on-duty'] });
      message.success(t('common:saved'));
    },
    onError: (err) => showProblem(err, null, message),
  });
  const days = Array.from({ length: 17 }, (_v, i) => dayjs(from).add(i, 'day').format('YYYY-MM-DD'));
  const repairTeams = (teams.data?.items ?? []).filter((x) => x.kind === 'repair' && x.active);
  return (
    <Card>
      <QueryState loading={roster.isLoading} error={roster.error}>
        <Table
          rowKey="date"
          size="small"
          pagination={false}
          data-testid="roster-table"
          dataSource={days.map((date) => ({ date, entry: roster.data?.items.find((r) => r.date === date) }))}
          rowClassName={(r) => (r.date === roster.data?.today ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('roster.date'),
              render: (_v, r) => (
                <span>
                  {r.date} {dayjs(r.date).format('ddd')}{' '}
                  {r.date === roster.data?.today && <Tag color="blue">{t('roster.today')}</Tag>}
                </span>
              ),
            },
            {
              title: t('roster.team'),
              render: (_v, r) =>
                roster.data?.abilities.manage ? (
                  <Select
                    size="small"
                    value={r.entry?.team.id}
                    placeholder={t('roster.unset')}
                    style={{ width: 220 }}
                    onChange={(teamId: number) => set.mutate({ date: r.date, teamId })}
                    options={repairTeams.map((x) => ({ value: x.id, label: x.name }))}
                  />
                ) : (
                  (r.entry?.team.name ?? (
                    <Typography.Text type="secondary">{t('roster.unset')}</Typography.Text>
                  ))
                ),
            },
            { title: t('roster.note'), render: (_v, r) => r.entry?.note ?? '' },
          ]}
        />
      </QueryState>
    </Card>
  );
}

function TeamsTab() {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const client = useQueryClient();
  const teams = useQuery({
    queryKey: ['emergency-teams'],
    queryFn: () => api.get<{ items: Team[]; abilities: { manage: boolean } }>('/emergency/teams'),
  });
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const candidates = useQuery({
    queryKey: ['team-candidates'],
    queryFn: () =>
      api.get<{ userId: number; displayName: string; username: string }[]>('/emergency/team-candidates'),
    enabled: Boolean(teams.data?.abilities.manage),
  });
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing === 'new'
        ? api.post<Team>('/emergency/teams', v)
        : api.patch<Team>(`/emergency/teams/${(editing as Team).id}`, {
            ...v,
            kind: undefined,
            version: (editing as Team).version,
          }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['emergency-teams'] });
      message.success(t('common:saved'));
      setEditing(null);
    },
    onError: (err) => showProblem(err, form, message),
  });
  return (
    <QueryState loading={teams.isLoading} error={teams.error}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('teams.separation')}</Typography.Text>
        {teams.data?.abilities.manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="team-create"
          >
            {t('teams.create')}
          </Button>
        )}
      </Flex>
      <Row gutter={[16, 16]}>
        {teams.data?.items.map((x) => (
          <Col xs={24} md={12} xl={6} key={x.id}>
            <Card
              title={x.name}
              extra={
                teams.data?.abilities.manage && (
                  <Button size="small" type="link" onClick={() => setEditing(x)}>
                    {t('common:edit')}
                  </Button>
                )
              }
              data-testid="team-card"
            >
              <Flex gap={4} wrap style={{ marginBottom: 8 }}>
                <Tag color={x.kind === 'repair' ? 'volcano' : 'geekblue'}>{t(`teamKind.${x.kind}`)}</Tag>
                {x.onDutyToday && <Tag color="green">{t('teams.onDuty')}</Tag>}
                {!x.active && <Tag>{t('teams.inactive')}</Tag>}
              </Flex>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('teams.leader')}>{x.leaderName}</Descriptions.Item>
                <Descriptions.Item label={t('teams.phone')}>{x.phone}</Descriptions.Item>
                <Descriptions.Item label={t('teams.members')}>
                  {x.members.map((m) => m.displayName).join('、') || t('common:none')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ))}
      </Row>
      {editing && (
        <Modal
          title={editing === 'new' ? t('teams.create') : editing.name}
          open
          onCancel={() => setEditing(null)}
          onOk={() => form.submit()}
          confirmLoading={save.isPending}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={
              editing === 'new'
                ? { kind: 'repair', memberUserIds: [] }
                : {
                    name: editing.name,
                    leaderName: editing.leaderName,
                    phone: editing.phone,
                    memberUserIds: editing.members.map((m) => m.userId),
                  }
            }
            onFinish={(v) =>
              save.mutate(
                Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')),
              )
            }
          >
            {editing === 'new' && (
              <Form.Item name="kind" label={t('teams.kind')}>
                <Select options={teamKinds.map((k) => ({ value: k, label: t(`teamKind.${k}`) }))} />
              </Form.Item>
            )}
            <Form.Item
              name="name"
              label={t('teams.name')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="leaderName" label={t('teams.leader')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="phone" label={t('teams.phone')}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="memberUserIds" label={t('teams.members')}>
              <Select
                mode="multiple"
                options={(candidates.data ?? []).map((c) => ({
                  value: c.userId,
                  label: `${c.displayName}（${c.username}）`,
                }))}
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </QueryState>
  );
}

function MaterialsTab() {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const client = useQueryClient();
  const materials = useQuery({
    queryKey: ['materials'],
    queryFn: () => api.get<{ items: Material[]; abilities: { stock: boolean } }>('/emergency/materials'),
  });
  const [moving, setMoving] = useState<Material | null>(null);
  const [creating, setCreating] = useState(false);
  const [history, setHistory] = useState<Material | null>(null);
  const [form] = Form.useForm();
  const movements = useQuery({
    queryKey: ['movements', history?.id],
    queryFn: () =>
      api.get<{
        items: {
          id: number;
          kind: string;
          delta: number;
          balance: number;
          note: string | null;
          by: string;
          at: string;
        }[];
      }>(`/emergency/materials/${history!.id}/movements`, { limit: 50 }),
    enabled: Boolean(history),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      creating
        ? api.post<Material>('/emergency/materials', v)
        : api.post<Material>(`/emergency/materials/${moving!.id}/movements`, v),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['materials'] });
      message.success(t('common:saved'));
      setMoving(null);
      setCreating(false);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const stock = materials.data?.abilities.stock;
  return (
    <Card
      extra={
        stock && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="material-create">
            {t('materials.create')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="middle"
        loading={materials.isLoading}
        dataSource={materials.data?.items ?? []}
        pagination={false}
        data-testid="material-table"
        columns={[
          { title: t('materials.name'), render: (_v, m) => `${m.name}${m.spec ? `（${m.spec}）` : ''}` },
          {
            title: t('materials.stock'),
            align: 'right',
            render: (_v, m) => (
              <Typography.Text type={m.low ? 'danger' : undefined} strong={m.low}>
                {m.stock} {m.unit}
              </Typography.Text>
            ),
          },
          { title: t('materials.minStock'), align: 'right', render: (_v, m) => `${m.minStock} ${m.unit}` },
          {
            title: t('materials.status'),
            render: (_v, m) =>
              m.low ? (
                <Tag color="error">{t('materials.low')}</Tag>
              ) : (
                <Tag color="success">{t('materials.ok')}</Tag>
              ),
          },
          { title: t('materials.location'), dataIndex: 'location', responsive: ['md'] },
          {
            title: '',
            render: (_v, m) => (
              <Flex gap={4}>
                <Button size="small" type="link" onClick={() => setHistory(m)}>
                  {t('materials.history')}
                </Button>
                {stock && (
                  <Button size="small" onClick={() => setMoving(m)} data-testid="material-move">
                    {t('materials.move')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {(moving || creating) && (
        <Modal
          title={creating ? t('materials.create') : `${t('materials.move')} · ${moving!.name}`}
          open
          onCancel={() => {
            setMoving(null);
            setCreating(false);
          }}
          onOk={() => form.submit()}
          confirmLoading={save.isPending}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'out', quantity: 1, minStock: 0 }}
            onFinish={(v) => save.mutate(v)}
          >
            {creating ? (
              <>
                <Form.Item
                  name="name"
                  label={t('materials.name')}
                  rules={[{ required: true, message: t('errors:field.required') }]}
                >
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item name="spec" label={t('materials.spec')}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item
                  name="unit"
                  label={t('materials.unit')}
                  rules={[{ required: true, message: t('errors:field.required') }]}
                >
                  <Input maxLength={10} />
                </Form.Item>
                <Form.Item name="minStock" label={t('materials.minStock')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name="location" label={t('materials.location')}>
                  <Input maxLength={100} />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="kind" label={t('materials.kind')}>
                  <Select options={movementKinds.map((k) => ({ value: k, label: t(`movementKind.${k}`) }))} />
                </Form.Item>
                <Form.Item
                  name="quantity"
                  label={t('materials.quantity')}
                  rules={[{ required: true, message: t('errors:field.required') }]}
                >
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name="note" label={t('materials.note')}>
                  <Input maxLength={200} />
                </Form.Item>
              </>
            )}
          </Form>
        </Modal>
      )}
      {history && (
        <Modal
          title={`${t('materials.history')} · ${history.name}`}
          open
          footer={null}
          onCancel={() => setHistory(null)}
          width={640}
        >
          <Table
            rowKey="id"
            size="small"
            loading={movements.isLoading}
            dataSource={movements.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('materials.at'), render: (_v, r) => formatDateTime(r.at) },
              { title: t('materials.kind'), render: (_v, r) => t(`movementKind.${r.kind}`) },
              {
                title: t('materials.delta'),
                align: 'right',
                render: (_v, r) => (r.delta > 0 ? `+${r.delta}` : r.delta),
              },
              { title: t('materials.balance'), align: 'right', dataIndex: 'balance' },
              { title: t('materials.by'), dataIndex: 'by' },
              { title: t('materials.note'), dataIndex: 'note' },
            ]}
          />
        </Modal>
      )}
    </Card>
  );
}
