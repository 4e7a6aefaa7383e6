import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
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
  /**
   * Client id of the persistent session (the `MQTT_CLIENT_ID` setting). The broker keeps the
   * subscription and queues QoS 1 messages under this id while the server is down; two servers
   * with one id take the session from each other. Default `cordones`.
   */
  readonly clientId?: string;
  /** How long the broker keeps the session (and queues for it) after a disconnection. Default 7 days. */
  readonly sessionExpirySeconds?: number;
  /** First topic level; the subscription is `<prefix>/+/+`. Default `cordones`. */
  readonly prefix?: string;
  /** Messages arriving within this many ms of the first of a batch go into one ingest call. Default 50. */
  readonly batchMs?: number;
  /** A batch is flushed at once when it holds this many items. Default 2,000. */
  readonly maxBatch?: number;
  /**
   * Most messages received and not yet acknowledged (MQTT 5 Receive Maximum): the broker sends no
   * more until earlier ones are stored, and queues the rest. Default 20,000 — a burst of that many
   * is held here (a few MB) while batches commit, where Mosquitto would queue only 1,000 more.
   */
  readonly maxInFlight?: number;
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
  /** Batches that failed (database unreachable…): not acknowledged, so the broker sends them again. */
  failedBatches: number;
}

/** The system actor recorded in the audit log for MQTT reports. */
export const MQTT_REPORTER = Object.freeze({ kind: 'system', name: 'mqtt' } as const);

interface Pending {
  readonly topic: string;
  readonly item: ReportItem;
}

/** A received QoS 1 message whose acknowledgement waits for its reports to be committed. */
interface Unacked {
  /** The connection it came on: a packet id means nothing on a later connection. */
  readonly connection: number;
  readonly messageId: number;
}

// Given to MQTT.js's handleMessage callback to take the PUBACK over: with an error MQTT.js goes on
// to the next packet without acknowledging (mqtt 5.x, handlers/publish.js); `ack` sends it later.
const ACK_AFTER_COMMIT = new Error('acknowledged after commit');
const SESSION_EXPIRY_SECONDS = 7 * 24 * 3600;

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
 * Delivery is at least once, stored exactly once: an MQTT 5 persistent session (fixed client id,
 * clean start off, session expiry) subscribed with QoS 1, so the broker queues what is published
 * while the server is down; each message is acknowledged only after the batch holding it has
 * committed (or its items were rejected for good), so a crash redelivers instead of losing, and
 * the redelivered reports are duplicates. At most `maxInFlight` messages are unacknowledged: while
 * a batch runs the broker holds the rest (Mosquitto queues `max_queued_messages` per session, 1,000
 * by default, and drops beyond — raise it for long outages).
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
    failedBatches: 0,
  };
  private client: MqttClient | null = null;
  private started: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  // acknowledgements owed for the messages in `pending`, sent once their batch is done
  private pendingAcks: Unacked[] = [];
  private connection = 0;
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
    this.maxBatch = options.maxBatch ?? 2_000;
    this.log = options.log ?? { warn: () => {}, error: () => {} };
  }

  /**
   * Connects and subscribes, again after every reconnection; resolves once the first subscription
   * is granted (a second call is ignored). While the broker is unreachable it keeps retrying every
   * second and logs why, so a server need not wait for it.
   */
  start(): Promise<void> {
    if (this.client) return this.started;
    const client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId ?? 'cordones',
      clean: false,
      protocolVersion: 5,
      properties: {
        sessionExpiryInterval: this.options.sessionExpirySeconds ?? SESSION_EXPIRY_SECONDS,
        receiveMaximum: this.options.maxInFlight ?? 20_000,
      },
      reconnectPeriod: 1_000,
      connectTimeout: 5_000,
    });
    this.client = client;
    client.handleMessage = (packet, callback) => {
      const owed = packet.qos > 0 && packet.messageId !== undefined;
      if (owed) this.pendingAcks.push({ connection: this.connection, messageId: packet.messageId! });
      this.onMessage(packet);
      callback(owed ? (ACK_AFTER_COMMIT as never) : undefined);
    };
    client.on('error', (error) => this.log.error({ err: error }, 'MQTT client error'));
    this.started = new Promise<void>((resolve) => {
      client.on('connect', () => {
        // messages of the last connection not yet acknowledged come again on this one
        this.connection++;
        // subscribing again with a session present only confirms it
        client.subscribe(`${this.prefix}/+/+`, { qos: 1 }, (error) => {
          if (error) this.log.error({ err: error }, 'MQTT subscription failed');
          else resolve();
        });
      });
    });
    return this.started;
  }

  /**
   * Stops taking messages, ingests and acknowledges what was received, then disconnects; the
   * session stays on the broker, which queues what comes meanwhile for the next start.
   */
  async stop(): Promise<void> {
    const client = this.client;
    if (client) client.handleMessage = (_packet, callback) => callback(ACK_AFTER_COMMIT as never);
    this.flush();
    await this.chain;
    this.client = null;
    if (client) await client.endAsync();
  }

  /** Resolves once every message received so far has been ingested. */
  async drain(): Promise<void> {
    this.flush();
    await this.chain;
  }

  private onMessage(packet: IPublishPacket): void {
    this.counters.received++;
    const topic = packet.topic;
    const parsed = parsePayload(packet.payload as Buffer);
    const levels = topic.split('/');
    if (typeof parsed === 'string') this.rejectMessage(topic, parsed);
    else if (levels.length !== 3 || levels[1] === '' || levels[2] === '')
      this.rejectMessage(topic, 'topic must be <prefix>/<workplace>/<indicator>');
    else for (const p of parsed) this.pending.push({ topic, item: { indicatorId: '', ...p } });
    // a rejected message is flushed too: its acknowledgement waits in the batch
    if (this.pending.length >= this.maxBatch || this.pendingAcks.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.batchMs);
  }

  private rejectMessage(topic: string, reason: string): void {
    this.counters.rejected++;
    this.log.warn({ topic, reason }, 'MQTT report rejected');
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 && this.pendingAcks.length === 0) return;
    const batch = this.pending;
    const acks = this.pendingAcks;
    this.pending = [];
    this.pendingAcks = [];
    // batches run one after another so reports of one indicator reach the forecaster in order
    this.chain = this.chain.then(async () => {
      try {
        await this.ingest(batch);
      } catch (error) {
        // not acknowledged: the broker sends these again once the connection is renewed
        this.counters.failedBatches++;
        this.log.error(
          { err: error, reports: batch.length },
          'MQTT batch failed; reconnecting for redelivery',
        );
        this.client?.stream.destroy();
        return;
      }
      this.ack(acks);
    });
  }

  /** Sends the PUBACKs of stored (or finally rejected) messages received on the current connection. */
  private ack(acks: Unacked[]): void {
    const client = this.client;
    if (!client?.connected) return;
    // the client's own packet writer, as its publish handler uses (mqtt 5.x keeps it private)
    const send = (client as unknown as { _sendPacket(packet: object): void })._sendPacket.bind(client);
    for (const a of acks)
      if (a.connection === this.connection) send({ cmd: 'puback', messageId: a.messageId });
  }

  private async ingest(batch: Pending[]): Promise<void> {
    // each topic is resolved once per batch (and cached once found), not awaited per report
    const found = new Map<string, Awaited<ReturnType<MqttIngest['indicatorOf']>>>();
    for (const { topic } of batch) if (!found.has(topic)) found.set(topic, await this.indicatorOf(topic));
    const items: ReportItem[] = [];
    const topics: string[] = [];
    for (const { topic, item } of batch) {
      const indicatorId = found.get(topic)!;
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
