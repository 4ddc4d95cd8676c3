import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategories } from './api';

/** Two-level category picker (group → problem) from the seeded taxonomy; the value is the leaf code. */
export function CategoryPicker({
  value,
  onChange,
  placeholder,
  allowGroups = false,
  testId,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  /** list filters may pick a whole group */
  allowGroups?: boolean;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { data } = useCategories();
  const options = (data?.items ?? [])
    .filter((g) => g.active)
    .map((g) => ({
      value: g.code,
      label: en ? g.nameEn : g.name,
      children: g.children
        .filter((c) => c.active)
        .map((c) => ({ value: c.code, label: en ? c.nameEn : c.name })),
    }));
  const parent = value?.includes('.') ? value.split('.')[0] : value;
  const path = value ? (value.includes('.') ? [parent!, value] : [value]) : undefined;
  return (
    <Cascader
      options={options}
      value={path}
      changeOnSelect={allowGroups}
      showSearch={{
        filter: (input, path) =>
          path.some((o) => String(o.label).toLowerCase().includes(input.toLowerCase())),
      }}
      placeholder={placeholder}
      onChange={(v) => onChange?.(v ? (v[v.length - 1] as string) : undefined)}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
