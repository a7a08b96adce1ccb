/**
 * Imported first by each worker entry (workers/*.worker.ts): puts the worker's `fetch` behind the
 * page's network door before any library module runs. See `installWorkerDoor`.
 */
import { installWorkerDoor } from './worker-door';

installWorkerDoor();
