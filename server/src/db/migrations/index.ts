import type { Knex } from 'knex';
import * as foundation from './001-foundation.js';
import * as outbox from './002-outbox.js';
import * as bookingLifecycle from './003-booking-lifecycle.js';
import * as webhooks from './005-webhooks.js';
import * as teams from './006-teams.js';
import * as jobs from './007-jobs.js';
import * as inputLimits from './010-input-limits.js';
import * as bookingGroupHandle from './011-booking-group-handle.js';
import * as teamConsent from './020-team-consent.js';
import * as byteExactKeys from './025-byte-exact-keys.js';
import * as apiKeyScopes from './026-api-key-scopes.js';
import * as payments from './030-payments.js';
import * as calendars from './040-calendars.js';
import * as calendarHosts from './041-calendar-hosts.js';
import * as userAvatar from './050-user-avatar.js';
import * as mailAbuse from './060-mail-abuse.js';
import * as busyIndex from './065-busy-index.js';
import * as sessions from './070-sessions.js';

/** Every migration in order. A new one is a new file and a new line here; never edit an applied one. */
export const migrations: Record<string, Knex.Migration> = {
  '001-foundation': foundation,
  '002-outbox': outbox,
  '003-booking-lifecycle': bookingLifecycle,
  '005-webhooks': webhooks,
  '006-teams': teams,
  '007-jobs': jobs,
  '010-input-limits': inputLimits,
  '011-booking-group-handle': bookingGroupHandle,
  '020-team-consent': teamConsent,
  '030-payments': payments,
  '040-calendars': calendars,
  '041-calendar-hosts': calendarHosts,
  // Numbered in its own range, run after the tables it changes exist: this list's order is the run order.
  '025-byte-exact-keys': byteExactKeys,
  '026-api-key-scopes': apiKeyScopes,
  '050-user-avatar': userAvatar,
  '060-mail-abuse': mailAbuse,
  '065-busy-index': busyIndex,
  '070-sessions': sessions,
};
