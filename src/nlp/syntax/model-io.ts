// The binary container of the syntax model: "LSYN", a format version, a JSON header (names, settings,
// provenance, the section table), then typed-array sections, each aligned to 4 bytes. The whole file is gzip'd.
// Weight sets are stored as used at run time: the open-addressing slot table (key, first entry << 8 | count) and
// the entries (class << 16 | int16 weight), with one scale per set.
import { SparseWeights } from './features.js';

type ArrayKind = 'u8' | 'u16' | 'u32' | 'i16' | 'i32' | 'f32';
type AnyArray = Uint8Array | Uint16Array | Uint32Array | Int16Array | Int32Array | Float32Array;

interface SectionInfo {
  name: string;
  kind: ArrayKind;
  length: number;
  offset: number;
}

const MAGIC = 0x4e59534c; // "LSYN" little-endian
const VERSION = 1;

const kindOf = (a: AnyArray): ArrayKind =>
  a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Uint32Array ? 'u32' : a instanceof Int16Array ? 'i16' : a instanceof Int32Array ? 'i32' : 'f32';

export function packModel(header: Record<string, unknown>, sections: Record<string, AnyArray>): Buffer {
  const infos: SectionInfo[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(sections)) {
    infos.push({ name, kind: kindOf(arr), length: arr.length, offset });
    offset += Math.ceil(arr.byteLength / 4) * 4;
  }
  const json = Buffer.from(JSON.stringify({ ...header, sections: infos }), 'utf8');
  const pre = Buffer.alloc(12);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(VERSION, 4);
  pre.writeUInt32LE(json.length, 8);
  const pad = Buffer.alloc((4 - ((12 + json.length) % 4)) % 4);
  const body = Buffer.alloc(offset);
  for (const info of infos) {
    const arr = sections[info.name]!;
    Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(body, info.offset);
  }
  return Buffer.concat([pre, json, pad, body]);
}

export function unpackModel(raw: Buffer): { header: Record<string, unknown>; sections: Map<string, AnyArray> } {
  if (raw.length < 12 || raw.readUInt32LE(0) !== MAGIC) throw new Error('syntax model: not an LSYN file');
  if (raw.readUInt32LE(4) !== VERSION) throw new Error(`syntax model: unsupported version ${raw.readUInt32LE(4)}`);
  const len = raw.readUInt32LE(8);
  const header = JSON.parse(raw.subarray(12, 12 + len).toString('utf8')) as Record<string, unknown>;
  const base = 12 + len + ((4 - ((12 + len) % 4)) % 4);
  // the sections are views on the body: on the decompressed buffer itself when it is 4-byte aligned, else on one
  // aligned copy
  let body: ArrayBufferLike;
  let at: number;
  if ((raw.byteOffset + base) % 4 === 0) {
    body = raw.buffer;
    at = raw.byteOffset + base;
  } else {
    const copy = new ArrayBuffer(raw.length - base);
    new Uint8Array(copy).set(raw.subarray(base));
    body = copy;
    at = 0;
  }
  const sections = new Map<string, AnyArray>();
  for (const s of header.sections as SectionInfo[]) {
    const ctor = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i16: Int16Array, i32: Int32Array, f32: Float32Array }[s.kind];
    sections.set(s.name, new ctor(body as ArrayBuffer, at + s.offset, s.length));
  }
  return { header, sections };
}

/** Sections of a weight set: its slot table and entries as they are used (so loading builds nothing). */
export function encodeWeights(sw: SparseWeights, prefix: string): { sections: Record<string, AnyArray>; scale: number } {
  return { sections: { [`${prefix}.slots`]: sw.slots, [`${prefix}.ent`]: sw.ent }, scale: sw.scale };
}

export function decodeWeights(sections: Map<string, AnyArray>, prefix: string, scale: number): SparseWeights {
  const slots = sections.get(`${prefix}.slots`) as Uint32Array | undefined;
  const ent = sections.get(`${prefix}.ent`) as Int32Array | undefined;
  if (!slots || !ent) throw new Error(`syntax model: weights ${prefix} missing`);
  return SparseWeights.fromTables(slots, ent, scale);
}
