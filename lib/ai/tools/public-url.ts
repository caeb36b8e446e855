/**
 * Which URLs the fetch_web_page tool may request: public http(s) pages only, never the
 * machine it runs on or a private network (SSRF).
 *
 * These checks are the first line. A Worker can't resolve DNS itself, so a public name that
 * resolves to a private address isn't caught here; that is what the
 * `global_fetch_strictly_public` compatibility flag in wrangler.jsonc is for: with it,
 * fetch() on Workers refuses private and local addresses whatever the URL says.
 */

export interface FetchableUrlOptions {
  /** Tests only: lets a test reach its own server on 127.0.0.1. Production never sets it. */
  allowPrivateHosts?: boolean;
}

/** Returns the URL if the tool may fetch it; throws an Error saying why not otherwise. */
export function checkFetchableUrl(input: string | URL, options: FetchableUrlOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(`"${String(input)}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}.`);
  }
  // Credentials in a URL are never needed for a public page and can smuggle a host past readers.
  if (url.username || url.password) throw new Error("URLs with a user name or password are not allowed.");
  if (!options.allowPrivateHosts && isForbiddenHost(url.hostname)) {
    throw new Error(`${url.hostname} is a local or private address; only public web pages can be fetched.`);
  }
  return url;
}

/** Names that only mean something on a local network. */
const LOCAL_NAME_SUFFIXES = ["localhost", "local", "internal", "localdomain", "lan", "home.arpa"];

/**
 * True for hosts the tool must not reach: local names, and IP literals in loopback, private,
 * link-local, CGNAT, multicast, unspecified or other non-public ranges. Accepts every form a
 * URL accepts (2130706433, 0x7f.1, 127.1, [::ffff:127.0.0.1], ...) by letting the WHATWG URL
 * parser canonicalize it first, exactly as fetch() will.
 */
export function isForbiddenHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  if (host === null) return true;
  if (host.startsWith("[")) {
    const words = parseIPv6(host.slice(1, -1));
    return words === null || isForbiddenIPv6(words);
  }
  const ipv4 = parseIPv4(host);
  if (ipv4 !== null) return isForbiddenIPv4(ipv4);
  const name = host.replace(/\.+$/, "");
  // Single-label names ("router", "metadata") resolve through local search domains.
  if (!name.includes(".")) return true;
  return LOCAL_NAME_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/** The host as fetch() will see it, or null when it isn't a valid host. */
function canonicalHost(hostname: string): string | null {
  // Anything that would make the URL parser read a different host is not a plain host name.
  if (hostname === "" || /[\s/\\@#?]/.test(hostname)) return null;
  const bracketed = hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
  try {
    return new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
}

/** Dotted-quad IPv4 (the URL parser's canonical form) as a 32-bit number, or null. */
function parseIPv4(host: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((address, octet) => address * 256 + octet, 0);
}

/** Non-public IPv4 ranges (IANA special-purpose registry), as [first address, prefix length]. */
const FORBIDDEN_IPV4: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

const FORBIDDEN_IPV4_RANGES = FORBIDDEN_IPV4.map(([first, prefix]) => {
  const start = parseIPv4(first) ?? 0;
  return { start, size: 2 ** (32 - prefix) };
});

function isForbiddenIPv4(address: number): boolean {
  return FORBIDDEN_IPV4_RANGES.some(({ start, size }) => address >= start && address < start + size);
}

/** IPv6 text (without brackets) as eight 16-bit words, or null. */
function parseIPv6(text: string): number[] | null {
  let source = text;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) stands for the last two words.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(source);
  if (dotted?.[1] && dotted[2]) {
    const ipv4 = parseIPv4(dotted[2]);
    if (ipv4 === null) return null;
    source = `${dotted[1]}${(ipv4 >>> 16).toString(16)}:${(ipv4 & 0xffff).toString(16)}`;
  }
  const halves = source.split("::");
  if (halves.length > 2) return null;
  const toWords = (part: string) => (part === "" ? [] : part.split(":"));
  const head = toWords(halves[0] ?? "");
  const tail = halves.length === 2 ? toWords(halves[1] ?? "") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const parts = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (parts.some((part) => !/^[0-9a-f]{1,4}$/i.test(part))) return null;
  return parts.map((part) => Number.parseInt(part, 16));
}

function isForbiddenIPv6(words: number[]): boolean {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = words;
  const embeddedIPv4 = w6 * 0x10000 + w7;
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0) {
    // ::/96 (unspecified, loopback, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped).
    if (w5 === 0xffff) return isForbiddenIPv4(embeddedIPv4);
    return true;
  }
  // ::ffff:0:a.b.c.d (SIIT) and 64:ff9b::/96 (NAT64) reach the embedded IPv4 address.
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0xffff && w5 === 0) return isForbiddenIPv4(embeddedIPv4);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) {
    return isForbiddenIPv4(embeddedIPv4);
  }
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 1) return true; // local-use NAT64
  if (w0 === 0x2002) return isForbiddenIPv4(w1 * 0x10000 + w2); // 6to4 embeds an IPv4 address
  if (w0 === 0x2001 && (w1 === 0 || w1 === 0xdb8)) return true; // Teredo, documentation
  if (w0 === 0x100 && w1 === 0 && w2 === 0 && w3 === 0) return true; // discard-only
  if ((w0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((w0 & 0xffc0) === 0xfe80 || (w0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  if ((w0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}
