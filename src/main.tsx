/** Entry point: mounts the app with its real collaborators. */
import { render } from 'solid-js/web';
import { App } from './ui/app';
import { createRealServices } from './ui/real-services';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
render(() => <App services={createRealServices()} />, root);
