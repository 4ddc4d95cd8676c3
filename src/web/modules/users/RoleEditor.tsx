import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommunitySummary, DepartmentView, OrganizationView } from '../../../contracts/org';
import { type Role, roles } from '../../../contracts/roles';
import { api } from '../../api/client';
import { usePlaces } from '../org/api';

/** Which place a role needs, as the field name of the assignment. */
export const placeFieldOf: Partial<
  Record<Role, 'streetId' | 'committeeId' | 'communityId' | 'departmentId' | 'organizationId'>
> = {
  department: 'departmentId',
  street: 'streetId',
  committee: 'committeeId',
  property: 'organizationId',
  owners_committee: 'communityId',
  resident: 'communityId',
  mediator: 'streetId',
  inspector: 'streetId',
  emergency: 'streetId',
};
const optional = new Set<Role>(['mediator', 'inspector', 'emergency']);

function useLookups() {
  const places = usePlaces();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<DepartmentView[]>('/departments'),
    staleTime: 600_000,
  });
  const companies = useQuery({
    queryKey: ['organizations', 'property_company'],
    queryFn: () => api.get<OrganizationView[]>('/organizations', { kind: 'property_company' }),
    staleTime: 600_000,
  });
  const communities = useQuery({
    queryKey: ['communities', 'all-for-select'],
    queryFn: () => api.get<{ items: CommunitySummary[] }>('/communities', { limit: 200 }),
    staleTime: 600_000,
  });
  return {
    places: places.data,
    departments: departments.data ?? [],
    companies: companies.data ?? [],
    communities: communities.data?.items ?? [],
  };
}

/** Form.List of role assignments: a role and, where it needs one, its place. */
export function RoleEditor() {
  const { t } = useTranslation('users');
  const form = Form.useFormInstance();
  const lookups = useLookups();
  const streets = lookups.places?.streets ?? [];
  const optionsFor = (field: string) => {
    switch (field) {
      case 'streetId':
        return streets.map((s) => ({ value: s.id, label: s.name }));
      case 'committeeId':
        return streets.flatMap((s) =>
          s.committees.map((c) => ({ value: c.id, label: `${s.name} · ${c.name}` })),
        );
      case 'communityId':
        return lookups.communities.map((c) => ({ value: c.id, label: `${c.street.name} · ${c.name}` }));
      case 'departmentId':
        return lookups.departments.map((d) => ({ value: d.id, label: d.name }));
      case 'organizationId':
        return lookups.companies.map((o) => ({ value: o.id, label: o.name }));
      default:
        return [];
    }
  };
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <Form.Item key={field.key} noStyle shouldUpdate>
              {() => {
                const role = form.getFieldValue(['roles', field.name, 'role']) as Role | undefined;
                const placeField = role ? placeFieldOf[role] : undefined;
                return (
                  <Flex gap={8} align="flex-start">
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: t('errors:field.required') }]}
                      style={{ width: 170, marginBottom: 0 }}
                    >
                      <Select
                        placeholder={t('role')}
                        options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                        onChange={(value) => form.setFieldValue(['roles', field.name], { role: value })}
                        data-testid="role-select"
                      />
                    </Form.Item>
                    {placeField && (
                      <Form.Item
                        name={[field.name, placeField]}
                        rules={[
                          { required: !optional.has(role!), message: t('errors:field.place_required') },
                        ]}
                        style={{ flex: 1, marginBottom: 0 }}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          allowClear
                          placeholder={t(`place.${placeField}`)}
                          options={optionsFor(placeField)}
                          data-testid="place-select"
                        />
                      </Form.Item>
                    )}
                    {fields.length > 1 && (
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('removeRole')}
                      />
                    )}
                  </Flex>
                );
              }}
            </Form.Item>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('addRole')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
