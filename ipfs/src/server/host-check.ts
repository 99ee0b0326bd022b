/**
 * DNS-rebinding protection for the RPC API. A web page can point a name it controls at
 * 127.0.0.1 and then talk to the API as a "same-origin" site; the one thing it cannot change is
 * the `Host` header, which carries its own name. So the API answers only requests whose `Host`
 * is a loopback name, the address it was bound to, or a name the operator allowed.
 */

/** Host names (without port) every node accepts. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

const WILDCARD_HOSTS = new Set(["0.0.0.0", "[::]"]);

/**
 * Returns a check for `Host` header values. `boundHost` is the interface the API listens on
 * (a wildcard such as `0.0.0.0` adds nothing); `allowedHosts` are extra names, with or
 * without a port. Any port is accepted.
 */
export function createHostCheck(boundHost: string, allowedHosts: readonly string[] = []) {
  const allowed = new Set<string>(LOOPBACK_HOSTS);
  for (const name of [boundHost, ...allowedHosts]) {
    const bareIpv6 = !name.startsWith("[") && name.split(":").length > 2;
    const hostname = hostnameOf(bareIpv6 ? `[${name}]` : name);
    if (hostname && !WILDCARD_HOSTS.has(hostname)) allowed.add(hostname);
  }
  return (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    const hostname = hostnameOf(hostHeader);
    return hostname !== undefined && allowed.has(hostname);
  };
}

/** The lower-cased host name of a `Host` value (`name[:port]`), or undefined if it is not one. */
function hostnameOf(value: string): string | undefined {
  if (!/^[\w.\-[\]:]+$/.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}/`);
    if (url.username || url.password || url.pathname !== "/") return undefined;
    return url.hostname;
  } catch {
    return undefined;
  }
}
