/** Ports of the e2e stack, apart from `npm start`'s so both can run at once. */
export const PORTS = { api: 3100, demo: 4100, smtp: 1125, inbox: 1180 };
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
