import { describe, expect, it } from "vitest";
import { checkFetchableUrl, isForbiddenHost } from "./public-url";

describe("isForbiddenHost", () => {
  it.each([
    // IPv4 loopback in every form a URL accepts
    "127.0.0.1",
    "127.255.255.254",
    "2130706433",
    "0x7f000001",
    "0x7f.1",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "017700000001",
    "127.1",
    "127.0.1",
    // unspecified, private, CGNAT, link-local (cloud metadata), multicast, reserved, broadcast
    "0.0.0.0",
    "0",
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "100.127.255.255",
    "169.254.169.254",
    "192.0.0.8",
    "192.0.2.1",
    "198.18.0.1",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    // IPv6 with and without brackets
    "::1",
    "[::1]",
    "::",
    "[::]",
    "0:0:0:0:0:0:0:1",
    "fc00::1",
    "fd12:3456:789a::1",
    "FD00::ABCD",
    "fe80::1",
    "febf::1",
    "fec0::1",
    "ff02::1",
    "ff05::1:3",
    // IPv4-mapped, -compatible, SIIT, NAT64 and 6to4 addresses that reach a forbidden IPv4
    "::ffff:127.0.0.1",
    "[::ffff:127.0.0.1]",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:a00:1",
    "::ffff:169.254.169.254",
    "::ffff:192.168.0.1",
    "::127.0.0.1",
    "::8.8.8.8",
    "::ffff:0:127.0.0.1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::1",
    "2002:7f00:1::",
    "2002:c0a8:101::1",
    "2001:db8::1",
    "2001:0:4136:e378::1",
    "100::1",
    // local names
    "localhost",
    "LOCALHOST",
    "localhost.",
    "api.localhost",
    "printer.local",
    "metadata.google.internal",
    "db.internal",
    "box.localdomain",
    "nas.lan",
    "router.home.arpa",
    // single-label names resolve through local search domains
    "intranet",
    "metadata",
    // not host names at all
    "",
    "evil.com@127.0.0.1",
    "127.0.0.1/x",
    "a b.com",
    "256.0.0.1",
    "1::2::3",
    "12345::",
  ])("forbids %s", (host) => {
    expect(isForbiddenHost(host)).toBe(true);
  });

  it.each([
    "example.com",
    "EXAMPLE.com",
    "www.example.co.uk",
    "localhost.example.com",
    "local.example.com",
    "internal.example.com",
    "xn--nxasmq6b.com",
    "bücher.de",
    "8.8.8.8",
    "1.1.1.1",
    "134744072",
    "93.184.215.14",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "192.169.0.1",
    "169.253.255.255",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "[2606:4700:4700::1111]",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows %s", (host) => {
    expect(isForbiddenHost(host)).toBe(false);
  });
});

describe("checkFetchableUrl", () => {
  it("returns the parsed URL for public http and https pages, with any port", () => {
    expect(checkFetchableUrl("https://example.com/a?b=c#d").href).toBe("https://example.com/a?b=c#d");
    expect(checkFetchableUrl("http://example.com:8080/").port).toBe("8080");
    expect(checkFetchableUrl(new URL("https://example.com")).hostname).toBe("example.com");
  });

  it.each([
    ["file:///etc/passwd", "not file"],
    ["ftp://example.com/file", "not ftp"],
    ["data:text/html,<script>alert(1)</script>", "not data"],
    ["javascript:alert(1)", "not javascript"],
    ["ws://example.com/socket", "not ws"],
    ["gopher://example.com:70/", "not gopher"],
  ])("rejects the non-http scheme of %s", (url, reason) => {
    expect(() => checkFetchableUrl(url)).toThrow(`Only http and https URLs can be fetched, ${reason}.`);
  });

  it("rejects text that is not a URL", () => {
    expect(() => checkFetchableUrl("example.com/page")).toThrow('"example.com/page" is not a valid URL.');
    expect(() => checkFetchableUrl("http://")).toThrow("is not a valid URL");
  });

  it("rejects user names and passwords in the URL", () => {
    expect(() => checkFetchableUrl("https://user@example.com/")).toThrow("user name or password");
    expect(() => checkFetchableUrl("https://user:secret@example.com/")).toThrow("user name or password");
    expect(() => checkFetchableUrl("https://example.com@127.0.0.1/")).toThrow("user name or password");
  });

  it.each([
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1:8080/admin",
    "http://127.1/",
    "http://[::1]:3000/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost:8787/",
    "http://app.localhost/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "http://printer.local/",
    "http://%31%32%37.0.0.1/",
  ])("rejects the private or local address %s", (url) => {
    expect(() => checkFetchableUrl(url)).toThrow(
      "is a local or private address; only public web pages can be fetched.",
    );
  });

  it("allows private hosts only when a test asks for it", () => {
    expect(checkFetchableUrl("http://127.0.0.1:1234/", { allowPrivateHosts: true }).host).toBe("127.0.0.1:1234");
    expect(() => checkFetchableUrl("file:///etc/passwd", { allowPrivateHosts: true })).toThrow("Only http and https");
  });
});
