/**
 * Probes the device's capabilities off the main thread: the first `requestAdapter` initialises the
 * GPU stack (80+ ms with a software adapter), which on the main thread was a long task right as the
 * welcome appeared. Makes no requests; posts one CapabilityReport and is terminated.
 */
import { probeCapabilities, type NavigatorLike } from '../src/llm/capabilities/probe';

void probeCapabilities(self.navigator as unknown as NavigatorLike).then((report) => self.postMessage(report));
