/** The embedding worker: a thin comlink host for the transformers.js embedder, off the UI thread. */
import { exposeEmbedWorkerHost } from '../src/embed/worker-host';

exposeEmbedWorkerHost();
