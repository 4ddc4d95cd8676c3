import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { CaseIntake } from '../../../contracts/cases';
import { discoveryChannels, type routingPreview, urgencies } from '../../../contracts/duties';
import type { CommunitySummary } from '../../../contracts/org';
import { api, ProblemError } from '../../api/client';
import { useSession } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { type IntakeAnswer, reportCase, useCategories } from './api';
import { CategoryPicker } from './CategoryPicker';
import { Uploader } from './Uploader';

/** Staff report a problem: the responsibility list shows who will handle it and by when, before saving. */
export default function CaseNewPage() {
  const { t, i18n } = useTranslation('cases');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const [fileIds, setFileIds] = useState<number[]>([]);
  const [created, setCreated] = useState<IntakeAnswer | null>(null);
  // one key per form: a retried submit (double click, lost answer) never makes a second case
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const communityId = Form.useWatch('communityId', form) as number | undefined;
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const { data: session } = useSession();
  // residents always report through the resident channel; staff may name where they found it
  const residentOnly = Boolean(session?.roles.every((r) => r.role === 'resident'));
  const urgency = Form.useWatch('urgency', form) as string | undefined;

  const communities = useQuery({
    queryKey: ['communities', 'all-for-select'],
    queryFn: () => api.get<{ items: CommunitySummary[] }>('/communities', { limit: 200 }),
    staleTime: 600_000,
  });
  const categories = useCategories();
  const chosen = categories.data?.items.flatMap((g) => g.children).find((c) => c.code === categoryCode);
  const preview = useQuery({
    queryKey: ['routing-preview', communityId, categoryCode, urgency],
    enabled: Boolean(communityId && categoryCode?.includes('.')),
    queryFn: () =>
      api.post<z.infer<typeof routingPreview>>('/duty-rules/preview', { communityId, categoryCode, urgency }),
  });

  const submit = useMutation({
    mutationFn: (values: CaseIntake) =>
      reportCase(
        { ...values, attachments: fileIds.map((fileId) => ({ fileId, kind: 'before' as const })) },
        idempotencyKey,
      ),
    onSuccess: setCreated,
    onError: (err) => {
      if (!(err instanceof ProblemError)) return;
      const fields = Object.entries(err.fieldErrors());
      if (fields.length)
        form.setFields(fields.map(([name, msg]) => ({ name: name.split('.')[0]!, errors: [msg] })));
      else message.error(err.problem.detail);
    },
  });

  if (created) {
    return (
      <Result
        status="success"
        title={t('new.created', { number: created.number })}
        subTitle={t('new.routedTo', {
          lead: created.routing.lead.name,
          due: formatDateTime(created.stageDueAt),
        })}
        extra={[
          <Button
            type="primary"
            key="open"
            onClick={() => navigate(`/cases/${created.id}`)}
            data-testid="open-created"
          >
            {t('new.open')}
          </Button>,
          <Button key="list" onClick={() => navigate('/cases')}>
            {t('new.backToList')}
          </Button>,
        ]}
      >
        {created.possibleDuplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('new.duplicates')}
            description={created.possibleDuplicates
              .map((d) => `${d.number} ${d.title}`)
              .join(t('common:listSeparator'))}
          />
        )}
      </Result>
    );
  }

  return (
    <>
      <PageHeader title={t('new.title')} subtitle={t('new.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card>
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{
                urgency: 'normal',
                communityId: params.get('communityId') ? Number(params.get('communityId')) : undefined,
              }}
              onFinish={(values) => submit.mutate(values)}
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="communityId"
                    label={t('field.community')}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      loading={communities.isLoading}
                      options={(communities.data?.items ?? []).map((c) => ({
                        value: c.id,
                        label: `${c.name} · ${c.street.name}`,
                      }))}
                      data-testid="new-community"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="categoryCode"
                    label={t('field.category')}
                    rules={[{ required: true, message: t('errors:field.required') }]}
                  >
                    <CategoryPicker testId="new-category" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="urgency" label={t('field.urgency')}>
                    <Select options={urgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
                  </Form.Item>
                </Col>
                {!residentOnly && (
                  <Col xs={12} md={6}>
                    <Form.Item name="channel" label={t('detail.channel')}>
                      <Select
                        allowClear
                        placeholder={t('new.channelAuto')}
                        options={discoveryChannels
                          .filter((c) => c !== 'open311')
                          .map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                      />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} md={12}>
                  <Form.Item name="address" label={t('detail.address')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="title"
                label={t('field.title')}
                rules={[{ required: true, min: 2, message: t('errors:field.required') }]}
              >
                <Input maxLength={100} data-testid="new-title" />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('detail.description')}
                rules={[{ required: true, min: 2, message: t('errors:field.required') }]}
              >
                <Input.TextArea rows={4} maxLength={2000} showCount data-testid="new-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="reporterName" label={t('new.reporterName')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="reporterPhone" label={t('new.reporterPhone')}>
                    <Input maxLength={16} inputMode="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('detail.evidence')} extra={t('detail.evidenceHint')}>
                <Uploader onChange={setFileIds} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="new-submit">
                {t('new.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('new.preview')} data-testid="routing-preview">
            {!preview.data && <Typography.Text type="secondary">{t('new.previewHint')}</Typography.Text>}
            {preview.data && (
              <Flex vertical gap={8}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('field.lead')}>{preview.data.lead.name}</Descriptions.Item>
                  <Descriptions.Item label={t('detail.coUnits')}>
                    {preview.data.coUnits.map((u) => u.name).join(t('common:listSeparator')) ||
                      t('common:none')}
                  </Descriptions.Item>
                  {(['register', 'dispatch', 'handle', 'verify'] as const).map((s) => (
                    <Descriptions.Item key={s} label={t(`stage.${s}`)}>
                      {formatDateTime(preview.data.deadlines[s])}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                <Typography.Text type="secondary">
                  {t('new.ruleVersion', {
                    key: chosen ? (i18n.language === 'en-US' ? chosen.nameEn : chosen.name) : '',
                    version: preview.data.rule.version ?? '',
                  })}
                </Typography.Text>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
