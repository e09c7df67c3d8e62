import nodemailer from 'nodemailer';
import type { OutboxConfig } from '../../config.ts';

export type Channel = 'sms' | 'email';

/** One message, rendered, to one recipient. `id` is the outbox row: the provider's idempotency key. */
export type OutgoingMessage = { id: string; to: string; template: string; params: Record<string, string>; subject: string; text: string };

/** A delivery channel: resolves when the provider accepted the message, throws otherwise. */
export type Sender = { send: (m: OutgoingMessage) => Promise<void>; close?: () => void };
export type Senders = Record<Channel, Sender | null> & { close: () => void };

const TIMEOUT_MS = 10_000;

/**
 * E-mail over SMTP with nodemailer (docs/decisions/0005). One connection per message: the
 * outbox sends a handful an hour, and a fresh connection never holds a stale socket. The
 * Message-ID carries the outbox id, so a message sent twice after a crash can be recognised.
 */
export const smtpSender = (url: string, from: string): Sender => {
  const transport = nodemailer.createTransport({ url, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: 3 * TIMEOUT_MS });
  return {
    send: async (m) => {
      // base64 keeps Chinese text compact and intact through every relay.
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, textEncoding: 'base64', messageId: `<${m.id}@outbox.fazhi>` });
    },
    close: () => transport.close(),
  };
};

/**
 * SMS through a generic HTTP JSON gateway. Chinese SMS providers (阿里云, 腾讯云, the
 * carriers' own platforms) each want pre-registered templates, signatures and their own
 * signing scheme, so Fazhi speaks one small request and a relay (or a provider that takes
 * JSON) adapts it:
 *
 *   POST $SMS_GATEWAY_URL
 *   Authorization: Bearer $SMS_GATEWAY_TOKEN
 *   Idempotency-Key: <outbox id>
 *   Content-Type: application/json
 *   { "id": "<outbox id>", "to": "13800000000", "template": "case.closed",
 *     "params": { "township": "张八桥镇", "trackingNo": "2025ABCD2345", … },
 *     "text": "【张八桥镇】您的事项（受理编号…）已办结。…" }
 *
 * Any 2xx means accepted; any other status, a network error or no answer within 10 s is a
 * failure that the outbox retries. `text` is the full message for gateways that send free
 * text; `template` and `params` are for those that fill their own registered template.
 */
export const httpSmsSender = (url: string, token: string): Sender => ({
  send: async (m) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}`, 'idempotency-key': m.id },
      body: JSON.stringify({ id: m.id, to: m.to, template: m.template, params: m.params, text: m.text }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`);
  },
});

/** The configured channels; an unset one is null (disabled: its messages wait as pending). */
export const createSenders = (config: OutboxConfig): Senders => {
  const email = config.smtpUrl && config.smtpFrom ? smtpSender(config.smtpUrl, config.smtpFrom) : null;
  const sms = config.smsGatewayUrl && config.smsGatewayToken ? httpSmsSender(config.smsGatewayUrl, config.smsGatewayToken) : null;
  return { email, sms, close: () => { email?.close?.(); sms?.close?.(); } };
};

/** Why a channel's messages wait, for the administrators' outbox list. */
export const disabledReason: Record<Channel, string> = {
  sms: '短信通道未配置：设置 SMS_GATEWAY_URL 和 SMS_GATEWAY_TOKEN 并重启后发送（SMS channel disabled）',
  email: '邮件通道未配置：设置 SMTP_URL 和 SMTP_FROM 并重启后发送（e-mail channel disabled）',
};
