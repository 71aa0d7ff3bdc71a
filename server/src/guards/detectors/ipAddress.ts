/**
 * Globally routable IP addresses (v4 and v6). Private, loopback, CGNAT, link-local, multicast,
 * documentation ranges and netmasks are not labeled, nor are IPv4-shaped versions and OIDs.
 * Spans exclude a `/prefix` length and a `:port`.
 */
import { isIPv6 } from "node:net";
import { before, eachMatch, pattern } from "../scan";
import type { FindingSink } from "../types";

const V4 = pattern(`\\d(?<![0-9.]\\d)\\d{0,2}\\.(?:\\d{1,3}\\.){2}\\d{1,3}(?![0-9]|\\.\\d)`);
const V6 = pattern(`[23](?<![0-9A-Fa-f:.][23])[0-9A-Fa-f]{3}:[0-9A-Fa-f:]{2,40}(?:\\.\\d{1,3}){0,3}(?![0-9A-Fa-f:])`);
const VERSION_CONTEXT =
  /(?:\b(?:versions?|ver|v|build|release|rev|driver|cudnn|cuda|sdk|firmware|assembly\w*|fileversion|productversion|oid)|==|>=|<=|~=)\s*[("'=:]?\s*["']?$/i;

/** True when an IPv4 address is globally routable unicast. */
export function isPublicV4(octets: number[]): boolean {
  const [a, b, c] = octets as [number, number, number, number];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  if (a === 255 || (a === 254 && b === 255)) return false;
  return true;
}

/** The four octets of a dotted quad of 1-3 digit groups; null when one exceeds 255 or has a leading zero. */
function parseOctets(quad: string): number[] | null {
  const out = [0, 0, 0, 0];
  let k = 0;
  let len = 0;
  let lead = 0;
  for (let i = 0; i <= quad.length; i++) {
    const c = i < quad.length ? quad.charCodeAt(i) : 46;
    if (c === 46) {
      if (out[k]! > 255 || (len > 1 && lead === 48)) return null;
      k++;
      len = 0;
      continue;
    }
    if (len === 0) lead = c;
    out[k] = out[k]! * 10 + (c - 48);
    len++;
  }
  return out;
}

/** Pushes each public IPv4 and IPv6 address. */
export function detectIpAddresses(text: string, sink: FindingSink): void {
  eachMatch(V4, text, (m) => {
    const octets = parseOctets(m[0]);
    if (octets === null) return;
    if (!isPublicV4(octets)) return;
    const prev = before(text, m.index, 30, true);
    if (VERSION_CONTEXT.test(prev) || /[A-Za-z]\/$/.test(prev)) return;
    sink("IP_ADDRESS", m.index, m.index + m[0].length, 2);
  });
  eachMatch(V6, text, (m) => {
    let value = m[0];
    if (value.endsWith(":") && !value.endsWith("::")) value = value.slice(0, -1);
    if (!isIPv6(value) || /^2001:0?db8:/i.test(value)) return;
    sink("IP_ADDRESS", m.index, m.index + value.length, 2);
  });
}
