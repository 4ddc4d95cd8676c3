import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Statistic,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type CalendarDay,
  type calendarYear,
  dayKinds,
  type deadlineAnswer,
  festivals,
} from '../../../contracts/calendar';
import { api, ProblemError } from '../../api/client';
import { formatDateTime, pickerToInstant, shanghaiNowForPicker } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

type Year = z.infer<typeof calendarYear>;
type Deadline = z.infer<typeof deadlineAnswer>;

const colors = { holiday: '#fff1f0', makeup: '#e6f4ff', weekend: '#fafafa' };
const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

function Month({
  year,
  month,
  days,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  onPick?: (date: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const first = dayjs(new Date(year, month, 1));
  const offset = (first.day() + 6) % 7; // Monday first
  const blanks = Array.from({ length: offset }, (_, n) => `blank-${n}`);
  const dates = Array.from({ length: first.daysInMonth() }, (_, n) => first.add(n, 'day'));
  return (
    <Card size="small" title={t('month', { month: month + 1 })}>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, 1fr)',
          gap: 2,
          fontSize: 12,
          textAlign: 'center',
        }}
      >
        {(t('weekdays', { returnObjects: true }) as string[]).map((w) => (
          <Typography.Text key={w} type="secondary" style={{ fontSize: 11 }}>
            {w}
          </Typography.Text>
        ))}
        {blanks.map((key) => (
          <span key={key} />
        ))}
        {dates.map((d) => {
          const date = d.format('YYYY-MM-DD');
          const special = days.get(date);
          const weekend = d.day() === 0 || d.day() === 6;
          const background = special ? colors[special.kind] : weekend ? colors.weekend : undefined;
          const label = special
            ? `${t(`cases:festival.${special.festival}`)} · ${t(`cases:dayKind.${special.kind}`)}`
            : undefined;
          return (
            <Tooltip key={date} title={label}>
              <button
                type="button"
                data-testid={`day-${date}`}
                onClick={() => onPick?.(date)}
                style={{
                  border: special
                    ? `1px solid ${special.kind === 'holiday' ? '#ffa39e' : '#91caff'}`
                    : '1px solid transparent',
                  background,
                  borderRadius: 4,
                  padding: '3px 0',
                  cursor: onPick ? 'pointer' : 'default',
                  color:
                    special?.kind === 'holiday'
                      ? '#cf1322'
                      : special?.kind === 'makeup'
                        ? '#0958d9'
                        : weekend
                          ? '#8c8c8c'
                          : undefined,
                  fontWeight: special ? 600 : 400,
                }}
              >
                {d.date()}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}

/** The working-day calendar (holidays and make-up workdays) that every working-day limit counts on. */
export default function CalendarPage() {
  const { t } = useTranslation('calendar');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm();
  const data = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<Year>('/calendar/days', { year }),
  });
  const days = new Map((data.data?.days ?? []).map((d) => [d.date, d]));
  const refresh = () => client.invalidateQueries({ queryKey: ['calendar'] });
  const fail = (err: unknown) =>
    message.error(err instanceof ProblemError ? err.problem.detail : String(err));
  const putDay = useMutation({
    mutationFn: (v: { kind: string; festival: string; note?: string }) =>
      v.kind === 'normal'
        ? api.delete(`/calendar/days/${editing}`)
        : api.put(`/calendar/days/${editing}`, { kind: v.kind, festival: v.festival, note: v.note || null }),
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
    onError: fail,
  });
  const hours = useMutation({
    mutationFn: (v: { range: [Dayjs, Dayjs] }) =>
      api.put('/calendar/working-hours', {
        workStart: v.range[0].format('HH:mm'),
        workEnd: v.range[1].format('HH:mm'),
      }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void refresh();
    },
    onError: fail,
  });
  const [calc, setCalc] = useState<Deadline | null>(null);
  const compute = useMutation({
    mutationFn: (v: { from: Dayjs; amount: number; unit: string }) =>
      api.get<Deadline>('/calendar/deadline', {
        from: pickerToInstant(v.from),
        [v.unit]: v.amount,
      }),
    onSuccess: setCalc,
    onError: fail,
  });
  const edit = data.data?.abilities.edit ?? false;

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Flex gap={8} align="center">
            <Button onClick={() => setYear(year - 1)}>{year - 1}</Button>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="calendar-year">
              {year}
            </Typography.Text>
            <Button onClick={() => setYear(year + 1)}>{year + 1}</Button>
          </Flex>
        }
      />
      <QueryState loading={data.isLoading} error={data.error}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17}>
            <Row gutter={[12, 12]}>
              {MONTHS.map((m) => (
                <Col key={m} xs={24} sm={12} lg={8}>
                  <Month
                    year={year}
                    month={m}
                    days={days}
                    onPick={
                      edit
                        ? (date) => {
                            const d = days.get(date);
                            form.setFieldsValue({
                              kind: d?.kind ?? 'normal',
                              festival: d?.festival ?? 'other',
                              note: d?.note ?? '',
                            });
                            setEditing(date);
                          }
                        : undefined
                    }
                  />
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={24} xl={7}>
            <Flex vertical gap={16}>
              <Card>
                <Statistic title={t('workingDays', { year })} value={data.data?.workingDays ?? 0} />
                <Flex gap={8} wrap style={{ marginTop: 12 }}>
                  <Tag color="red">{t('legendHoliday')}</Tag>
                  <Tag color="blue">{t('legendMakeup')}</Tag>
                  <Tag>{t('legendWeekend')}</Tag>
                </Flex>
              </Card>
              <Card title={t('workingHours')}>
                {data.data && (
                  <Form
                    layout="inline"
                    initialValues={{
                      range: [dayjs(data.data.workStart, 'HH:mm'), dayjs(data.data.workEnd, 'HH:mm')],
                    }}
                    onFinish={(v) => hours.mutate(v)}
                  >
                    <Form.Item name="range">
                      <TimePicker.RangePicker format="HH:mm" minuteStep={15} disabled={!edit} />
                    </Form.Item>
                    {edit && (
                      <Button htmlType="submit" loading={hours.isPending}>
                        {t('common:save')}
                      </Button>
                    )}
                  </Form>
                )}
              </Card>
              <Card title={t('calculator')} data-testid="deadline-calculator">
                <Form
                  layout="vertical"
                  initialValues={{ from: shanghaiNowForPicker(), amount: 3, unit: 'workingDays' }}
                  onFinish={(v) => compute.mutate(v)}
                >
                  <Form.Item name="from" label={t('from')}>
                    <DatePicker showTime style={{ width: '100%' }} />
                  </Form.Item>
                  <Flex gap={8}>
                    <Form.Item name="amount" label={t('amount')}>
                      <InputNumber min={0} max={3650} />
                    </Form.Item>
                    <Form.Item name="unit" label={t('unit')} style={{ flex: 1 }}>
                      <Select
                        options={[
                          { value: 'workingDays', label: t('cases:limitUnit.working_days') },
                          { value: 'workingHours', label: t('cases:limitUnit.working_hours') },
                          { value: 'clockHours', label: t('cases:limitUnit.clock_hours') },
                        ]}
                      />
                    </Form.Item>
                  </Flex>
                  <Button htmlType="submit" loading={compute.isPending} data-testid="calc-submit">
                    {t('compute')}
                  </Button>
                </Form>
                {calc && (
                  <Typography.Paragraph style={{ marginTop: 12 }} data-testid="calc-result">
                    {t('result', { deadline: formatDateTime(calc.deadline), skipped: calc.daysOff.length })}
                  </Typography.Paragraph>
                )}
              </Card>
            </Flex>
          </Col>
        </Row>
      </QueryState>
      <Modal
        open={editing !== null}
        title={t('editDay', { date: editing ?? '' })}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={putDay.isPending}
        destroyOnHidden={false}
      >
        <Typography.Paragraph type="secondary">{t('editHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => putDay.mutate(v)}>
          <Form.Item name="kind" label={t('kind')}>
            <Select
              options={[
                { value: 'normal', label: t('normal') },
                ...dayKinds.map((k) => ({ value: k, label: t(`cases:dayKind.${k}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="festival" label={t('festival')}>
            <Select options={festivals.map((f) => ({ value: f, label: t(`cases:festival.${f}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
