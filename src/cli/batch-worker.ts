/** Worker-thread entry of `jipiao batch`: counts the election folders it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { type ElectionJob, runElectionJob } from './election-job.js';
import { internalErrorMessage } from './errors.js';

parentPort?.on('message', (job: ElectionJob) => {
  runElectionJob(job).then(
    (s) => parentPort?.postMessage(s),
    (e: unknown) => parentPort?.postMessage({ ok: false, name: job.name, errors: internalErrorMessage(e) }),
  );
});
