import { isPrivateOrigin } from '../tools/private-address';
import type { NetworkPolicy, PolicyDecision, PolicyRequest } from './types';

/** One origin someone may reach: an exact origin, or `scheme://*.domain` for a domain's subdomains. */
export interface Grant {
  origin: string;
  /** Who holds it: 'engine', 'tool:<name>', 'mcp:<server>', 'model download'… (shown in the ledger). */
  holder: string;
  /**
   * The person allowed this origin although it is on their own machine or private network
   * (loopback, link-local, private ranges: see `isPrivateOrigin`). Without it such an origin is
   * refused, in strict mode or not.
   */
  privateNetwork?: boolean;
}

/** Grants derived from current state (enabled tools, the configured engine), read on every request. */
export type GrantSource = () => Iterable<Grant>;

export interface NetworkPolicyOptions {
  /** Strict mode: only granted origins (default on). Read on every request, so a toggle applies at once. */
  strict: () => boolean;
  /** Grants computed from the app's state on each request. */
  sources?: readonly GrantSource[];
  /** A more specific way to allow an origin, when there is one (the model hub: download it in Models). */
  advice?: (origin: string) => string | undefined;
}

/** The policy the page's door uses, plus temporary grants (a download the person started). */
export interface GrantingPolicy extends NetworkPolicy {
  /**
   * Grants `origins` to `holder` until the returned function is called. These grants come from
   * something the person started with an address they gave (a download, connecting a server), so
   * they cover private-network origins too.
   */
  grant(origins: readonly string[], holder: string): () => void;
  /** Every grant in force now (sources and temporary ones), for the Network page. */
  grants(): Grant[];
}

/** True when `origin` is covered by the grant `pattern` (exact, or a `*.` subdomain wildcard). */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  const wildcard = /^(https?):\/\/\*\.([^/:]+)(:\d+)?$/.exec(pattern);
  if (!wildcard) return false;
  let target: URL;
  try {
    target = new URL(origin);
  } catch {
    return false;
  }
  const [, scheme, domain, port] = wildcard;
  if (target.protocol !== `${scheme}:`) return false;
  if ((port ?? '') !== (target.port ? `:${target.port}` : '')) return false;
  return target.hostname.endsWith(`.${domain}`);
}

/**
 * The door's policy. In strict mode (the default) a request may reach only an origin granted to
 * an enabled tool, the configured engine, or a temporary grant (a model download the person
 * started); anything else is blocked with a message naming the origin and how to allow it.
 * Stops a steered tool, a library or an injected instruction from contacting an address the
 * person never allowed. Outside strict mode every origin is allowed (and still recorded), except
 * private-network origins, which always need a grant that says `privateNetwork`.
 */
export function createNetworkPolicy(options: NetworkPolicyOptions): GrantingPolicy {
  const temporary = new Map<symbol, Grant[]>();
  const all = (): Grant[] => {
    const found: Grant[] = [];
    for (const source of options.sources ?? []) {
      try {
        found.push(...source());
      } catch {
        // A broken source grants nothing; the others still apply.
      }
    }
    for (const grants of temporary.values()) found.push(...grants);
    return found;
  };
  return {
    decide(request: PolicyRequest): PolicyDecision {
      const matching = all().filter((candidate) => originMatches(candidate.origin, request.origin));
      if (isPrivateOrigin(request.origin)) {
        const privateGrant = matching.find((candidate) => candidate.privateNetwork === true);
        if (privateGrant) return { allowed: true, grantedBy: privateGrant.holder };
        const holders = matching.map((candidate) => candidate.holder);
        return {
          allowed: false,
          reason:
            `Blocked a request to ${request.origin}${request.requester ? ` from ${request.requester}` : ''}: it is on this ` +
            `computer or a private network (loopback, link-local or a private range), and ` +
            (holders.length > 0 ? `the grant of ${holders.join(', ')} does not cover private addresses. ` : 'nothing grants it. ') +
            'To allow it, confirm the private-network warning where the tool or server is set up.',
        };
      }
      const grant = matching[0];
      if (grant) return { allowed: true, grantedBy: grant.holder };
      if (!options.strict()) return { allowed: true };
      const how =
        options.advice?.(request.origin) ??
        'To allow it, enable a tool that lists this origin (or add it to the tool), or turn off strict mode on the Network page.';
      return {
        allowed: false,
        reason:
          `Blocked a request to ${request.origin}${request.requester ? ` from ${request.requester}` : ''}: strict network mode ` +
          `allows only origins granted to an enabled tool or the configured engine. ${how}`,
      };
    },
    grant(origins, holder) {
      const key = Symbol(holder);
      temporary.set(
        key,
        origins.map((origin) => (isPrivateOrigin(origin) ? { origin, holder, privateNetwork: true } : { origin, holder })),
      );
      return () => {
        temporary.delete(key);
      };
    },
    grants: all,
  };
}
