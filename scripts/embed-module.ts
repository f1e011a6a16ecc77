/**
 * Reads the facts the embedded runtime depends on straight from a .wasm binary: imports, memory
 * limits, and where the active data segments end in linear memory. Only the sections needed are
 * decoded (LEB128 as in the WebAssembly binary format); anything unexpected throws.
 */
export class ModuleShapeError extends Error {
  constructor(message: string, readonly code: 'bad-binary' | 'unsupported') {
    super(message);
    this.name = 'ModuleShapeError';
  }
}

export interface ModuleFacts {
  imports: number;
  memoryInitialPages: number;
  /** Maximum pages, or null when the module declares none. */
  memoryMaxPages: number | null;
  /** First byte after the highest active data segment (0 when there is none). */
  dataEnd: number;
  /** Bytes of the Code section (function bodies). */
  codeBytes: number;
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new ModuleShapeError('unexpected end of module', 'bad-binary');
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0, shift = 0, byte: number;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  s32(): number {
    let result = 0, shift = 0, byte: number;
    do {
      byte = this.byte();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? result | (~0 << shift) : result;
  }
}

export function inspectModule(bytes: Uint8Array): ModuleFacts {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const m of magic) if (r.byte() !== m) throw new ModuleShapeError('not a WebAssembly 1.0 binary', 'bad-binary');
  const facts: ModuleFacts = { imports: 0, memoryInitialPages: 0, memoryMaxPages: null, dataEnd: 0, codeBytes: 0 };
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 2) facts.imports = r.u32();
    if (id === 5 && r.u32() > 0) {
      const flags = r.u32();
      facts.memoryInitialPages = r.u32();
      facts.memoryMaxPages = flags & 1 ? r.u32() : null;
    }
    if (id === 10) facts.codeBytes = size;
    if (id === 11) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const kind = r.u32();
        if (kind === 1) {
          r.pos += r.u32(); // passive segment: not placed in memory
          continue;
        }
        if (kind === 2) r.u32(); // memory index
        if (kind > 2) throw new ModuleShapeError(`data segment kind ${kind}`, 'unsupported');
        if (r.byte() !== 0x41) throw new ModuleShapeError('data segment offset is not an i32.const', 'unsupported');
        const offset = r.s32() >>> 0;
        if (r.byte() !== 0x0b) throw new ModuleShapeError('data segment offset expression too long', 'unsupported');
        const len = r.u32();
        r.pos += len;
        facts.dataEnd = Math.max(facts.dataEnd, offset + len);
      }
    }
    r.pos = end;
  }
  return facts;
}
