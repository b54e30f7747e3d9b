import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { looksBinary } from './text.ts';

/** Extensions of formats that are never text; refused before any byte is read. */
const BINARY_EXTENSIONS = new Set(
  (
    'exe dll so dylib o a lib obj bin class jar war ear pyc pyo pyd whl egg wasm node ' +
    'zip gz tgz bz2 xz zst 7z rar tar lz4 lzma cab iso dmg deb rpm apk msi ' +
    'pdf doc docx xls xlsx ppt pptx odt ods odp epub mobi ' +
    'bmp tif tiff ico icns psd ai sketch heic heif avif raw cr2 nef ' +
    'mp3 mp4 m4a m4v wav flac ogg oga opus aac wma avi mov mkv webm wmv flv mpg mpeg ' +
    'ttf otf woff woff2 eot ' +
    'sqlite sqlite3 db mdb dat pkl pickle npy npz h5 hdf5 parquet avro orc feather safetensors pt pth onnx tflite ckpt ' +
    'blend fbx glb 3ds max swf fla dex keystore jks p12 pfx der crt'
  )
    .split(/\s+/)
    .map((e) => `.${e}`),
);

/** The extension, when it names a binary format (lowercase, with the dot). */
export function binaryExtension(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  return BINARY_EXTENSIONS.has(ext) ? ext : undefined;
}

/** Bytes sniffed for a NUL (git and ripgrep look at about as much). */
const SNIFF_BYTES = 8192;

/** Whether the start of the file has a NUL byte (outside UTF-16 text). */
export async function sniffBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return looksBinary(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
