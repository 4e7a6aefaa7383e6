import mqtt, { type MqttClient } from 'mqtt';
import type { ProductionService } from './production.service.js';
import type { IngestOutcome, ReportItem, ReportsService } from './reports.service.js';

/** Where `MqttIngest` logs rejected messages and failed batches (pino's shape). */
export interface MqttIngestLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Options of `MqttIngest`. */
export interface MqttIngestOptions {
  /** Broker, e.g. `mqtt://127.0.0.1:1883` (the `MQTT_URL` setting). */
  readonly url: string;
  /** First topic level; the subscription is `<prefix>/+/+`. Default `cordones`. */
  readonly prefix?: string;
  /** Messages arriving within this many ms of the first of a batch go into one ingest call. Default 50. */
  readonly batchMs?: number;
  /** A batch is flushed at once when it holds this many items. Default 5,000. */
  readonly maxBatch?: number;
  readonly log?: MqttIngestLog;
}

/** Running totals since construction; one message may carry several reports. */
export interface MqttIngestCounters {
  /** MQTT messages taken from the broker. */
  received: number;
  /** Reports stored. */
  accepted: number;
  /** Reports identical to one already stored (a re-sent message): nothing changed. */
  duplicates: number;
  /** Reports (or whole messages, when unreadable) not kept, each logged with its reason. */
  rejected: number;
  /** Alerts raised by the ingested batches. */
  alertsRaised: number;
}

/** The system actor recorded in the audit log for MQTT reports. */
export const MQTT_REPORTER = Object.freeze({ kind: 'system', name: 'mqtt' } as const);

interface Pending {
  readonly topic: string;
  readonly item: ReportItem;
}

const PERIOD = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Takes production reports from an MQTT broker. Topic `cordones/<workplace>/<indicator>`
 * (workplace and indicator by id or by name, as `ProductionService.resolveIndicator` accepts);
 * payload JSON `{"period":"YYYY-MM-DD","value":123}` or an array of such objects. Reports arriving
 * within `batchMs` go to `ReportsService.ingest` in one call as the system actor `mqtt`, so they are
 * idempotent on (indicator, period) like every other way in. Unreadable payloads, unknown
 * indicators and invalid items are logged with the reason and counted; nothing here throws at the
 * subscriber.
 *
 * @example const ingest = new MqttIngest(production.reports, production.register, { url: 'mqtt://127.0.0.1:1883' });
 * await ingest.start(); … await ingest.stop();
 */
export class MqttIngest {
  /** Totals since construction. */
  readonly counters: MqttIngestCounters = {
    received: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    alertsRaised: 0,
  };
  private client: MqttClient | null = null;
  private started: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly prefix: string;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly log: MqttIngestLog;
  // topic → resolved indicator id; only hits are cached (an indicator never changes workplace)
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly reports: ReportsService,
    private readonly register: ProductionService,
    private readonly options: MqttIngestOptions,
  ) {
    this.prefix = options.prefix ?? 'cordones';
    this.batchMs = options.batchMs ?? 50;
    this.maxBatch = options.maxBatch ?? 5_000;
    this.log = options.log ?? { warn: () => {}, error: () => {} };
  }

  /**
   * Connects and subscribes, again after every reconnection; resolves once the first subscription
   * is granted (a second call is ignored). While the broker is unreachable it keeps retrying every
   * second and logs why, so a server need not wait for it.
   */
  start(): Promise<void> {
    if (this.client) return this.started;
    const client = mqtt.connect(this.options.url, { reconnectPeriod: 1_000, connectTimeout: 5_000 });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (error) => this.log.error({ err: error }, 'MQTT client error'));
    this.started = new Promise<void>((resolve) => {
      client.on('connect', () => {
        // QoS 0 to us: with QoS 1 Mosquitto allows 20 unacknowledged messages and queues 1,000 more
        // per client (its defaults), and drops the rest while a batch holds the event loop —
        // measured: a third of a 5,000-message burst lost. QoS 0 goes straight to the socket.
        client.subscribe(`${this.prefix}/+/+`, { qos: 0 }, (error) => {
          if (error) this.log.error({ err: error }, 'MQTT subscription failed');
          else resolve();
        });
      });
    });
    return this.started;
  }

  /** Disconnects, then ingests what was already received and waits for it. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
    this.flush();
    await this.chain;
  }

  /** Resolves once every message received so far has been ingested. */
  async drain(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.counters.received++;
    const parsed = parsePayload(payload);
    if (typeof parsed === 'string') {
      this.rejectMessage(topic, parsed);
      return;
    }
    const levels = topic.split('/');
    if (levels.length !== 3 || levels[1] === '' || levels[2] === '') {
      this.rejectMessage(topic, 'topic must be <prefix>/<workplace>/<indicator>');
      return;
    }
    for (const p of parsed) this.pending.push({ topic, item: { indicatorId: '', ...p } });
    if (this.pending.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.batchMs);
  }

  private rejectMessage(topic: string, reason: string): void {
    this.counters.rejected++;
    this.log.warn({ topic, reason }, 'MQTT report rejected');
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // batches run one after another so reports of one indicator reach the forecaster in order
    this.chain = this.chain.then(() =>
      this.ingest(batch).catch((error: unknown) => {
        this.counters.rejected += batch.length;
        this.log.error({ err: error, reports: batch.length }, 'MQTT batch failed');
      }),
    );
  }

  private async ingest(batch: Pending[]): Promise<void> {
    const items: ReportItem[] = [];
    const topics: string[] = [];
    for (const { topic, item } of batch) {
      const indicatorId = await this.indicatorOf(topic);
      if (indicatorId.status === 'unknown') {
        this.rejectMessage(topic, indicatorId.reason);
        continue;
      }
      items.push({ ...item, indicatorId: indicatorId.id });
      topics.push(topic);
    }
    if (items.length === 0) return;
    const outcome: IngestOutcome = await this.reports.ingest(MQTT_REPORTER, items);
    this.counters.accepted += outcome.accepted;
    this.counters.duplicates += outcome.duplicates;
    this.counters.alertsRaised += outcome.alertsRaised;
    for (const r of outcome.rejected) {
      this.rejectMessage(topics[r.index] ?? '', `${r.field}: ${r.reason} (${r.code})`);
    }
  }

  private async indicatorOf(
    topic: string,
  ): Promise<{ status: 'found'; id: string } | { status: 'unknown'; reason: string }> {
    const hit = this.resolved.get(topic);
    if (hit) return { status: 'found', id: hit };
    const [, workplace = '', indicator = ''] = topic.split('/');
    const found = await this.register.resolveIndicator(workplace, indicator);
    if (found.status === 'unknown') return found;
    this.resolved.set(topic, found.indicatorId);
    return { status: 'found', id: found.indicatorId };
  }
}

/** The reports of one payload, or why it cannot be read. */
function parsePayload(payload: Buffer): { period: string; value: unknown }[] | string {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'payload is not JSON';
  }
  const list = Array.isArray(json) ? json : [json];
  if (list.length === 0) return 'payload is an empty array';
  const out: { period: string; value: unknown }[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return 'payload must be {"period":"YYYY-MM-DD","value":<whole number>} or an array of them';
    const { period, value } = entry as Record<string, unknown>;
    if (typeof period !== 'string' || !PERIOD.test(period)) return 'period must be a YYYY-MM-DD string';
    if (typeof value !== 'number') return 'value must be a number';
    out.push({ period, value });
  }
  return out;
}
