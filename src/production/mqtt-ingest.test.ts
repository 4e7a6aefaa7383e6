import { connect } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFederation,
  createTestApp,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  uniqueUsername,
} from '../../test/factories.js';
import { defaultConfig, loadConfig } from '../core/config.js';
import { describeEachDialect, STRICT } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { MqttIngest } from './mqtt-ingest.js';
import { periodIndex, periodOf } from './report-period.js';

const MQTT_TEST_URL = process.env.MQTT_TEST_URL || 'mqtt://127.0.0.1:1883';

async function probeBroker(): Promise<string | null> {
  const { hostname, port } = new URL(MQTT_TEST_URL);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 1883) });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timed out');
    });
    socket.once('connect', () => {
      socket.end();
      resolve(null);
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

const brokerProblem = await probeBroker();
if (brokerProblem && STRICT) {
  throw new Error(`Mosquitto is required in strict mode but ${MQTT_TEST_URL} failed: ${brokerProblem}`);
}
if (brokerProblem)
  console.warn(`skipping MQTT ingest tests: ${MQTT_TEST_URL} unreachable (${brokerProblem})`);

/** A client id no other test run uses (the broker keeps one session per id). */
function uniqueClientId(): string {
  return `test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Ends a persistent session on the broker: a clean start with no expiry discards it and its queue. */
async function forgetSession(clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(MQTT_TEST_URL, {
    clientId,
    clean: true,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 0 },
  });
  await client.endAsync();
}

describe('MQTT_URL', () => {
  it('is off when empty, accepts mqtt:// and mqtts:// URLs and refuses anything else', () => {
    expect(defaultConfig().mqttUrl).toBe('');
    expect(loadConfig({ MQTT_URL: '' })).toMatchObject({ ok: true, config: { mqttUrl: '' } });
    expect(loadConfig({ MQTT_URL: 'mqtts://broker.example:8883' })).toMatchObject({
      ok: true,
      config: { mqttUrl: 'mqtts://broker.example:8883' },
    });
    const bad = loadConfig({ MQTT_URL: 'http://broker.example' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.join()).toMatch(/MQTT_URL/);
  });

  it('MQTT_CLIENT_ID defaults to cordones and takes 1–64 letters, digits, - and _', () => {
    expect(defaultConfig().mqttClientId).toBe('cordones');
    expect(loadConfig({ MQTT_CLIENT_ID: 'cordones-santiago_1' })).toMatchObject({
      ok: true,
      config: { mqttClientId: 'cordones-santiago_1' },
    });
    for (const wrong of ['cordones santiago', 'cordones/1', 'x'.repeat(65)]) {
      const r = loadConfig({ MQTT_CLIENT_ID: wrong });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems.join()).toMatch(/MQTT_CLIENT_ID/);
    }
  });
});

const suite = brokerProblem ? describe.skip : describe;

suite('MQTT ingest', () => {
  describeEachDialect('reports over MQTT', (database) => {
    let services: Services;
    let ingest: MqttIngest;
    let publisher: MqttClient;
    let secretary: ReturnType<typeof personPrincipal>;
    let workplaceName: string;
    let indicatorId: string;
    const warnings: { topic?: string; reason?: string }[] = [];
    const prefix = uniqueUsername('cordones-test');
    const clientId = uniqueClientId();
    const serverClientId = uniqueClientId();

    beforeAll(async () => {
      services = await createTestServices(database());
      const fed = await createFederation(services);
      secretary = personPrincipal(fed.people.secretaryA);
      workplaceName = uniqueUsername('Textil Sumar');
      const workplace = await createTestWorkplace(services, fed.bodies.assemblyA, workplaceName);
      const [indicator] = await services.production.register.createIndicators(secretary, workplace.id, [
        { name: 'Telares', kind: 'custom', unit: 'looms' },
      ]);
      indicatorId = indicator!.id;
      ingest = newIngest();
      await ingest.start();
      publisher = await mqtt.connectAsync(MQTT_TEST_URL);
    });

    afterAll(async () => {
      await publisher?.endAsync();
      await ingest?.stop();
      await forgetSession(clientId);
      await forgetSession(serverClientId);
    });

    function newIngest(): MqttIngest {
      return new MqttIngest(services.production.reports, services.production.register, {
        url: MQTT_TEST_URL,
        clientId,
        sessionExpirySeconds: 300,
        prefix,
        log: { warn: (obj) => warnings.push(obj), error: (obj) => warnings.push(obj) },
      });
    }

    /** Publishes with QoS 1 (acknowledged by the broker) and waits until all is ingested. */
    async function send(messages: [topic: string, payload: string][]): Promise<void> {
      const before = ingest.counters.received;
      for (const [topic, payload] of messages)
        await publisher.publishAsync(`${prefix}/${topic}`, payload, { qos: 1 });
      await expect.poll(() => ingest.counters.received - before, { timeout: 5000 }).toBe(messages.length);
      await ingest.drain();
    }

    const stored = async (limit = 120) =>
      (await services.production.alerts.series(secretary, indicatorId, limit)).points.map((p) => [
        p.period,
        p.value,
      ]);

    it('stores valid reports sent by workplace and indicator name, one or several per message', async () => {
      await send([
        [`${workplaceName}/Telares`, JSON.stringify({ period: '1972-09-01', value: 40 })],
        [
          `${workplaceName}/${indicatorId}`,
          JSON.stringify([
            { period: '1972-09-02', value: 41 },
            { period: '1972-09-03', value: 39 },
          ]),
        ],
      ]);
      expect(await stored()).toEqual([
        ['1972-09-01', 40],
        ['1972-09-02', 41],
        ['1972-09-03', 39],
      ]);
      expect(ingest.counters).toMatchObject({ received: 2, accepted: 3, duplicates: 0, rejected: 0 });
    });

    it('counts a re-sent message as a duplicate and stores it once', async () => {
      await send([[`${workplaceName}/Telares`, JSON.stringify({ period: '1972-09-01', value: 40 })]]);
      expect(await stored()).toHaveLength(3);
      expect(ingest.counters).toMatchObject({ accepted: 3, duplicates: 1, rejected: 0 });
    });

    it('rejects malformed payloads and unknown indicators with the reason, keeping the good ones', async () => {
      warnings.length = 0;
      await send([
        [`${workplaceName}/Telares`, '{"period": "1972-09-04", "value": '],
        [`${workplaceName}/Telares`, JSON.stringify({ period: '4 Sept', value: 1 })],
        [`${workplaceName}/Telares`, JSON.stringify({ period: '1972-09-04', value: 42 })],
        [`${workplaceName}/Hornos`, JSON.stringify({ period: '1972-09-04', value: 7 })],
        [`${workplaceName}/Telares`, JSON.stringify({ period: '1972-09-05', value: 1.5 })],
        [`${workplaceName}/Telares`, JSON.stringify({ period: '1972-09-06', value: 43 })],
      ]);
      expect(await stored()).toEqual([
        ['1972-09-01', 40],
        ['1972-09-02', 41],
        ['1972-09-03', 39],
        ['1972-09-04', 42],
        ['1972-09-06', 43],
      ]);
      expect(ingest.counters).toMatchObject({ received: 9, accepted: 5, duplicates: 1, rejected: 4 });
      const reasons = warnings.map((w) => w.reason ?? '');
      expect(reasons).toHaveLength(4);
      expect(reasons).toEqual(
        expect.arrayContaining([
          'payload is not JSON',
          'period must be a YYYY-MM-DD string',
          `workplace "${workplaceName}" has no indicator "Hornos"`,
          expect.stringMatching(/^value: /),
        ]),
      );
    });

    it('keeps its session while stopped: what is published meanwhile is stored once on restart', async () => {
      await ingest.stop();
      // 600 messages (under Mosquitto's default queue of 1,000 per session), the first 100 twice:
      // a publisher retrying after a lost PUBACK
      // days of 1971–72, before the reports above: stored as late reports
      const first = periodIndex('1971-01-01', 'daily')!;
      const days = Array.from({ length: 500 }, (_, d) => periodOf(first + d, 'daily'));
      const messages = days.map((period, d) => JSON.stringify({ period, value: 50 + (d % 3) }));
      for (const payload of [...messages, ...messages.slice(0, 100)])
        await publisher.publishAsync(`${prefix}/${workplaceName}/Telares`, payload, { qos: 1 });
      const before = (await stored(2000)).length;
      ingest = newIngest();
      await ingest.start();
      await expect.poll(() => ingest.counters.received, { timeout: 10_000 }).toBe(600);
      await ingest.drain();
      expect(ingest.counters).toMatchObject({
        accepted: 500,
        duplicates: 100,
        rejected: 0,
        failedBatches: 0,
      });
      const after = await stored(2000);
      expect(after).toHaveLength(before + 500);
      expect(new Set(after.map(([period]) => period)).size).toBe(after.length);
      // everything was acknowledged after its commit: a new connection of the session gets nothing again
      await ingest.stop();
      ingest = newIngest();
      await ingest.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ingest.counters.received).toBe(0);
    });

    it('does not acknowledge a batch that failed: the broker sends it again and it is stored once', async () => {
      await ingest.stop();
      const real = services.production.reports;
      let failures = 1;
      // the database fails once, as if it went away in the middle of a batch
      const flaky = {
        ingest: (...args: Parameters<typeof real.ingest>) => {
          if (failures-- > 0) return Promise.reject(new Error('database unreachable'));
          return real.ingest(...args);
        },
      } as typeof real;
      ingest = new MqttIngest(flaky, services.production.register, {
        url: MQTT_TEST_URL,
        clientId,
        sessionExpirySeconds: 300,
        prefix,
        log: { warn: () => {}, error: () => {} },
      });
      await ingest.start();
      const report = JSON.stringify({ period: '1970-06-01', value: 61 });
      await publisher.publishAsync(`${prefix}/${workplaceName}/Telares`, report, { qos: 1 });
      await expect.poll(() => ingest.counters.accepted, { timeout: 10_000 }).toBe(1);
      expect(ingest.counters).toMatchObject({ received: 2, failedBatches: 1, duplicates: 0 });
      expect((await stored(2000)).filter(([period]) => period === '1970-06-01')).toEqual([
        ['1970-06-01', 61],
      ]);
      await ingest.stop();
      ingest = newIngest();
      await ingest.start();
    });

    it('is started by a listening server when MQTT_URL is set, on the cordones/ topics', async () => {
      const { app } = await createTestApp(database(), {
        mqttUrl: MQTT_TEST_URL,
        mqttClientId: serverClientId,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        // the server subscribes after it listens; a re-sent report is only a duplicate
        const report = JSON.stringify({ period: '1972-09-07', value: 44 });
        await expect
          .poll(
            async () => {
              await publisher.publishAsync(`cordones/${workplaceName}/Telares`, report, { qos: 1 });
              return (await stored()).at(-1);
            },
            { timeout: 5000, interval: 200 },
          )
          .toEqual(['1972-09-07', 44]);
      } finally {
        await app.close();
      }
    });
  });
});
