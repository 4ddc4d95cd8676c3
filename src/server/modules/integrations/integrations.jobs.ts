import type { JobDefinition } from '../../platform/jobs';
import { emailTransport, sendDueMessages, smsTransport } from '../../platform/outbound/outbound';
import { relayCallbacks, webhookTransport } from './integrations.callbacks';

export const integrationsJobs: JobDefinition[] = [
  { name: 'case-events-callbacks', everySeconds: 2, run: (ctx) => relayCallbacks(ctx) },
  {
    name: 'outbound-send',
    everySeconds: 3,
    run: (ctx) =>
      sendDueMessages(ctx, { sms: smsTransport, email: emailTransport, webhook: webhookTransport }),
  },
];
