import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';

/** One entry of a hand-made tarball; anything tar can encode, including what npm pack never writes. */
export interface TarSpec {
  readonly path: string;
  readonly content?: string | Buffer;
  /** @default 'File' */
  readonly type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  /** @default 0o644 (0o755 for directories) */
  readonly mode?: number;
  readonly linkpath?: string;
  /** A pax header that overrides the ustar name: the name a naive reader sees differs from the real path. */
  readonly paxPath?: string;
  /** Corrupt the header checksum (tar skips such an entry with a warning). */
  readonly badChecksum?: boolean;
  /** Leave this path out of the expected-files list the corpus derives. */
  readonly unlisted?: boolean;
}

const MTIME = new Date('1985-10-26T08:15:00Z');

/** An uncompressed tar archive, written block by block with tar's own Header and Pax encoders. */
export function makeTar(specs: readonly TarSpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const spec of specs) {
    const type = spec.type ?? 'File';
    const data = type === 'File' ? Buffer.from(spec.content ?? '') : Buffer.alloc(0);
    const fields = {
      path: spec.path,
      mode: spec.mode ?? (type === 'Directory' ? 0o755 : 0o644),
      uid: 0,
      gid: 0,
      size: data.length,
      mtime: MTIME,
      type,
      uname: '',
      gname: '',
      ...(spec.linkpath ? { linkpath: spec.linkpath } : {}),
    };
    const header = new Header(fields);
    const block = Buffer.alloc(512);
    const needPax = header.encode(block, 0);
    if (spec.paxPath !== undefined || needPax) blocks.push(new Pax({ ...fields, path: spec.paxPath ?? spec.path }).encode());
    if (spec.badChecksum) block[148] = block[148] === 0x30 ? 0x31 : 0x30;
    blocks.push(block);
    if (data.length) blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A gzipped tarball, as npm would publish it. */
export function makeTgz(specs: readonly TarSpec[]): Buffer {
  return gzipSync(makeTar(specs));
}
