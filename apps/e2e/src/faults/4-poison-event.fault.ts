import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@grappes/testing';
import { sumOf } from '../support/metrics';
import { JOINED, joinWorld, noticeKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

const ROOT = join(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

describe('a poison event: one join whose notice the database refuses until an operator fixes it', () => {
  // Three attempts (1 s, then 5 s apart) instead of five: the dead letter comes within seconds.
  const scenario = useScenario({ env: { EVENT_MAX_ATTEMPTS: '3' } });
  const { platform } = scenario;

  /** What an operator types: `npm run dead-letters -- <args>` against this platform's NATS. */
  const deadLetters = async (...args: string[]) =>
    (await run('npm', ['run', '-s', 'dead-letters', '--', ...args], { cwd: ROOT, env: { ...process.env, NATS_URL: platform.natsUrl }, timeout: 30_000 })).stdout;
  const handled = async (outcome: string) =>
    sumOf(await (await fetch(`http://127.0.0.1:${platform.instance('notifications').port}/metrics`)).text(), 'grappes_events_handled_total', { subject: JOINED, outcome });

  it('is retried a bounded number of times, dead-lettered, listed, replayed once fixed, and handled once; the others meanwhile', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 1, 6, 4);
    const [poison, ...others] = world.pairs;
    const notifications = scenario.mongo.db(platform.databaseName('notifications'));
    // The defect: the notifications database refuses this one company's notices.
    await notifications.command({ collMod: 'notifications', validator: { $expr: { $ne: ['$data.companyId', poison.companyId] } } });
    const retriedBefore = await handled('retried');

    const joins = await inParallel(world.pairs, 3, ({ clusterId, companyId }) => admin.post(`/clusters/${clusterId}/members`, { companyId }));
    await waitFor(async () => (await handled('dead_lettered')) >= 1, 'the poison event dead-lettered', 30_000);
    const othersTold = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), others.map((p) => p.key));
    const listed = JSON.parse(await deadLetters('list', '--service', 'notifications', '--json')) as { seq: number; subject: string; attempts: number; reason: string }[];
    const human = await deadLetters('list');

    await notifications.command({ collMod: 'notifications', validator: {} });
    const fixedAt = Date.now();
    const replayOutput = await deadLetters('replay', '--service', 'notifications');
    await waitFor(async () => (await noticeKeys(scenario.mongo, platform, [poison.companyId])).length >= 1, 'the replayed event handled', 30_000).catch(() => undefined);
    const handledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const figures = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), world.pairs.map((p) => p.key));
    const retried = (await handled('retried')) - retriedBefore;
    record({
      sent: world.pairs.length,
      ...figures,
      recoverySeconds: seconds(handledAt - fixedAt),
      notes: { retries: retried, deadLettered: listed.length, attempts: listed[0]?.attempts, reason: listed[0]?.reason },
    });
    expect(joins.every((reply) => reply.status === 201)).toBe(true);
    expect(othersTold).toEqual({ effects: others.length, lost: 0, duplicates: 0 });
    expect(retried).toBe(2);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ subject: JOINED, attempts: 3 });
    expect(listed[0].reason).toMatch(/validation/i);
    expect(human).toContain(JOINED);
    expect(replayOutput).toContain('1 dead letter(s) replayed.');
    expect(figures).toEqual({ effects: world.pairs.length, lost: 0, duplicates: 0 });
    expect(JSON.parse(await deadLetters('list', '--json'))).toEqual([]);
    expect(platform.crashed()).toEqual([]);
  });
});
