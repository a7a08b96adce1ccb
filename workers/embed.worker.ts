/** The embedding worker: a thin comlink host for the transformers.js embedder, off the UI thread. */
// First: the worker's fetch goes through the page's network door before any library loads.
import '../src/net/install-worker-door';
import { exposeEmbedWorkerHost } from '../src/embed/worker-host';

exposeEmbedWorkerHost();
