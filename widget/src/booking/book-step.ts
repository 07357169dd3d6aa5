/* The chunk behind the first slot: booking a chosen time (the form, the request, the confirmation). */
export { bookingInput } from './booking-input.js';
export { renderConfirmation } from './confirmation.js';
export { renderDetailsForm, validateForm } from './details-form.js';
export { SubmitController } from './submit-controller.js';
