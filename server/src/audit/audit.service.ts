import type { AuditEntry } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import type { Page, PageRequest } from '../db/keyset.js';
import type { AuditRepo, NewAuditEvent } from './audit.repo.js';

export function createAuditService(deps: { audit: AuditRepo; clock: Clock }) {
  const { audit, clock } = deps;
  return {
    record(event: Omit<NewAuditEvent, 'at'>): Promise<void> {
      return audit.insert({ ...event, at: clock.now() });
    },
    list(userId: number, page: PageRequest): Promise<Page<AuditEntry>> {
      return audit.list(userId, page);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
