/**
 * Ports of the e2e stack, apart from `npm start`'s so both can run at once; E2E_PORT_OFFSET moves
 * them all (two checkouts testing side by side).
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const PORTS = { api: 3100 + offset, demo: 4100 + offset, smtp: 1125 + offset, inbox: 1180 + offset, google: 3150 + offset };
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
