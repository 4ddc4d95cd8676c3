import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Team } from '../../../contracts/emergency';
import { type HazardDetail, hazardGrades } from '../../../contracts/hazards';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { useActorName } from '../../components/actorName';
import { formatDateTime } from '../../components/format';
import { showProblem } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { LinkedFundUses, UseFundButton } from '../funds/FundUseLinks';
import { type Photo, PhotoUpload } from '../inspections/PhotoUpload';
import { hazardPhotoUrl, useHazard } from './api';
import { GradeTag, HazardStatusTag } from './tags';

type Action = 'assign' | 'repair' | 'verify' | 'reinspect' | 'edit';

/** One hazard: who found it, who is responsible, its photos and timeline, and the next step the caller may take. */
export default function HazardDetailPage() {
  const { id } = useParams();
  const hazardId = Number(id);
  const { t, i18n } = useTranslation('hazards');
  const actorName = useActorName();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: h, isLoading, error, refetch } = useHazard(hazardId);
  const [action, setAction] = useState<Action | null>(null);
  const fileCase = useMutation({
    mutationFn: () => api.post<HazardDetail>(`/hazards/${hazardId}/case`),
    onSuccess: (d) => {
      client.setQueryData(['hazard', hazardId], d);
      message.success(t('actions.caseFiled', { number: d.case?.number ?? '' }));
    },
    onError: (err) => showProblem(err, null, message),
  });
  return (
    <QueryState loading={isLoading} error={error} retry={() => void refetch()}>
      {h && (
        <>
          <PageHeader
            title={h.title}
            subtitle={`${h.number} · ${h.street.name} · ${h.community.name}${h.building ? ` ${h.building.name}` : ''}`}
            tags={
              <>
                <GradeTag grade={h.grade} />
                <HazardStatusTag status={h.status} />
                {h.reinspectionDue && <Tag color="error">{t('reinspectionDue')}</Tag>}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {h.abilities.assign && (
                  <Button onClick={() => setAction('assign')} data-testid="hazard-assign">
                    {t('actions.assign')}
                  </Button>
                )}
                {h.abilities.repair && (
                  <Button type="primary" onClick={() => setAction('repair')} data-testid="hazard-repair">
                    {t('actions.repair')}
                  </Button>
                )}
                {h.abilities.verify && (
                  <Button type="primary" onClick={() => setAction('verify')} data-testid="hazard-verify">
                    {t('actions.verify')}
                  </Button>
                )}
                {h.abilities.reinspect && (
                  <Button onClick={() => setAction('reinspect')} data-testid="hazard-reinspect">
                    {t('actions.reinspect')}
                  </Button>
                )}
                {h.abilities.fileCase && (
                  <Button
                    onClick={() => fileCase.mutate()}
                    loading={fileCase.isPending}
                    data-testid="hazard-file-case"
                  >
                    {t('actions.fileCase')}
                  </Button>
                )}
                {h.abilities.useFund && (
                  <UseFundButton
                    hazardId={h.id}
                    communityId={h.community.id}
                    categoryCode={h.category.code}
                  />
                )}
                {h.abilities.edit && (
                  <Button onClick={() => setAction('edit')} data-testid="hazard-edit">
                    {t('common:edit')}
                  </Button>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Card title={t('detail.overview')}>
                <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="hazard-overview">
                  <Descriptions.Item label={t('field.category')}>
                    {i18n.language === 'en-US' ? h.category.nameEn : h.category.name}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.source')}>
                    {t(`source.${h.source}`)}
                    {h.round && ` · ${h.round.planName}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.responsibleUnit')}>
                    {h.responsibleUnit.name}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.responsiblePerson')}>
                    {[h.responsiblePerson, h.responsiblePhone].filter(Boolean).join(' ') || t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.foundBy')}>
                    {h.foundBy}
                    {h.foundByTeam && ` · ${h.foundByTeam.name}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.foundAt')}>
                    {formatDateTime(h.foundAt)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.repairTeam')}>
                    {h.repairTeam?.name ?? t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.repairedBy')}>
                    {h.repairedBy ? `${h.repairedBy} · ${formatDateTime(h.repairedAt)}` : t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.verifiedBy')}>
                    {h.verifiedBy ?? t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.nextReinspectionOn')}>
                    {h.nextReinspectionOn ?? t('common:none')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.case')}>
                    {h.case ? (
                      <Link to={`/cases/${h.case.id}`} data-testid="hazard-case-link">
                        {h.case.number}
                      </Link>
                    ) : (
                      t('common:none')
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.reworkCount')}>{h.reworkCount}</Descriptions.Item>
                  <Descriptions.Item label={t('field.description')} span={2}>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {h.description}
                    </Typography.Paragraph>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <Card title={t('detail.photos')} style={{ marginTop: 16 }}>
                {h.photos.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Image.PreviewGroup>
                    <Flex gap={12} wrap>
                      {h.photos.map((p) => (
                        <Flex key={p.fileId} vertical align="center" gap={4}>
                          <Image
                            src={hazardPhotoUrl(h.id, p.fileId)}
                            preview={{ src: hazardPhotoUrl(h.id, p.fileId, false) }}
                            width={120}
                            height={90}
                            style={{ objectFit: 'cover', borderRadius: 6 }}
                            alt={p.name}
                          />
                          <Tag>{t(`photoStage.${p.stage}`)}</Tag>
                        </Flex>
                      ))}
                    </Flex>
                  </Image.PreviewGroup>
                )}
              </Card>
              <LinkedFundUses hazardId={h.id} style={{ marginTop: 16 }} />
            </Col>
            <Col xs={24} lg={9}>
              <Card title={t('detail.timeline')}>
                <Timeline
                  data-testid="hazard-timeline"
                  items={h.events.map((e) => ({
                    color: e.action === 'verified' ? 'green' : e.action === 'rejected' ? 'red' : 'blue',
                    content: (
                      <Flex vertical>
                        <Typography.Text strong>
                          {t(`event.${e.action}`, { defaultValue: e.action })}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(e.at)} · {actorName(e.actor)}
                        </Typography.Text>
                        {e.note && <Typography.Text>{e.note}</Typography.Text>}
                      </Flex>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
          {action && <ActionModal hazard={h} action={action} onClose={() => setAction(null)} />}
        </>
      )}
    </QueryState>
  );
}

function ActionModal({
  hazard,
  action,
  onClose,
}: {
  hazard: HazardDetail;
  action: Action;
  onClose: () => void;
}) {
  const { t } = useTranslation('hazards');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const can = useCan();
  const teams = useQuery({
    queryKey: ['emergency-teams'],
    queryFn: () => api.get<{ items: Team[] }>('/emergency/teams'),
    enabled: action === 'assign' && can('emergency.read'),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const photos = ((v.photos as Photo[] | undefined) ?? []).map((p) => p.fileId);
      const version = hazard.version;
      switch (action) {
        case 'assign':
          return api.post<HazardDetail>(`/hazards/${hazard.id}/assign`, {
            version,
            teamId: v.teamId || undefined,
          });
        case 'repair':
          return api.post<HazardDetail>(`/hazards/${hazard.id}/repair`, { version, note: v.note, photos });
        case 'verify':
          return api.post<HazardDetail>(`/hazards/${hazard.id}/verify`, {
            version,
            passed: v.passed,
            note: v.note,
            photos,
          });
        case 'reinspect':
          return api.post<HazardDetail>(`/hazards/${hazard.id}/reinspect`, {
            version,
            note: v.note,
            grade: v.grade,
            photos,
          });
        case 'edit':
          return api.patch<HazardDetail>(`/hazards/${hazard.id}`, {
            version,
            grade: v.grade,
            responsiblePerson: (v.responsiblePerson as string) || null,
            responsiblePhone: (v.responsiblePhone as string) || null,
          });
      }
    },
    onSuccess: (d) => {
      client.setQueryData(['hazard', hazard.id], d);
      void client.invalidateQueries({ queryKey: ['/hazards'] });
      message.success(t('common:saved'));
      onClose();
    },
    onError: (err) => showProblem(err, form, message),
  });
  const repairTeams = (teams.data?.items ?? []).filter((x) => x.kind === 'repair' && x.active);
  return (
    <Modal
      title={t(`actions.${action}`)}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:confirm')}
      okButtonProps={{ 'data-testid': 'action-ok' } as ButtonProps}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          passed: true,
          photos: [],
          grade: hazard.grade,
          responsiblePerson: hazard.responsiblePerson,
          responsiblePhone: hazard.responsiblePhone,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        {action === 'assign' && (
          <>
            <Typography.Paragraph type="secondary">{t('actions.assignHelp')}</Typography.Paragraph>
            <Form.Item name="teamId" label={t('field.repairTeam')}>
              <Select
                allowClear
                placeholder={t('actions.onDutyTeam')}
                options={repairTeams.map((x) => ({
                  value: x.id,
                  label: `${x.name}${x.onDutyToday ? ` · ${t('actions.onDuty')}` : ''}`,
                  disabled: x.id === hazard.foundByTeam?.id,
                }))}
                data-testid="assign-team"
              />
            </Form.Item>
          </>
        )}
        {action === 'verify' && (
          <Form.Item name="passed" label={t('actions.verifyResult')}>
            <Radio.Group
              options={[
                { value: true, label: t('actions.passed') },
                { value: false, label: t('actions.failed') },
              ]}
              optionType="button"
              data-testid="verify-passed"
            />
          </Form.Item>
        )}
        {(action === 'reinspect' || action === 'edit') && (
          <Form.Item name="grade" label={t('field.grade')}>
            <Select options={hazardGrades.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
          </Form.Item>
        )}
        {action === 'edit' && (
          <>
            <Form.Item name="responsiblePerson" label={t('field.responsiblePerson')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="responsiblePhone" label={t('field.responsiblePhone')}>
              <Input maxLength={20} />
            </Form.Item>
          </>
        )}
        {(action === 'repair' || action === 'verify' || action === 'reinspect') && (
          <>
            <Form.Item
              name="note"
              label={t('actions.note')}
              rules={[{ required: true, message: t('errors:field.required') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} data-testid="action-note" />
            </Form.Item>
            <Form.Item
              name="photos"
              label={t('field.photos')}
              rules={
                action === 'repair'
                  ? [
                      {
                        validator: (_r, v: Photo[]) =>
                          v?.length
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('actions.photoRequired'))),
                      },
                    ]
                  : []
              }
            >
              <PhotoUpload testId="action-photo" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
