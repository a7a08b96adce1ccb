/**
 * Yields to the event loop (a macrotask, not a microtask). onnxruntime's CPU kernels resolve their
 * promises as microtasks, so without this a whole answer is generated before any message, click or
 * abort is handled. A MessageChannel hop is used because nested setTimeout calls are clamped to 4 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
