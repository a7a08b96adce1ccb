/** Entry point: mounts the app with its real collaborators. */
import { render } from 'solid-js/web';
import { createAppNetwork } from './app/network';
import { App } from './ui/app';
import { createAppUpdates } from './app/updates';
import { createRealServices } from './app/composition-root';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// Before anything else: every request the page (and its workers) makes goes through the network door.
const network = createAppNetwork();
network.install();
const updates = createAppUpdates();
// index.html paints a loading shell inside #root before this script runs; the app replaces it.
root.replaceChildren();
// Created once, outside JSX: Solid turns a call in a prop into a getter, so `services={create…()}`
// would build new services (a new tool registry) on every read of `props.services`.
const services = { ...createRealServices({ network }), updates };
render(() => <App services={services} />, root);
// The service worker (offline use, the update prompt) is registered after the first paint.
void import('./ui/pwa/register-updates').then(({ registerServiceWorker }) => registerServiceWorker(updates));
