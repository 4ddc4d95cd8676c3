import { App, DatePicker, Form, Input, InputNumber, Modal, Rate, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseAction,
  type CaseActionBody,
  type CaseDetail,
  callbackOutcomes,
  caseTransitions,
  enforcementStages,
} from '../../../contracts/cases';
import { urgencies } from '../../../contracts/duties';
import { ProblemError } from '../../api/client';
import { useCaseAction } from './api';
import { CategoryPicker } from './CategoryPicker';
import { Uploader } from './Uploader';

/** Which optional fields each action offers besides the ones its rule requires. */
const optional: Partial<Record<CaseAction, string[]>> = {
  register: ['categoryCode', 'urgency', 'note'],
  dispatch: ['note'],
  accept: ['note'],
  close: ['note'],
  resume: ['note'],
  supervise: ['dueWorkingDays'],
  rate: ['note'],
  callback: ['note'],
  comment: ['attachments'],
  advance_enforcement: ['note'],
};

/**
 * One form for every lifecycle action: the fields come from the shared state table
 * (`caseTransitions[action].requires`), so what the server needs is what the form asks.
 */
export function ActionModal({
  detail,
  action,
  onClose,
}: {
  detail: CaseDetail;
  action: CaseAction;
  onClose: () => void;
}) {
  const { t } = useTranslation('cases');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [fileIds, setFileIds] = useState<number[]>([]);
  const run = useCaseAction(detail.id);
  const fields = new Set<string>([...caseTransitions[action].requires, ...(optional[action] ?? [])]);
  const required = new Set<string>(caseTransitions[action].requires);
  const req = (name: string) =>
    required.has(name) ? [{ required: true, message: t('errors:field.required') }] : [];

  async function submit(values: Record<string, unknown>) {
    const body: CaseActionBody = { version: detail.version };
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null || value === '') continue;
      (body as Record<string, unknown>)[key] = dayjs.isDayjs(value)
        ? (value as Dayjs).format('YYYY-MM-DD')
        : value;
    }
    if (fields.has('attachments') && fileIds.length) {
      body.attachments = fileIds.map((fileId) => ({ fileId, kind: action === 'handle' ? 'after' : 'other' }));
    }
    if (action === 'follow_up') body.relapse = Boolean(values.relapse);
    try {
      await run.mutateAsync({ action, body });
      message.success(t('detail.done', { action: t(`action.${action}`) }));
      onClose();
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      const fieldErrors = Object.entries(err.fieldErrors());
      if (fieldErrors.length)
        form.setFields(
          fieldErrors.map(([name, errors]) => ({ name: name.split('.')[0]!, errors: [errors] })),
        );
      else {
        message.error(err.problem.detail);
        if (err.status === 409) onClose();
      }
    }
  }

  const currentStage = detail.enforcementStage ? enforcementStages.indexOf(detail.enforcementStage) : -1;
  return (
    <Modal
      open
      title={t(`action.${action}`)}
      okText={t('detail.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
      okButtonProps={{ id: 'action-submit' }}
    >
      <Typography.Paragraph type="secondary">{t(`actionHelp.${action}`)}</Typography.Paragraph>
      {action === 'dispatch' && (
        <Typography.Paragraph data-testid="dispatch-routing">
          {t('detail.dispatchTo', {
            lead: detail.routing.lead.name,
            co: detail.routing.coUnits.map((u) => u.name).join(t('common:listSeparator')) || t('common:none'),
          })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {fields.has('categoryCode') && (
          <Form.Item name="categoryCode" label={t('field.category')} initialValue={detail.category.code}>
            <CategoryPicker />
          </Form.Item>
        )}
        {fields.has('urgency') && (
          <Form.Item name="urgency" label={t('field.urgency')} initialValue={detail.urgency}>
            <Select options={urgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
          </Form.Item>
        )}
        {fields.has('reason') && (
          <Form.Item name="reason" label={t('detail.reason')} rules={req('reason')}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="action-reason" />
          </Form.Item>
        )}
        {fields.has('reviewDate') && (
          <Form.Item name="reviewDate" label={t('detail.reviewDate')} rules={req('reviewDate')}>
            <DatePicker
              disabledDate={(d) => d.isBefore(dayjs().add(1, 'day'), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
        {fields.has('intoCaseId') && (
          <Form.Item name="intoCaseId" label={t('detail.mergeInto')} rules={req('intoCaseId')}>
            <Select
              showSearch
              options={detail.possibleDuplicates.map((d) => ({
                value: d.id,
                label: `${d.number} ${d.title}`,
              }))}
              placeholder={t('detail.mergeIntoPlaceholder')}
            />
          </Form.Item>
        )}
        {fields.has('stage') && (
          <Form.Item name="stage" label={t('detail.enforcementStage')} rules={req('stage')}>
            <Select
              options={enforcementStages
                .filter((_s, i) => i > currentStage && i <= enforcementStages.indexOf('handle'))
                .map((s) => ({ value: s, label: t(`enforcementStage.${s}`) }))}
            />
          </Form.Item>
        )}
        {fields.has('relapse') && (
          <Form.Item name="relapse" label={t('detail.relapse')} valuePropName="checked" initialValue={false}>
            <Switch />
          </Form.Item>
        )}
        {fields.has('score') && (
          <Form.Item name="score" label={t('detail.score')} rules={req('score')}>
            <Rate data-testid="action-score" />
          </Form.Item>
        )}
        {fields.has('outcome') && (
          <Form.Item name="outcome" label={t('detail.outcome')} rules={req('outcome')}>
            <Select options={callbackOutcomes.map((o) => ({ value: o, label: t(`callbackOutcome.${o}`) }))} />
          </Form.Item>
        )}
        {fields.has('dueWorkingDays') && (
          <Form.Item name="dueWorkingDays" label={t('detail.dueWorkingDays')}>
            <InputNumber min={1} max={30} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {fields.has('note') && (
          <Form.Item name="note" label={t('detail.note')} rules={req('note')}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-note" />
          </Form.Item>
        )}
        {fields.has('attachments') && (
          <Form.Item
            label={t('detail.evidence')}
            required={required.has('attachments')}
            extra={t('detail.evidenceHint')}
          >
            <Uploader onChange={setFileIds} testId="action-upload" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
