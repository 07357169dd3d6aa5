import type { Knex } from 'knex';
import type { AuditEntry } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';

export interface NewAuditEvent {
  userId: number;
  via: AuditEntry['actor']['via'];
  credentialId: number;
  action: string;
  resource: AuditEntry['resource'];
  status: number;
  at: number;
}

export function createAuditRepo(db: Knex) {
  return {
    async insert(event: NewAuditEvent, trx: Knex = db): Promise<void> {
      await trx('audit_events').insert({
        user_id: event.userId,
        via: event.via,
        credential_id: event.credentialId,
        action: event.action.slice(0, 200),
        resource_type: event.resource?.type.slice(0, 40) ?? null,
        resource_id: event.resource?.id.slice(0, 100) ?? null,
        status: event.status,
        created_at: event.at,
      });
    },

    /** The user's entries, newest first. */
    async list(userId: number, page: PageRequest): Promise<Page<AuditEntry>> {
      const query = db('audit_events').join('users', 'users.id', 'audit_events.user_id').select('audit_events.*', 'users.username').where('audit_events.user_id', userId);
      return mapPage(keysetPage<Record<string, any>>(query, [{ column: 'audit_events.id', field: 'id', type: 'number' }], page, 'desc'), (rows) =>
        rows.map((row) => ({
          id: row.id,
          at: new Date(Number(row.created_at)).toISOString(),
          actor: { username: row.username, via: row.via, credentialId: row.credential_id },
          action: row.action,
          resource: row.resource_type ? { type: row.resource_type, id: row.resource_id } : null,
          status: row.status,
        })),
      );
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
