import { expect } from 'chai';
import '../define.js';
import type { OpenSlotPayments } from './payments.js';
import { axeViolations, until } from '../../test/helpers.js';
import { mount, requests, sent, state, useHostApi } from '../../test/host-api.js';

let element: OpenSlotPayments;
const events = useHostApi(['openslot-connect', 'openslot-error']);

const shadow = () => element.shadowRoot!;
const explanation = () => shadow().querySelector('.explanation')?.textContent;
const show = async (stripe: typeof state.stripe, attributes: Record<string, string> = {}) => {
  state.stripe = stripe;
  element = mount('openslot-payments', attributes);
  await until(() => explanation(), 'the account’s state');
};

describe('<openslot-payments>', () => {
  it('says plainly when the server takes no payments, with nothing to click', async () => {
    await show({ paymentsEnabled: false, connect: false, account: null });
    expect(explanation()).to.contain('Stripe is not configured');
    expect(shadow().querySelector('button')).to.equal(null);
    expect(requests[0]!.headers.get('authorization')).to.equal('Bearer ost_session_alice');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('without Connect, payments go to the platform’s account', async () => {
    await show({ paymentsEnabled: true, connect: false, account: null });
    expect(explanation()).to.equal('Payments go to the platform’s Stripe account: there is nothing to connect.');
    expect(shadow().querySelector('[part="state"]')).to.equal(null);
  });

  it('connects through Stripe’s onboarding page', async () => {
    await show({ paymentsEnabled: true, connect: true, account: null });
    expect(shadow().querySelector('[part="state"] .badge')!.textContent).to.equal('Not connected');
    expect(await axeViolations(element)).to.deep.equal([]);
    document.addEventListener('openslot-connect', (e) => e.preventDefault(), { once: true });
    shadow().querySelector<HTMLButtonElement>('[part="connect"]')!.click();
    await until(() => events.some((e) => e.type === 'openslot-connect'), 'openslot-connect');
    expect(events[0]!.detail).to.deep.equal({ provider: 'stripe', url: 'https://connect.stripe.test/setup/alice' });
    expect(await sent('POST', '/v1/users/alice/stripe/connect')).to.deep.equal([{}]);
  });

  it('shows the account’s state: setting up, paused, taking payments', async () => {
    await show({ paymentsEnabled: true, connect: true, account: { id: 'acct_123', chargesEnabled: false, detailsSubmitted: false } });
    expect(shadow().querySelector('[part="state"]')!.textContent).to.match(/Setting up\s+acct_123/);
    expect(shadow().querySelector('[part="connect"]')!.textContent).to.equal('Finish setting up in Stripe');
    element.remove();
    await show({ paymentsEnabled: true, connect: true, account: { id: 'acct_123', chargesEnabled: false, detailsSubmitted: true } });
    expect(shadow().querySelector('[part="state"] .badge')!.textContent).to.equal('Payments paused');
    element.remove();
    await show({ paymentsEnabled: true, connect: true, account: { id: 'acct_123', chargesEnabled: true, detailsSubmitted: true } });
    expect(explanation()).to.equal('Ready: bookings of paid event types are paid into this account.');
    expect(shadow().querySelector('[part="state"] .badge')!.textContent).to.equal('Taking payments');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('a team’s account, and a refused connect shown with openslot-error', async () => {
    await show({ paymentsEnabled: true, connect: false, account: null }, { team: 'acme' });
    expect(shadow().querySelector('[part="state"] .badge')!.textContent).to.equal('Not connected');
    shadow().querySelector<HTMLButtonElement>('[part="connect"]')!.click();
    const panel = await until(() => shadow().querySelector('[part="error"]'), 'the error');
    expect(panel.textContent).to.equal('Stripe Connect is not enabled on this server (STRIPE_SECRET_KEY and STRIPE_CONNECT=true)');
    expect(await sent('POST', '/v1/teams/acme/stripe/connect')).to.deep.equal([{}]);
    expect((events.find((e) => e.type === 'openslot-error')!.detail as { phase: string }).phase).to.equal('save');
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});
