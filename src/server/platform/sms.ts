import type { Config } from '../config';
import { AppError } from './errors';

export interface SmsResult {
  /** `gateway` when handed to the configured gateway; `demo` when only logged (demo mode, no gateway) */
  via: 'gateway' | 'demo';
}

/**
 * Sends a text message through the configured HTTP gateway (POST {to, text}). In demo mode with
 * no gateway the message is only written to the server log; production without one is an error.
 */
export async function sendSms(config: Config, to: string, text: string): Promise<SmsResult> {
  if (config.SMS_GATEWAY_URL) {
    const res = await fetch(config.SMS_GATEWAY_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.SMS_GATEWAY_TOKEN ? { authorization: `Bearer ${config.SMS_GATEWAY_TOKEN}` } : {}),
      },
      body: JSON.stringify({ to, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new AppError('sms.gateway_failed', 502, { status: res.status });
    return { via: 'gateway' };
  }
  if (config.production) throw new AppError('sms.not_configured', 503);
  console.info(`[sms demo] to ${to.slice(0, 3)}****${to.slice(-4)}: ${text}`);
  return { via: 'demo' };
}
