import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import mqtt from 'mqtt';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { periodIndex, periodOf } from '../src/production/report-period.js';
import { createServices } from '../src/server/services.js';
import { benchDatabase, startBenchServer } from './bench-server.js';
import { benchWorkplace } from './bench-workplace.js';

// Figure `mqtt`: messages/s end to end. The server runs in its own process (`cordones serve` with
// MQTT_URL) against the local Mosquitto; this process publishes N messages (QoS 1, one report
// each, `cordones/<workplace name>/<indicator name>`) and the clock stops when the last report is
// in the database (counted with SQL). Forecasting and alert evaluation included. The server
// subscribes with QoS 1 in a persistent session (a client id of its own, discarded at the end) and
// acknowledges each message only after its batch has committed.

const WORKPLACES = 50;
const INDICATORS_PER_WORKPLACE = 20;
const FIRST_DAY = periodIndex('1970-03-01', 'daily')!;

/** Runs the bench: `npm run bench -- mqtt [--messages 20000] [--dialect sqlite|postgres] [--broker mqtt://127.0.0.1:1883]`. */
export default async function (args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string', default: '20000' },
      dialect: { type: 'string', default: 'sqlite' },
      broker: { type: 'string', default: process.env.MQTT_TEST_URL || 'mqtt://127.0.0.1:1883' },
      quick: { type: 'boolean', default: false },
    },
  });
  const perDay = WORKPLACES * INDICATORS_PER_WORKPLACE;
  const messages = values.quick ? 5_000 : Number(values.messages);
  const days = Math.ceil(messages / perDay);
  const target = await benchDatabase(values.dialect, 'cordones_bench_mqtt');
  if (!target) return;
  // unique names, so a server of a parallel run that hears these messages only rejects them
  const run = Date.now().toString(36);
  const topics: string[] = [];
  {
    const database = await openDatabase(target.target);
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(database, defaultConfig());
    for (let w = 0; w < WORKPLACES; w++) {
      const bodyId = await services.councils.foundBody(
        { kind: 'workplace-assembly', name: `Asamblea ${run}-${w}`, members: [] },
        { actorName: 'bench' },
      );
      const name = `Fabrica ${run}-${w}`;
      await benchWorkplace(services, bodyId, name, INDICATORS_PER_WORKPLACE);
      for (let i = 0; i < INDICATORS_PER_WORKPLACE; i++) topics.push(`cordones/${name}/I${i}`);
    }
    await database.close();
  }

  const clientId = `cordones-bench-${run}`;
  const server = await startBenchServer(target.url, {
    env: { MQTT_URL: values.broker, MQTT_CLIENT_ID: clientId },
  });
  const database = await openDatabase(target.target);
  const publisher = await mqtt.connectAsync(values.broker);
  const count = async () => {
    const { rows } = await sql<{
      n: number | string;
    }>`select (select count(*) from reports) + (select count(*) from recent_reports) as n`.execute(
      database.db,
    );
    return Number(rows[0]?.n ?? 0);
  };
  try {
    // the server subscribes after it listens: re-send one warm-up report until it is stored
    const warmUp = JSON.stringify({ period: periodOf(FIRST_DAY - 1, 'daily'), value: 1000 });
    for (let tries = 0; (await count()) === 0; tries++) {
      if (tries > 100) throw new Error('the server never stored the warm-up report');
      await publisher.publishAsync(topics[0]!, warmUp, { qos: 1 });
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await count();
    const payloads: [string, string][] = [];
    for (let m = 0; m < messages; m++) {
      const day = Math.floor(m / perDay);
      const i = m % perDay;
      const value = 1000 + (i % 20) * 10 + Math.round(5 * Math.sin(i * 12.9898 + day * 78.233));
      payloads.push([topics[i]!, JSON.stringify({ period: periodOf(FIRST_DAY + day, 'daily'), value })]);
    }
    const start = performance.now();
    // windows of QoS 1 publishes: the broker's per-client queue is finite (max_queued_messages)
    const WINDOW = 500;
    for (let m = 0; m < messages; m += WINDOW) {
      await Promise.all(
        payloads
          .slice(m, m + WINDOW)
          .map(([topic, payload]) => publisher.publishAsync(topic, payload, { qos: 1 })),
      );
    }
    const published = performance.now();
    let stored = (await count()) - before;
    let lastChange = performance.now();
    while (stored < messages) {
      await new Promise((r) => setTimeout(r, 20));
      const now = (await count()) - before;
      if (now !== stored) lastChange = performance.now();
      stored = now;
      if (performance.now() - lastChange > 10_000) break;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `mqtt ${values.dialect}: ${messages} messages (${days} days × ${perDay} indicators, one report each, published with QoS 1, server subscribed with QoS 1, acknowledged after commit), ` +
        `published in ${((published - start) / 1000).toFixed(2)} s, ${stored} stored in ${seconds.toFixed(2)} s → ` +
        `${Math.round(stored / seconds)} messages/s end to end (target ≥ 5,000/s)`,
    );
    if (stored < messages)
      console.log(`mqtt: ${messages - stored} messages were not stored (lost or rejected)`);
  } finally {
    await publisher.endAsync();
    await server.stop();
    // a clean start with no expiry discards the server's session, so the broker stops queueing for it
    await (
      await mqtt.connectAsync(values.broker, {
        clientId,
        clean: true,
        protocolVersion: 5,
        properties: { sessionExpiryInterval: 0 },
      })
    ).endAsync();
    await database.close();
    await target.cleanup();
  }
}
