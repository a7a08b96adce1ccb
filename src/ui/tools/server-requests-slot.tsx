import { createSignal, lazy, onCleanup, Show } from 'solid-js';
import type { ServerRequestQueue } from '../../app/tools/server-requests';

// Not part of the first screen: the dialogs' code is fetched when a server first asks.
const ServerRequestDialogs = lazy(() => import('./server-request-dialog').then((module) => ({ default: module.ServerRequestDialogs })));

/** MCP servers' sampling and elicitation requests: their dialogs mount at the first request and stay. */
export function ServerRequestsSlot(props: { queue: ServerRequestQueue | undefined }) {
  const [shown, setShown] = createSignal(false);
  const requests = props.queue;
  if (requests) {
    const showOnRequest = (): void => {
      if (requests.current()) setShown(true);
    };
    showOnRequest();
    onCleanup(requests.subscribe(showOnRequest));
  }
  return <Show when={shown() ? requests : undefined}>{(queue) => <ServerRequestDialogs queue={queue()} />}</Show>;
}
