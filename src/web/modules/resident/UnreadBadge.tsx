import { Badge } from 'antd';
import type { ReactNode } from 'react';
import { useNotificationStream, useUnreadCount } from './api';

/** The messages tab's icon with the unread count, kept live over server-sent events. */
export function UnreadBadge({ children }: { children: ReactNode }) {
  useNotificationStream();
  const { data } = useUnreadCount();
  return (
    <Badge count={data ?? 0} size="small" offset={[4, 0]} data-testid="m-unread">
      {children}
    </Badge>
  );
}
