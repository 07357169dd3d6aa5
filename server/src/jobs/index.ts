export { createJobs, PermanentJobError, RetryLaterError, DEFAULT_RETRY_DELAYS_MS, type JobHandler, type JobQueue, type NewJob, type Worker } from './worker.js';
