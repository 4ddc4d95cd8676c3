import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

/**
 * A register page that also serves as a section of the community profile. On its own it has its
 * header; in the profile (`embedded`) it has none, and when it holds nothing it shrinks to one line
 * with the create button (shown only when `onCreate` is given).
 */
export function RegisterFrame(props: {
  embedded: boolean;
  empty: boolean;
  title: string;
  subtitle: string;
  emptyText: string;
  createText: string;
  onCreate?: () => void;
  children: ReactNode;
}) {
  if (props.embedded && props.empty)
    return (
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{props.emptyText}</Typography.Text>
        {props.onCreate && (
          <Button size="small" icon={<PlusOutlined />} onClick={props.onCreate}>
            {props.createText}
          </Button>
        )}
      </Flex>
    );
  if (props.embedded) return props.children;
  return (
    <>
      <PageHeader title={props.title} subtitle={props.subtitle} />
      {props.children}
    </>
  );
}
