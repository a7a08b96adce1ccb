/** Base64 to and from bytes: defined in core (tools need it too), kept here for the store's callers. */
export { base64ToBytes, bytesToBase64 } from '../core/base64';
