/**
 * The one door to the network: every outbound request of the app goes through `createNetworkDoor`
 * (policy, secrets, ledger). See docs/network-and-security.md.
 */
export { createNetworkDoor, type NetworkDoor, type NetworkDoorOptions } from './door';
export { createNetworkPolicy, originMatches, type Grant, type GrantingPolicy, type GrantSource, type NetworkPolicyOptions } from './policy';
export {
  createMemoryLedgerStore,
  createNetworkLedger,
  type LedgerStore,
  type ReadableLedger,
  type StoredLedgerEntry,
} from './ledger';
export { createIdbLedgerStore } from './idb-ledger-store';
export { createSecretVault, type NewSecret, type SecretInfo, type SecretVault, type SecretVaultOptions } from './secret-vault';
export { installNetworkDoor, installedDoor, type InstalledDoor } from './global';
export { connectWorkerToDoor, serveWorkerDoor } from './worker-link';
export { installWorkerDoor } from './worker-door';
export { grantDuring, MODEL_HUB_ORIGINS, type Granter } from './hub-origins';
export { redactSecrets, redactUrl } from './redact';
export {
  createAppNetwork,
  ENGINE_KEY_SECRET,
  MODEL_API_KEY_SECRET,
  type AppNetwork,
  type AppNetworkOptions,
  type NetworkServices,
} from './app-network';
export type * from './types';
