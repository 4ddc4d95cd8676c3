import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Menu,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { limitUnits } from '../../../contracts/calendar';
import {
  type DutyRule,
  discoveryChannels,
  type dutyRuleList,
  type routingPreview,
  stages,
  unitResolvers,
  urgencies,
} from '../../../contracts/duties';
import type { CommunitySummary } from '../../../contracts/org';
import { api, ProblemError } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCategories } from '../cases/api';
import { useDepartments } from '../org/api';

type RuleList = z.infer<typeof dutyRuleList>;
type Preview = z.infer<typeof routingPreview>;

function UnitLabel({ unit }: { unit: { resolver: string; departmentCode?: string } }) {
  const { t, i18n } = useTranslation('cases');
  const departments = useDepartments();
  const department = unit.departmentCode
    ? departments.data?.find((d) => d.code === unit.departmentCode)
    : undefined;
  return (
    <Tag title={unit.departmentCode}>
      {department
        ? i18n.language === 'en-US'
          ? department.nameEn
          : department.name
        : t(`unitResolver.${unit.resolver}`)}
    </Tag>
  );
}

/** The responsibility list: who handles each kind of problem, how, on what legal basis, by when. */
export default function DutiesPage() {
  const { t, i18n } = useTranslation('duties');
  const en = i18n.language === 'en-US';
  const categories = useCategories();
  const [selected, setSelected] = useState<string | null>(null);
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState<DutyRule | null>(null);
  const groups = categories.data?.items ?? [];
  const code = selected ?? groups[0]?.children[0]?.code ?? null;
  const rules = useQuery({
    queryKey: ['duty-rules', code, history],
    enabled: Boolean(code),
    queryFn: () =>
      api.get<RuleList>('/duty-rules', { categoryCode: code!, includeHistory: history ? 'true' : undefined }),
  });

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <Card styles={{ body: { padding: 8 } }}>
            <QueryState loading={categories.isLoading} error={categories.error}>
              <Menu
                mode="inline"
                selectedKeys={code ? [code] : []}
                defaultOpenKeys={groups.map((g) => g.code)}
                onClick={({ key }) => setSelected(key)}
                style={{ borderInlineEnd: 0 }}
                data-testid="category-menu"
                items={groups.map((g) => ({
                  key: g.code,
                  label: en ? g.nameEn : g.name,
                  children: g.children.map((c) => ({
                    key: c.code,
                    label: (
                      <Flex justify="space-between" align="center">
                        <span>{en ? c.nameEn : c.name}</span>
                        {c.enforcement && <Tag color="red">{t('enforcement')}</Tag>}
                      </Flex>
                    ),
                  })),
                }))}
              />
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          <Flex justify="flex-end" style={{ marginBottom: 12 }}>
            <Switch
              checkedChildren={<HistoryOutlined />}
              unCheckedChildren={<HistoryOutlined />}
              checked={history}
              onChange={setHistory}
            />
            <Typography.Text style={{ marginLeft: 8 }}>{t('showHistory')}</Typography.Text>
          </Flex>
          <QueryState loading={rules.isLoading} error={rules.error}>
            {rules.data?.items.length === 0 && <Empty description={t('noRule')} />}
            <Flex vertical gap={16}>
              {rules.data?.items.map((rule) => (
                <RuleCard
                  key={rule.id}
                  rule={rule}
                  canEdit={rules.data!.abilities.edit && rule.current}
                  onEdit={() => setEditing(rule)}
                />
              ))}
            </Flex>
          </QueryState>
        </Col>
      </Row>
      {editing && <RuleEditor rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RuleCard({ rule, canEdit, onEdit }: { rule: DutyRule; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation('duties');
  return (
    <Card
      data-testid="duty-rule"
      title={
        <Flex gap={8} align="center" wrap>
          {rule.categoryName}
          {rule.housingType && <Tag color="gold">{t(`org:housingType.${rule.housingType}`)}</Tag>}
          <Tag color={rule.current ? 'blue' : 'default'}>{t('version', { version: rule.version })}</Tag>
        </Flex>
      }
      extra={
        canEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="rule-edit">
            {t('common:edit')}
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('lead')}>
          <UnitLabel unit={rule.lead} />
        </Descriptions.Item>
        <Descriptions.Item label={t('coUnits')}>
          {rule.coUnits.length
            ? rule.coUnits.map((u) => <UnitLabel key={`${u.resolver}-${u.departmentCode}`} unit={u} />)
            : t('common:none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('channels')}>
          {rule.channels.map((c) => t(`cases:channel.${c}`)).join(t('common:listSeparator'))}
        </Descriptions.Item>
        <Descriptions.Item label={t('handlingPoints')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {rule.handlingPoints}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('operatingPath')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {rule.operatingPath}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('legalBasis')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {rule.legalBasis}
          </Typography.Paragraph>
        </Descriptions.Item>
        {rule.followUpDays && (
          <Descriptions.Item label={t('followUpDays')}>
            {t('days', { count: rule.followUpDays })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('changed')}>
          {formatDateTime(rule.createdAt)} · {rule.createdBy}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="urgency"
        style={{ marginTop: 12 }}
        dataSource={urgencies.map((u) => ({ urgency: u, ...rule.limits[u] }))}
        columns={[
          {
            title: t('cases:field.urgency'),
            dataIndex: 'urgency',
            render: (u: string) => (
              <>
                {t(`cases:urgency.${u}`)}
                {u === rule.defaultUrgency && <Tag style={{ marginLeft: 6 }}>{t('default')}</Tag>}
              </>
            ),
          },
          ...stages.map((s) => ({
            title: t(`cases:stage.${s}`),
            dataIndex: s,
            render: (l: { unit: string; amount: number }) => `${l.amount} ${t(`cases:limitUnit.${l.unit}`)}`,
          })),
        ]}
      />
    </Card>
  );
}

/** Edits a rule into its next version, previewing where a case of a chosen community would go. */
function RuleEditor({ rule, onClose }: { rule: DutyRule; onClose: () => void }) {
  const { t, i18n } = useTranslation('duties');
  const departments = useDepartments();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewCommunity, setPreviewCommunity] = useState<number | undefined>();
  const communities = useQuery({
    queryKey: ['communities', 'all-for-select'],
    queryFn: () => api.get<{ items: CommunitySummary[] }>('/communities', { limit: 200 }),
    staleTime: 600_000,
  });
  const body = () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    return {
      lead: v.lead,
      coUnits: v.coUnits ?? [],
      channels: v.channels,
      handlingPoints: v.handlingPoints,
      operatingPath: v.operatingPath,
      legalBasis: v.legalBasis,
      defaultUrgency: v.defaultUrgency,
      limits: v.limits,
      followUpDays: v.followUpDays ?? null,
    };
  };
  const showErrors = (err: unknown) => {
    if (!(err instanceof ProblemError)) return;
    const fields = Object.entries(err.fieldErrors());
    if (fields.length)
      form.setFields(
        fields.map(([path, msg]) => ({ name: path.replace(/^rule\./, '').split('.'), errors: [msg] })),
      );
    else message.error(err.problem.detail);
  };
  const runPreview = useMutation({
    mutationFn: () =>
      api.post<Preview>('/duty-rules/preview', {
        categoryCode: rule.categoryCode,
        communityId: previewCommunity,
        rule: body(),
      }),
    onSuccess: setPreview,
    onError: showErrors,
  });
  const save = useMutation({
    mutationFn: () => api.put<DutyRule>(`/duty-rules/${rule.id}`, { ...body(), version: rule.version }),
    onSuccess: (saved) => {
      message.success(t('saved', { version: saved.version }));
      void client.invalidateQueries({ queryKey: ['duty-rules'] });
      onClose();
    },
    onError: showErrors,
  });
  const unitFields = (prefix: (string | number)[]) => (
    <Flex gap={8}>
      <Form.Item name={[...prefix, 'resolver']} style={{ flex: 1, marginBottom: 4 }}>
        <Select options={unitResolvers.map((r) => ({ value: r, label: t(`cases:unitResolver.${r}`) }))} />
      </Form.Item>
      <Form.Item name={[...prefix, 'departmentCode']} style={{ width: 180, marginBottom: 4 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('departmentCode')}
          options={(departments.data ?? [])
            .filter((d) => d.kind === 'district_department')
            .map((d) => ({ value: d.code, label: i18n.language === 'en-US' ? d.nameEn : d.name }))}
        />
      </Form.Item>
    </Flex>
  );
  return (
    <Drawer
      open
      size={720}
      title={t('editTitle', { name: rule.categoryName, version: rule.version + 1 })}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="rule-save">
          {t('saveVersion')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('editHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={rule}>
        <Form.Item label={t('lead')}>{unitFields(['lead'])}</Form.Item>
        <Form.Item label={t('coUnits')}>
          <Form.List name="coUnits">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <div style={{ flex: 1 }}>{unitFields([f.name])}</div>
                    <Button type="text" danger onClick={() => remove(f.name)}>
                      {t('remove')}
                    </Button>
                  </Flex>
                ))}
                <Button type="dashed" onClick={() => add({ resolver: 'street_housing_office' })}>
                  {t('addCoUnit')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="channels" label={t('channels')}>
          <Select
            mode="multiple"
            options={discoveryChannels.map((c) => ({ value: c, label: t(`cases:channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="handlingPoints" label={t('handlingPoints')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="operatingPath" label={t('operatingPath')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('legalBasis')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="defaultUrgency" label={t('defaultUrgency')} style={{ width: 160 }}>
            <Select options={urgencies.map((u) => ({ value: u, label: t(`cases:urgency.${u}`) }))} />
          </Form.Item>
          <Form.Item name="followUpDays" label={t('followUpDays')} style={{ width: 160 }}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('limits')}</Typography.Title>
        {urgencies.map((u) => (
          <Flex key={u} gap={8} align="center" wrap style={{ marginBottom: 6 }}>
            <Typography.Text style={{ width: 60 }}>{t(`cases:urgency.${u}`)}</Typography.Text>
            {stages.map((s) => (
              <Flex key={s} gap={4} align="center">
                <Typography.Text type="secondary">{t(`cases:stage.${s}`)}</Typography.Text>
                <Form.Item name={['limits', u, s, 'amount']} noStyle>
                  <InputNumber min={1} max={10000} style={{ width: 64 }} />
                </Form.Item>
                <Form.Item name={['limits', u, s, 'unit']} noStyle>
                  <Select
                    style={{ width: 96 }}
                    options={limitUnits.map((l) => ({ value: l, label: t(`cases:limitUnit.${l}`) }))}
                  />
                </Form.Item>
              </Flex>
            ))}
          </Flex>
        ))}
      </Form>
      <Card size="small" title={t('preview')} style={{ marginTop: 16 }} data-testid="rule-preview">
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('previewCommunity')}
            style={{ flex: 1 }}
            value={previewCommunity}
            onChange={setPreviewCommunity}
            options={(communities.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.name} · ${c.street.name}`,
            }))}
          />
          <Button
            disabled={!previewCommunity}
            loading={runPreview.isPending}
            onClick={() => runPreview.mutate()}
          >
            {t('runPreview')}
          </Button>
        </Flex>
        {preview && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('lead')}>
              {preview.lead.name}
              {preview.lead.fallback && <Tag style={{ marginLeft: 6 }}>{t('cases:detail.fallback')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('coUnits')}>
              {preview.coUnits.map((u) => u.name).join(t('common:listSeparator')) || t('common:none')}
            </Descriptions.Item>
            {stages.map((s) => (
              <Descriptions.Item key={s} label={t(`cases:stage.${s}`)}>
                {formatDateTime(preview.deadlines[s])}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
    </Drawer>
  );
}
