// Queue depths in the Prometheus text format, for GET /metrics.
import type { QueueCounts } from './queue-types.js';

export function renderQueueMetrics(counts: QueueCounts, prefix = 'troly1022'): string {
  const lines = [
    `# HELP ${prefix}_channel_inbox_events Inbound platform events by status.`,
    `# TYPE ${prefix}_channel_inbox_events gauge`,
    ...Object.entries(counts.inbox).map(([s, n]) => `${prefix}_channel_inbox_events{status="${s}"} ${n}`),
    `# HELP ${prefix}_channel_outbox_messages Outbound messages by status (dead = needs staff attention).`,
    `# TYPE ${prefix}_channel_outbox_messages gauge`,
    ...Object.entries(counts.outbox).map(([s, n]) => `${prefix}_channel_outbox_messages{status="${s}"} ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
