/**
 * Ports of the e2e stack, apart from `npm start`'s so both can run at once; E2E_PORT_OFFSET moves
 * them all (two checkouts testing side by side).
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const PORTS = { api: 3100 + offset, demo: 4100 + offset, smtp: 1125 + offset, inbox: 1180 + offset, google: 3150 + offset, stripe: 12200 + offset };
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
export const STRIPE_WEBHOOK_SECRET = 'whsec_e2e_fake_stripe_0123456789';
/** Seconds a paid booking holds its time in the e2e stack (PAYMENT_HOLD_MINUTES), short so the abandoned-checkout test is quick. */
export const PAYMENT_HOLD_SECONDS = 30;
