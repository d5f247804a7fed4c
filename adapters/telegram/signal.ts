// telegraf's typings want the AbortSignal of the old `abort-controller` package; at runtime
// node-fetch 2.7 accepts Node's native AbortSignal (checked here against telegraf 4.16.3).
import type { Telegram } from 'telegraf';

export type CallOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

export function withSignal(signal: AbortSignal): CallOptions {
  return { signal } as unknown as CallOptions;
}
