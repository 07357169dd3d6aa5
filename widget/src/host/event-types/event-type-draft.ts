import { EVENT_TYPE_DEFAULTS, type EventType, type UpdateEventTypeInput } from '@openslot/sdk';

/** Everything an owner sets on an event type (the form's model). */
export type Settings = Omit<EventType, 'id' | 'owner' | 'event'>;

export function newSettings(): Settings {
  return { ...structuredClone(EVENT_TYPE_DEFAULTS), title: '', slug: '', durationMinutes: 30 };
}

export function settingsOf(eventType: EventType): Settings {
  const { id: _id, owner: _owner, event: _event, ...settings } = structuredClone(eventType);
  return settings;
}

/**
 * What to send: for a PATCH, the top-level fields that differ from the event type as loaded (so a
 * change touches only what the host changed); for a create, those that differ from the defaults,
 * beside the required ones.
 */
export function changedFields(before: Settings, after: Settings): UpdateEventTypeInput {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Settings>) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as UpdateEventTypeInput;
}

/** Sets `value` at a dotted path (`bookingWindow.days`, `hosts.1.weight`) of a copy of `settings`; `undefined` removes the field. */
export function setIn(settings: Settings, path: string, value: unknown): Settings {
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[keys.at(-1)!];
  else target[keys.at(-1)!] = value;
  return copy as unknown as Settings;
}

export function getIn(settings: Settings, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], settings);
}
