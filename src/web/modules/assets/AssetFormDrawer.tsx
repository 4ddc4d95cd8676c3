import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type AssetDetail, assetKinds, ownerships } from '../../../contracts/assets';
import type { CommunityProfile, OrganizationView } from '../../../contracts/org';
import { api } from '../../api/client';
import { CommunitySelect } from '../../components/CommunitySelect';
import { showProblem } from '../../components/formErrors';

const date = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Registers one asset of a community (or one of its buildings). */
export function AssetFormDrawer({
  open,
  onClose,
  communityId,
}: {
  open: boolean;
  onClose: () => void;
  communityId?: number;
}) {
  const { t } = useTranslation('assets');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const kind = Form.useWatch('kind', form);
  const ownership = Form.useWatch('ownership', form);
  const chosen = Form.useWatch('communityId', form);
  const community = useQuery({
    queryKey: ['community', chosen],
    queryFn: () => api.get<CommunityProfile>(`/communities/${chosen}`),
    enabled: Boolean(chosen),
  });
  const companies = useQuery({
    queryKey: ['organizations', 'maintenance_company'],
    queryFn: () => api.get<OrganizationView[]>('/organizations', { kind: 'maintenance_company' }),
    enabled: kind === 'elevator',
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<AssetDetail>('/assets', {
        ...v,
        installedOn: date(v.installedOn as Dayjs),
        lastMaintenanceOn: date(v.lastMaintenanceOn as Dayjs),
        lastStatutoryInspectionOn: date(v.lastStatutoryInspectionOn as Dayjs),
      }),
    onSuccess: (a) => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['/assets'] });
      onClose();
      navigate(`/assets/${a.id}`);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Drawer
      title={t('create.title')}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          data-testid="asset-save"
        >
          {t('common:save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ communityId, kind: 'fire_hydrant', ownership: 'owners_common', quantity: 1 }}
        onFinish={(v) =>
          save.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))
        }
      >
        <Form.Item name="communityId" label={t('field.community')} rules={required}>
          <CommunitySelect testId="asset-community" />
        </Form.Item>
        <Form.Item name="buildingId" label={t('field.building')}>
          <Select
            allowClear
            options={(community.data?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="kind" label={t('field.kind')} style={{ flex: 1 }}>
            <Select
              options={assetKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              data-testid="asset-kind"
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('field.quantity')}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="code" label={t('field.code')} rules={required} style={{ width: 140 }}>
            <Input maxLength={40} data-testid="asset-code" />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')} rules={required} style={{ flex: 1 }}>
            <Input maxLength={80} data-testid="asset-name" />
          </Form.Item>
        </Flex>
        <Form.Item name="ownership" label={t('field.ownership')} extra={t('create.ownershipHelp')}>
          <Select options={ownerships.map((o) => ({ value: o, label: t(`ownership.${o}`) }))} />
        </Form.Item>
        {ownership === 'utility' && (
          <Form.Item name="maintainerName" label={t('field.maintainerName')}>
            <Input maxLength={80} />
          </Form.Item>
        )}
        {kind === 'elevator' && (
          <>
            <Form.Item name="registrationCode" label={t('field.registrationCode')}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="manufacturer" label={t('field.manufacturer')}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="maintenanceOrgId" label={t('field.maintenanceOrg')}>
              <Select
                allowClear
                options={(companies.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="installedOn" label={t('field.installedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="lastMaintenanceOn" label={t('field.lastMaintenanceOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="lastStatutoryInspectionOn" label={t('field.lastStatutoryInspectionOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('field.note')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
