import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Select, Switch, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MAX_FILE_BYTES } from '../../../contracts/files';
import { api, ProblemError } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useCategoryTree, useResidentHome } from './api';

interface Values {
  categoryCode: string;
  communityId: number;
  buildingId?: number;
  description: string;
  urgent?: boolean;
}

const MAX_PHOTOS = 6;

/** Report a problem: a resident reports a problem at home or in the community, with photos and (optionally) where they are. */
export default function ReportPage() {
  const { t, i18n } = useTranslation('resident');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const home = useResidentHome();
  const categories = useCategoryTree();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [location, setLocation] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const en = i18n.language === 'en-US';
  const communityId = Form.useWatch('communityId', form);
  const places = home.data?.places ?? [];
  const place = places.find((p) => p.communityId === communityId) ?? places[0];

  const categoryOptions = useMemo(
    () =>
      (categories.data?.items ?? [])
        .filter((g) => g.active && g.children.some((c) => c.active))
        .map((g) => ({
          label: en ? g.nameEn : g.name,
          title: en ? g.nameEn : g.name,
          options: g.children
            .filter((c) => c.active)
            .map((c) => ({ value: c.code, label: en ? c.nameEn : c.name })),
        })),
    [categories.data, en],
  );

  function toggleLocation(on: boolean) {
    if (!on) {
      setLocation(null);
      setLocating('idle');
      return;
    }
    if (!navigator.geolocation) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocation({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  }

  async function upload(file: File): Promise<number> {
    const body = new FormData();
    body.append('file', file);
    return (await api.post<{ fileId: number }>('/files', body)).fileId;
  }

  async function submit(values: Values) {
    setBusy(true);
    try {
      const building = place?.buildings.find((b) => b.id === values.buildingId);
      const atHome = place?.unit && building && building.id === place.unit.buildingId;
      const firstLine = values.description.trim().split('\n')[0]!.trim();
      const category = categoryOptions.flatMap((g) => g.options).find((o) => o.value === values.categoryCode);
      const title = firstLine.length >= 2 ? firstLine.slice(0, 30) : (category?.label ?? firstLine);
      const answer = await api.post<{ id: number; number: string }>(
        '/cases',
        {
          categoryCode: values.categoryCode,
          communityId: values.communityId,
          title,
          description: values.description.trim(),
          address: building ? `${building.name}${atHome ? ` ${place!.unit!.number}` : ''}` : undefined,
          unitId: atHome ? place!.unit!.id : undefined,
          location: location ?? undefined,
          urgency: values.urgent ? 'urgent' : undefined,
          attachments: photos
            .filter((p) => p.status === 'done' && typeof p.response === 'number')
            .map((p) => ({ fileId: p.response as number, kind: 'before' })),
        },
        { 'idempotency-key': idempotencyKey },
      );
      message.success(t('report.submitted', { number: answer.number }));
      navigate(`/m/reports/${answer.id}`, { replace: true });
    } catch (err) {
      if (err instanceof ProblemError) {
        const fields = err.fieldErrors();
        if (Object.keys(fields).length)
          form.setFields(
            Object.entries(fields).map(([name, msg]) => ({
              name: (name === 'title' ? 'description' : name) as keyof Values,
              errors: [msg],
            })),
          );
        else message.error(err.problem.detail);
      } else message.error(String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('report.title')}
      </Typography.Title>
      <QueryState loading={home.isLoading || categories.isLoading} error={home.error ?? categories.error}>
        {places.length === 0 ? (
          <Alert type="info" showIcon title={t('report.noHome')} />
        ) : (
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            initialValues={{
              communityId: places[0]!.communityId,
              buildingId: places[0]!.unit?.buildingId,
            }}
          >
            <Form.Item name="categoryCode" label={t('report.category')} rules={[{ required: true }]}>
              <Select
                size="large"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('report.categoryPlaceholder')}
                options={categoryOptions}
                data-testid="m-report-category"
              />
            </Form.Item>
            <Form.Item label={t('report.place')} style={{ marginBottom: 8 }}>
              <Flex vertical gap={8}>
                <Form.Item name="communityId" noStyle>
                  <Select
                    size="large"
                    options={places.map((p) => ({ value: p.communityId, label: p.communityName }))}
                    onChange={(id: number) =>
                      form.setFieldValue(
                        'buildingId',
                        places.find((p) => p.communityId === id)?.unit?.buildingId ?? undefined,
                      )
                    }
                    data-testid="m-report-community"
                  />
                </Form.Item>
                <Form.Item name="buildingId" noStyle>
                  <Select
                    size="large"
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('report.buildingPlaceholder')}
                    options={(place?.buildings ?? []).map((b) => ({
                      value: b.id,
                      label:
                        place?.unit?.buildingId === b.id
                          ? `${b.name} · ${t('report.myHome', { unit: place.unit.number })}`
                          : b.name,
                    }))}
                    data-testid="m-report-building"
                  />
                </Form.Item>
                <Flex align="center" gap={8}>
                  <Switch
                    checked={location !== null || locating === 'busy'}
                    loading={locating === 'busy'}
                    onChange={toggleLocation}
                    data-testid="m-report-location"
                  />
                  <Typography.Text type={locating === 'failed' ? 'warning' : undefined}>
                    <AimOutlined />{' '}
                    {locating === 'busy'
                      ? t('report.locating')
                      : locating === 'failed'
                        ? t('report.locationFailed')
                        : location
                          ? t('report.located')
                          : t('report.location')}
                  </Typography.Text>
                </Flex>
              </Flex>
            </Form.Item>
            <Form.Item
              name="description"
              label={t('report.description')}
              rules={[{ required: true, min: 2, max: 2000, whitespace: true }]}
            >
              <Input.TextArea
                rows={4}
                showCount
                maxLength={2000}
                placeholder={t('report.descriptionPlaceholder')}
                data-testid="m-report-description"
              />
            </Form.Item>
            <Form.Item label={t('report.photos')} extra={t('report.photoHint')}>
              <div data-testid="m-report-photos">
                <Upload
                  listType="picture-card"
                  accept="image/jpeg,image/png,image/webp"
                  fileList={photos}
                  maxCount={MAX_PHOTOS}
                  // a refused photo keeps its place, marked, with the server's reason as its tooltip
                  onChange={({ fileList }) =>
                    setPhotos(
                      fileList.map((f) => (f.status === 'error' ? { ...f, response: f.error?.message } : f)),
                    )
                  }
                  customRequest={({ file, onSuccess, onError }) => {
                    // a photo over the limit is refused here, before it costs the phone's data
                    if ((file as File).size > MAX_FILE_BYTES) {
                      onError?.(new Error(t('errors:file.too_large', { limit: '10 MB' })));
                      return;
                    }
                    upload(file as File)
                      .then((id) => onSuccess?.(id))
                      .catch((err: unknown) => {
                        // the field's own reason ("not an image") says more than the problem's summary
                        const reason =
                          err instanceof ProblemError
                            ? (Object.values(err.fieldErrors())[0] ?? err.problem.detail)
                            : String(err);
                        onError?.(new Error(reason));
                      });
                  }}
                >
                  {photos.length < MAX_PHOTOS && (
                    <Flex vertical align="center" gap={4}>
                      <PlusOutlined />
                      <span>{t('report.addPhoto')}</span>
                    </Flex>
                  )}
                </Upload>
                {photos
                  .filter((p) => p.status === 'error')
                  .map((p) => (
                    <Typography.Text
                      key={p.uid}
                      type="danger"
                      style={{ display: 'block' }}
                      data-testid="m-photo-error"
                    >
                      {t('report.photoRefused', { name: p.name, reason: p.error?.message ?? '' })}
                    </Typography.Text>
                  ))}
              </div>
            </Form.Item>
            <Form.Item name="urgent" valuePropName="checked">
              <Checkbox data-testid="m-report-urgent">{t('report.urgent')}</Checkbox>
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={busy}
              disabled={photos.some((p) => p.status === 'uploading')}
              data-testid="m-report-submit"
            >
              {t('report.submit')}
            </Button>
          </Form>
        )}
      </QueryState>
    </Flex>
  );
}
