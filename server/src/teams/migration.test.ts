import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { createTestDb, type TestDb } from '../test-support/test-db.js';

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

describe('migration 006-teams', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(() => testDb.destroy());

  const row = (username: string, kind?: string) => ({ username, name: username, email: '', time_zone: 'UTC', created_at: 0, updated_at: 0, ...(kind && { kind }) });

  it('rolls back to no teams and forward again, keeping the people and their event types', async () => {
    const { db } = testDb;
    const [aliceId] = await db('users').insert(row('alice'));
    const [teamId] = await db('users').insert(row('acme', 'team'));
    await db('team_members').insert({ team_id: teamId, user_id: aliceId, role: 'owner', created_at: 0 });
    const eventType = { slug: 'intro', title: 'Intro', description: '', duration_minutes: 30, booking_window: '{}', location: '{}', booking_fields: '[]', allowed_origins: '[]', created_at: 0, updated_at: 0 };
    const [personalId] = await db('event_types').insert({ ...eventType, user_id: aliceId });
    await db('event_types').insert({ ...eventType, user_id: teamId, scheduling_type: 'collective' });
    await db('event_type_hosts').insert({ event_type_id: personalId, user_id: aliceId });

    await db.migrate.down({ migrationSource: source, name: '006-teams' });
    expect(await db.schema.hasTable('team_members')).toBe(false);
    expect(await db.schema.hasColumn('users', 'kind')).toBe(false);
    expect((await db('users').select('username')).map((u) => u.username)).toEqual(['alice']);
    expect(await db('event_types').select('id')).toEqual([{ id: personalId }]);
    // No table was rebuilt: rows hanging off users and event types are still there.
    expect(await db('event_type_hosts').count({ n: '*' })).toEqual([{ n: 1 }]);

    await db.migrate.latest({ migrationSource: source });
    expect(await db('users').where({ username: 'alice' }).first('kind')).toEqual({ kind: 'user' });
  });

  it('020-team-consent: members from before consent are active; rolling back drops the open invitations', async () => {
    // A database of its own: the test above rolled 006 back under the later migrations.
    const fresh = await createTestDb();
    const { db } = fresh;
    const [carolId] = await db('users').insert(row('carol'));
    const [daveId] = await db('users').insert(row('dave'));
    const [teamId] = await db('users').insert(row('beta', 'team'));
    await db.migrate.down({ migrationSource: source, name: '020-team-consent' });
    await db('team_members').insert({ team_id: teamId, user_id: carolId, role: 'owner', created_at: 0 });
    await db.migrate.latest({ migrationSource: source });
    expect(await db('team_members').where({ team_id: teamId }).select('user_id', 'status')).toEqual([{ user_id: carolId, status: 'active' }]);

    await db('team_members').insert({ team_id: teamId, user_id: daveId, role: 'member', status: 'invited', invitation_key: 'k', created_at: 0 });
    await db.migrate.down({ migrationSource: source, name: '020-team-consent' });
    expect(await db.schema.hasColumn('team_members', 'status')).toBe(false);
    expect(await db('team_members').where({ team_id: teamId }).select('user_id')).toEqual([{ user_id: carolId }]);
    await db.migrate.latest({ migrationSource: source });
    await fresh.destroy();
  });
});
