/* The manage-mode chunk: loaded only by a widget with `booking-uid` and `token`. */
export { ManageController } from './manage-controller.js';
export { renderManageStep, type ManageViewContext } from './manage-view.js';
