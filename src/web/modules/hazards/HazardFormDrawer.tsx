import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type HazardDetail, hazardGrades } from '../../../contracts/hazards';
import { api } from '../../api/client';
import { CommunitySelect } from '../../components/CommunitySelect';
import { showProblem } from '../../components/formErrors';
import { type Photo, PhotoUpload } from '../inspections/PhotoUpload';
import { useCategories } from '../inspections/PlansTab';

/** Registers a hazard found outside an inspection round, optionally filing its case. */
export function HazardFormDrawer({
  open,
  onClose,
  communityId,
}: {
  open: boolean;
  onClose: () => void;
  communityId?: number;
}) {
  const { t, i18n } = useTranslation('hazards');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const categories = useCategories();
  const en = i18n.language === 'en-US';
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<HazardDetail>('/hazards', {
        communityId: v.communityId,
        categoryCode: v.categoryCode,
        grade: v.grade,
        title: v.title,
        description: v.description,
        responsiblePerson: (v.responsiblePerson as string | undefined) || undefined,
        photos: ((v.photos as Photo[] | undefined) ?? []).map((p) => p.fileId),
        fileCase: Boolean(v.fileCase),
      }),
    onSuccess: (h) => {
      message.success(t('create.done', { number: h.number }));
      void client.invalidateQueries({ queryKey: ['/hazards'] });
      onClose();
      navigate(`/hazards/${h.id}`);
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
          data-testid="hazard-save"
        >
          {t('common:save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ grade: 'general', communityId, photos: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="communityId" label={t('field.community')} rules={required}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('field.category')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(categories.data?.items ?? []).map((top) => ({
              label: en ? top.nameEn : top.name,
              options: top.children.map((c) => ({ value: c.code, label: en ? c.nameEn : c.name })),
            }))}
          />
        </Form.Item>
        <Form.Item name="grade" label={t('field.grade')}>
          <Select options={hazardGrades.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('field.responsiblePerson')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="photos" label={t('field.photos')}>
          <PhotoUpload />
        </Form.Item>
        <Form.Item
          name="fileCase"
          label={t('create.fileCase')}
          valuePropName="checked"
          extra={t('create.fileCaseHelp')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
