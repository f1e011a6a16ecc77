/**
 * Suppresses the adapter's echo of our own transmission. Half-duplex RS485 adapters (CH341 and
 * others) feed every byte we send back into RX, where a JBD or Daly request looks like a valid
 * frame (`DD A5 03 00 FF FD 77` has a correct JBD checksum). After each write, `expect(bytes)`
 * arms the filter; received data that starts with those bytes, in one chunk or spread over several,
 * has them removed. At the first byte that differs the filter disarms and gives back any bytes it
 * held (so a non-echoing adapter loses nothing). Junk before the echo is not skipped over: the echo
 * always comes first because it is the adapter's own loopback.
 */
export class EchoFilter {
  private expected: Uint8Array | undefined;
  private matched = 0;
  /** Echoes removed completely. */
  suppressed = 0;

  expect(sent: Uint8Array): void {
    this.expected = sent.slice();
    this.matched = 0;
  }

  /** Drop a pending expectation (e.g. the reply arrived without any echo). */
  disarm(): Uint8Array {
    const held = this.expected ? this.expected.subarray(0, this.matched) : new Uint8Array(0);
    this.expected = undefined;
    this.matched = 0;
    return held;
  }

  /** The received bytes with our echo removed. */
  filter(bytes: Uint8Array): Uint8Array {
    const exp = this.expected;
    if (!exp) return bytes;
    let i = 0;
    while (i < bytes.length && this.matched < exp.length && bytes[i] === exp[this.matched]) {
      i++;
      this.matched++;
    }
    if (this.matched === exp.length) {
      this.expected = undefined;
      this.matched = 0;
      this.suppressed++;
      return bytes.subarray(i);
    }
    if (i === bytes.length) return new Uint8Array(0); // all of it may still be echo: hold
    const held = this.disarm();
    const out = new Uint8Array(held.length + bytes.length - i);
    out.set(held, 0);
    out.set(bytes.subarray(i), held.length);
    return out;
  }
}
