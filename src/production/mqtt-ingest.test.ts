import { connect } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFederation,
  createTestApp,
  personPrincipal,
  TEST_EPOCH,
  uniqueUsername,
} from '../../test/factories.js';
import { ManualClock } from '../core/clock.js';
import { defaultConfig, loadConfig } from '../core/config.js';
import { describeEachDialect, STRICT } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { MqttIngest } from './mqtt-ingest.js';

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

    beforeAll(async () => {
      services = await createServices(
        database(),
        defaultConfig({ logLevel: 'silent' }),
        new ManualClock(TEST_EPOCH),
      );
      const fed = await createFederation(services);
      secretary = personPrincipal(fed.people.secretaryA);
      workplaceName = uniqueUsername('Textil Sumar');
      const workplace = await services.production.register.createWorkplace(secretary, {
        bodyId: fed.bodies.assemblyA,
        name: workplaceName,
        sector: 'textiles',
        latitude: -33.49,
        longitude: -70.62,
        workforce: 1200,
        status: 'occupied',
        since: '1972-01-01',
      });
      const [indicator] = await services.production.register.createIndicators(secretary, workplace.id, [
        { name: 'Telares', kind: 'custom', unit: 'looms' },
      ]);
      indicatorId = indicator!.id;
      ingest = new MqttIngest(services.production.reports, services.production.register, {
        url: MQTT_TEST_URL,
        prefix,
        log: { warn: (obj) => warnings.push(obj), error: (obj) => warnings.push(obj) },
      });
      await ingest.start();
      publisher = await mqtt.connectAsync(MQTT_TEST_URL);
    });

    afterAll(async () => {
      await publisher?.endAsync();
      await ingest?.stop();
    });

    /** Publishes with QoS 1 (acknowledged by the broker) and waits until all is ingested. */
    async function send(messages: [topic: string, payload: string][]): Promise<void> {
      const before = ingest.counters.received;
      for (const [topic, payload] of messages)
        await publisher.publishAsync(`${prefix}/${topic}`, payload, { qos: 1 });
      await expect.poll(() => ingest.counters.received - before, { timeout: 5000 }).toBe(messages.length);
      await ingest.drain();
    }

    const stored = async () =>
      (await services.production.alerts.series(secretary, indicatorId)).points.map((p) => [
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

    it('is started by a listening server when MQTT_URL is set, on the cordones/ topics', async () => {
      const { app } = await createTestApp(database(), { mqttUrl: MQTT_TEST_URL });
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
